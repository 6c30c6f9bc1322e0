import { Adder } from '../_lib/sum';
import { invalidInput } from '../errors';

function checkFinite(fn: string, values: readonly number[]): void {
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw invalidInput(fn, `values[${i}]`, 'a finite number', v, { code: 'invalid_number' });
    }
  });
}

/** Options of {@link minMaxScale}. */
export interface MinMaxScaleOptions {
  /** Target range `[low, high]`, low < high. Default `[0, 1]`. */
  range?: readonly [number, number];
}

const MINMAX_DEFAULTS = { range: [0, 1] as const };

/**
 * Rescales values linearly onto a range (scikit-learn `MinMaxScaler`, pandas min-max).
 *
 * Formula: x' = low + (x − min) / (max − min) × (high − low).
 * Constant input (max = min) maps every value to `low`, as scikit-learn does (it replaces a
 * zero range by 1), never to NaN. Empty input gives `[]`. Unitless output. O(n).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for a non-finite value (named by index) or
 *   a range with low ≥ high.
 * @example
 * minMaxScale([10, 20, 40]); // [0, 0.3333333333333333, 1]
 * minMaxScale([5, 5, 5]); // [0, 0, 0]
 */
export function minMaxScale(values: readonly number[], options: MinMaxScaleOptions = {}): number[] {
  const [low, high] = options.range ?? MINMAX_DEFAULTS.range;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
    throw invalidInput('minMaxScale', 'range', 'finite [low, high] with low < high', [low, high], {
      code: 'invalid_option',
    });
  }
  checkFinite('minMaxScale', values);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  if (span === 0) return values.map(() => low);
  return values.map((v) => {
    const x = low + ((v - min) / span) * (high - low);
    // Guard the ends against rounding (e.g. low + 1 × (high − low) ≠ high in floating point).
    return v === max ? high : v === min ? low : x;
  });
}

/** Options of {@link zScore}. */
export interface ZScoreOptions {
  /**
   * Delta degrees of freedom of the standard deviation: 0 (default) = population SD, as
   * scikit-learn `StandardScaler`; 1 = sample SD, as pandas `std()`.
   */
  ddof?: 0 | 1;
}

const ZSCORE_DEFAULTS = { ddof: 0 } as const;

/**
 * Standardizes values to mean 0 and standard deviation 1 (scikit-learn `StandardScaler`).
 *
 * Formula: z = (x − mean) / sd, sd = sqrt(Σ (x − mean)² / (n − ddof)); sums are compensated.
 * Constant input (sd = 0) gives all zeros, as scikit-learn does (it replaces a zero scale by
 * 1), never NaN. Empty input gives `[]`; with `ddof: 1` a single value also gives `[0]`.
 * Unitless output. O(n).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for a non-finite value, named by index.
 * @example
 * zScore([2, 4, 4, 4, 5, 5, 7, 9]); // [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2] (mean 5, sd 2)
 */
export function zScore(values: readonly number[], options: ZScoreOptions = {}): number[] {
  const ddof = options.ddof ?? ZSCORE_DEFAULTS.ddof;
  checkFinite('zScore', values);
  const n = values.length;
  if (n === 0) return [];
  // z-scores do not change when every value is scaled by the same constant, so the values are
  // first scaled to magnitudes in [1, 2): tiny (even subnormal) spreads then neither underflow
  // nor lose their digits, and huge ones cannot overflow when squared.
  let magnitude = 0;
  for (const v of values) magnitude = Math.max(magnitude, Math.abs(v));
  const denominator = n - ddof;
  if (magnitude === 0 || denominator <= 0) return values.map(() => 0);
  // A power of two keeps the division exact (1 and 2 per step, so 2^1074 never overflows).
  const k = -Math.floor(Math.log2(magnitude));
  const f1 = 2 ** Math.trunc(k / 2);
  const f2 = 2 ** (k - Math.trunc(k / 2));
  const u = values.map((v) => v * f1 * f2);
  const sum = new Adder();
  for (const v of u) sum.add(v);
  const mean = Number(sum) / n;
  const squares = new Adder();
  for (const v of u) squares.add((v - mean) ** 2);
  const sd = Math.sqrt(Number(squares) / denominator);
  if (sd === 0) return values.map(() => 0);
  return u.map((v) => (v - mean) / sd);
}
