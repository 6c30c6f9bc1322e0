/**
 * Holdout validation of a fitted transaction model: predicted vs actual purchases per customer
 * and by calibration frequency, with error metrics (the conditional-expectation check of
 * Fader, Hardie & Lee 2005, Figure 4).
 */
import { Adder } from '../_lib/sum';
import { InsufficientDataError, invalidInput } from '../errors';
import { transactionModelByName } from './clv';
import type { ModelParams } from './types';

/** One customer: calibration summary plus holdout purchases (e.g. a `calibrationHoldout` row). */
export interface HoldoutRow {
  customerId?: string;
  /** Calibration frequency, recency and T (summary unit). */
  frequency: number;
  recency: number;
  T: number;
  /** Repeat purchases (periods) in the holdout window. */
  frequencyHoldout: number;
  /** Length of the holdout window in the summary unit. */
  durationHoldout: number;
}

/** Options of {@link holdoutValidation}. */
export interface HoldoutValidationOptions {
  /** Calibration frequencies >= this are pooled in one bucket "7+" (default 7). */
  maxBucket?: number;
}

/** Predicted vs actual for one calibration-frequency bucket. */
export interface FrequencyBucket {
  /** Label: "0", "1", …, "7+". */
  bucket: string;
  /** Lowest calibration frequency in the bucket. */
  frequency: number;
  customers: number;
  actualMean: number;
  predictedMean: number;
  actualTotal: number;
  predictedTotal: number;
}

/** Result of {@link holdoutValidation}: plain JSON. */
export interface HoldoutValidation {
  model: string;
  /** Per customer, in input order. */
  customers: { customerId?: string; frequency: number; predicted: number; actual: number }[];
  /** Non-empty buckets in increasing frequency. */
  byFrequency: FrequencyBucket[];
  /** Number of customers. */
  n: number;
  totalActual: number;
  totalPredicted: number;
  /** (totalPredicted − totalActual) / totalActual, or null when totalActual = 0. */
  aggregateError: number | null;
  /** Mean absolute error per customer. */
  mae: number;
  /** Root mean squared error per customer. */
  rmse: number;
  /** Pearson correlation of predicted and actual, or null when either is constant. */
  correlation: number | null;
}

const DEFAULTS = { maxBucket: 7 } as const;
const FN = 'holdoutValidation';

/**
 * Validates a fitted transaction model against holdout purchases.
 * predicted_i = model.conditionalExpectedPurchases(params, durationHoldout_i, calibration
 * summary_i); actual_i = frequencyHoldout_i.
 * MAE = Σ|pred − act|/n, RMSE = sqrt(Σ(pred − act)²/n), correlation = Pearson r,
 * aggregateError = (Σpred − Σact)/Σact; by calibration frequency 0, 1, …, maxBucket+ the
 * mean actual and mean predicted holdout purchases (FHL 2005, Figure 4).
 * Units: durationHoldout, recency and T must share the unit the model was fitted in.
 * Complexity: O(n) model evaluations.
 * @throws InvalidInputError for an unknown model, an invalid row (index and customer named:
 *   frequencyHoldout not an integer >= 0, durationHoldout not finite >= 0, or an invalid
 *   calibration summary), or maxBucket not an integer >= 1.
 * @throws InsufficientDataError for an empty list.
 * @example
 * holdoutValidation(
 *   { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
 *   [{ frequency: 2, recency: 30.43, T: 38.86, frequencyHoldout: 1, durationHoldout: 39 }],
 * ).customers[0].predicted // → 1.2260 (FHL 2005 §5: 1.226)
 */
export function holdoutValidation(
  fit: { model: string; params: object },
  holdoutSummaries: readonly HoldoutRow[],
  options: HoldoutValidationOptions = {},
): HoldoutValidation {
  if (fit === null || typeof fit !== 'object')
    throw invalidInput(FN, 'fit', 'a fit { model, params }', fit, { code: 'invalid_type' });
  const model = transactionModelByName(FN, fit.model);
  const maxBucket = options.maxBucket ?? DEFAULTS.maxBucket;
  if (!Number.isInteger(maxBucket) || maxBucket < 1) {
    throw invalidInput(FN, 'options.maxBucket', 'an integer >= 1', maxBucket, {
      code: 'invalid_option',
    });
  }
  if (!Array.isArray(holdoutSummaries))
    throw invalidInput(FN, 'holdoutSummaries', 'an array', holdoutSummaries, {
      code: 'invalid_type',
    });
  if (holdoutSummaries.length === 0)
    throw new InsufficientDataError(`${FN}: expected at least one customer, received 0`);

  const customers = holdoutSummaries.map((row, i) => {
    const where = {
      path: ['holdoutSummaries', i],
      ...(row?.customerId !== undefined ? { customerId: row.customerId } : {}),
    };
    const actual = row?.frequencyHoldout;
    if (typeof actual !== 'number' || !Number.isInteger(actual) || actual < 0) {
      throw invalidInput(FN, 'frequencyHoldout', 'an integer >= 0', actual, {
        code: 'invalid_count',
        ...where,
      });
    }
    const duration = row.durationHoldout;
    if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) {
      throw invalidInput(FN, 'durationHoldout', 'a finite number >= 0', duration, {
        code: 'invalid_time',
        ...where,
      });
    }
    let predicted: number;
    try {
      predicted = model.conditionalExpectedPurchases(fit.params as ModelParams, duration, {
        frequency: row.frequency,
        recency: row.recency,
        T: row.T,
      });
    } catch (e) {
      if (e instanceof Error && 'issues' in e) {
        for (const issue of (e as { issues: object[] }).issues) Object.assign(issue, where);
        e.message = `${e.message} (${FN}: holdoutSummaries[${i}]${row.customerId !== undefined ? `, customer ${JSON.stringify(row.customerId)}` : ''})`;
      }
      throw e;
    }
    return {
      ...(row.customerId !== undefined ? { customerId: row.customerId } : {}),
      frequency: row.frequency,
      predicted,
      actual,
    };
  });

  const n = customers.length;
  const sums = { act: new Adder(), pred: new Adder(), abs: new Adder(), sq: new Adder() };
  const buckets = new Map<number, { customers: number; act: Adder; pred: Adder }>();
  for (const c of customers) {
    sums.act.add(c.actual);
    sums.pred.add(c.predicted);
    sums.abs.add(Math.abs(c.predicted - c.actual));
    sums.sq.add((c.predicted - c.actual) ** 2);
    const key = Math.min(c.frequency, maxBucket);
    const b = buckets.get(key) ?? { customers: 0, act: new Adder(), pred: new Adder() };
    b.customers += 1;
    b.act.add(c.actual);
    b.pred.add(c.predicted);
    buckets.set(key, b);
  }
  const totalActual = Number(sums.act);
  const totalPredicted = Number(sums.pred);
  const byFrequency = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([frequency, b]) => ({
      bucket: frequency === maxBucket ? `${maxBucket}+` : String(frequency),
      frequency,
      customers: b.customers,
      actualMean: Number(b.act) / b.customers,
      predictedMean: Number(b.pred) / b.customers,
      actualTotal: Number(b.act),
      predictedTotal: Number(b.pred),
    }));
  return {
    model: fit.model,
    customers,
    byFrequency,
    n,
    totalActual,
    totalPredicted,
    aggregateError: totalActual > 0 ? (totalPredicted - totalActual) / totalActual : null,
    mae: Number(sums.abs) / n,
    rmse: Math.sqrt(Number(sums.sq) / n),
    correlation: pearson(
      customers.map((c) => c.predicted),
      customers.map((c) => c.actual),
    ),
  };
}

/** Pearson correlation (two-pass, centred), or null when either series is constant. */
function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0 && syy > 0)) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
