/**
 * P(alive) and expected-purchase matrices over frequency × recency, for heatmaps (the
 * "probability alive matrix" and "frequency/recency matrix" plots of lifetimes).
 */
import { invalidInput } from '../errors';
import { type BgBbParams, bgBb } from './bgBb';
import { type TransactionModelName, transactionModelByName } from './clv';
import type { ModelParams } from './types';

/** Grid of a matrix: frequency 0…maxFrequency (rows) × recency 0…maxRecency (columns), at age T. */
export interface MatrixOptions {
  /** Largest frequency (row), an integer >= 0. */
  maxFrequency: number;
  /** Largest recency (column), an integer >= 0 and <= T. */
  maxRecency: number;
  /** Customer age T in the summary unit (for bgBb: the number of opportunities n, an integer). */
  T: number;
}

/** Options of {@link expectedPurchasesMatrix}: the grid plus the horizon t. */
export interface ExpectedPurchasesMatrixOptions extends MatrixOptions {
  /** Horizon after T, in the summary unit (bgBb: opportunities, an integer). */
  t: number;
}

/** Model names the matrices accept: the continuous-time models and the discrete BG/BB. */
export type MatrixModelName = TransactionModelName | 'bgBb';

/** Largest number of cells a matrix may have (guards against a T of 10,000 days by mistake). */
const MAX_CELLS = 4_000_000;

function checkGrid(fn: string, model: MatrixModelName, o: MatrixOptions): void {
  if (o === null || typeof o !== 'object')
    throw invalidInput(fn, 'options', 'an object', o, { code: 'invalid_type' });
  for (const k of ['maxFrequency', 'maxRecency'] as const) {
    if (typeof o[k] !== 'number' || !Number.isInteger(o[k]) || o[k] < 0) {
      throw invalidInput(fn, k, 'an integer >= 0', o[k], { code: 'invalid_grid' });
    }
  }
  const discrete = model === 'bgBb';
  if (
    typeof o.T !== 'number' ||
    !Number.isFinite(o.T) ||
    o.T <= 0 ||
    (discrete && !Number.isInteger(o.T))
  ) {
    throw invalidInput(
      fn,
      'T',
      discrete ? 'an integer >= 1 (opportunities n)' : 'a finite number > 0',
      o.T,
      { code: 'invalid_T' },
    );
  }
  if (o.maxRecency > o.T) {
    throw invalidInput(fn, 'maxRecency', `<= T (${o.T})`, o.maxRecency, { code: 'invalid_grid' });
  }
  const cells = (o.maxFrequency + 1) * (o.maxRecency + 1);
  if (cells > MAX_CELLS) {
    throw invalidInput(fn, 'maxFrequency × maxRecency', `at most ${MAX_CELLS} cells`, cells, {
      code: 'too_big',
    });
  }
}

/** Whether (x, tₓ) is a possible history: tₓ = 0 iff x = 0 (bgBb also needs x ≤ tₓ). */
function possible(model: MatrixModelName, x: number, tx: number): boolean {
  if (x === 0 || tx === 0) return x === tx;
  return model !== 'bgBb' || tx >= x;
}

function build(
  fn: string,
  model: MatrixModelName,
  o: MatrixOptions,
  cell: (x: number, tx: number) => number,
): (number | null)[][] {
  checkGrid(fn, model, o);
  const rows: (number | null)[][] = [];
  for (let x = 0; x <= o.maxFrequency; x++) {
    const row: (number | null)[] = new Array(o.maxRecency + 1);
    for (let tx = 0; tx <= o.maxRecency; tx++)
      row[tx] = possible(model, x, tx) ? cell(x, tx) : null;
    rows.push(row);
  }
  return rows;
}

/**
 * Matrix of P(alive at T) for every frequency x (row) and recency tₓ (column) of a customer of
 * age T: `matrix[x][tₓ]` = model.probabilityAlive(params, { frequency: x, recency: tₓ, T })
 * (bgBb: { frequency: x, recency: tₓ, n: T }). Impossible histories are `null`, so a heatmap
 * leaves them blank: x = 0 needs tₓ = 0, x > 0 needs tₓ > 0, and bgBb also needs x ≤ tₓ.
 * Values in [0, 1]. O(maxFrequency × maxRecency) model evaluations.
 * @throws InvalidInputError for an unknown model, a grid that is not integers >= 0,
 *   maxRecency > T, more than 4,000,000 cells, or invalid params (from the model).
 * @example
 * probabilityAliveMatrix('bgNbd', { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { maxFrequency: 1, maxRecency: 2, T: 2 })
 * // → [[1, null, null], [null, 0.7125, 0.7537]] (rows x = 0, 1; columns tₓ = 0, 1, 2)
 */
export function probabilityAliveMatrix(
  model: MatrixModelName,
  params: object,
  options: MatrixOptions,
): (number | null)[][] {
  const fn = 'probabilityAliveMatrix';
  if (model === 'bgBb') {
    const p = params as BgBbParams;
    return build(fn, model, options, (x, tx) =>
      bgBb.probabilityAlive(p, { frequency: x, recency: tx, n: options.T }),
    );
  }
  const m = transactionModelByName(fn, model);
  return build(fn, model, options, (x, tx) =>
    m.probabilityAlive(params as ModelParams, { frequency: x, recency: tx, T: options.T }),
  );
}

/**
 * Matrix of conditional expected purchases in (T, T + t] for every frequency x (row) and
 * recency tₓ (column): `matrix[x][tₓ]` = model.conditionalExpectedPurchases(params, t,
 * { frequency: x, recency: tₓ, T }) (bgBb: t future opportunities after n = T). Impossible
 * histories are `null` (see {@link probabilityAliveMatrix}). Values >= 0.
 * @throws InvalidInputError as {@link probabilityAliveMatrix}, and for t not finite >= 0
 *   (bgBb: not an integer).
 * @example
 * expectedPurchasesMatrix('bgNbd', { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { t: 39, maxFrequency: 1, maxRecency: 1, T: 1 })
 * // → [[1.0406, null], [null, 3.4333]] (expected purchases in the next 39 weeks)
 */
export function expectedPurchasesMatrix(
  model: MatrixModelName,
  params: object,
  options: ExpectedPurchasesMatrixOptions,
): (number | null)[][] {
  const fn = 'expectedPurchasesMatrix';
  const t = options?.t;
  if (
    typeof t !== 'number' ||
    !Number.isFinite(t) ||
    t < 0 ||
    (model === 'bgBb' && !Number.isInteger(t))
  ) {
    throw invalidInput(
      fn,
      't',
      model === 'bgBb' ? 'an integer >= 0 (opportunities)' : 'a finite number >= 0',
      t,
      { code: 'invalid_time' },
    );
  }
  if (model === 'bgBb') {
    const p = params as BgBbParams;
    return build(fn, model, options, (x, tx) =>
      bgBb.conditionalExpectedPurchases(p, t, { frequency: x, recency: tx, n: options.T }),
    );
  }
  const m = transactionModelByName(fn, model);
  return build(fn, model, options, (x, tx) =>
    m.conditionalExpectedPurchases(params as ModelParams, t, {
      frequency: x,
      recency: tx,
      T: options.T,
    }),
  );
}
