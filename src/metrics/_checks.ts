/**
 * Internal input checks shared by the metrics formulas (not exported from the package).
 * Every check throws the library's typed errors with the standard message
 * `"<fn>: expected <field> <rule>, received <value>"`.
 */
import { InsufficientDataError, invalidInput } from '../errors';

/** Throws unless `value` is a finite number. */
export function assertFinite(fn: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidInput(fn, field, 'to be a finite number', value, { code: 'invalid_number' });
  }
  return value;
}

/** Throws unless `value` is a non-negative integer count. */
export function assertCount(fn: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidInput(fn, field, 'to be a non-negative integer count', value, {
      code: 'invalid_count',
    });
  }
  return value;
}

/** Throws unless `value` is a fraction in [0, 1]. */
export function assertFraction(fn: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw invalidInput(fn, field, 'to be a fraction in [0, 1]', value, { code: 'out_of_range' });
  }
  return value;
}

/** Throws an {@link InsufficientDataError} when `denominator` is zero. */
export function assertNonZero(fn: string, field: string, denominator: number): void {
  if (denominator === 0) {
    throw new InsufficientDataError(`${fn}: expected ${field} above 0, received 0`);
  }
}

/**
 * The share `part / whole` of two counts where `part` is a subset of `whole`:
 * both non-negative integers, `whole > 0` and `part ≤ whole`, so the result is in [0, 1].
 */
export function shareOf(
  fn: string,
  partField: string,
  part: unknown,
  wholeField: string,
  whole: unknown,
): number {
  const p = assertCount(fn, partField, part);
  const w = assertCount(fn, wholeField, whole);
  assertNonZero(fn, wholeField, w);
  if (p > w) {
    throw invalidInput(fn, partField, `to be at most ${wholeField} (${w})`, p, {
      code: 'too_big',
    });
  }
  return p / w;
}

/** The ratio `count / per` of two counts with `per > 0` (the result may exceed 1). */
export function perUnit(
  fn: string,
  countField: string,
  count: unknown,
  perField: string,
  per: unknown,
): number {
  const c = assertCount(fn, countField, count);
  const u = assertCount(fn, perField, per);
  assertNonZero(fn, perField, u);
  return c / u;
}

/** Throws unless `input` is an object (the named counts of a formula). */
export function assertObject(fn: string, field: string, input: unknown): void {
  if (input === null || typeof input !== 'object') {
    throw invalidInput(fn, field, 'to be an object of named counts', input, {
      code: 'invalid_type',
    });
  }
}

/**
 * Returns `value` when finite; otherwise the inputs were so extreme that the result overflowed
 * (e.g. a churn rate of 1e-320), which is reported instead of returning ±Infinity.
 */
export function finiteResult(fn: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw invalidInput(fn, 'result', 'to be finite (inputs too extreme)', value, {
      code: 'overflow',
    });
  }
  return value;
}
