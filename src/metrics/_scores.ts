/**
 * Internal: reads survey scores through an optional accessor, drops the caller's
 * "not applicable" codes, and checks every remaining score against the scale.
 */
import { InsufficientDataError, invalidInput } from '../errors';
import type { Scale } from '../schema/index';
import { assertFinite } from './_checks';

/** Options every score-based metric accepts. */
export interface ScoreOptions<T> {
  /**
   * Closed range of valid scores. A {@link SurveyResponse}'s own `scale` field is not read:
   * pass the instrument's scale here (responses on different scales are different metrics).
   */
  scale?: Scale;
  /**
   * Codes meaning "not applicable" (e.g. `[0]` in the airline survey). They are excluded
   * before the scale is checked, and only when listed here. Default: none.
   */
  notApplicable?: readonly number[];
  /** Reads the score of one item; default: the item itself if a number, else `item.score`. */
  value?: (item: T, index: number) => number;
}

/** Default accessor: a plain number, or the `score` of a {@link SurveyResponse}-like object. */
function defaultValue(item: unknown): unknown {
  if (typeof item === 'number') return item;
  if (item !== null && typeof item === 'object' && 'score' in item) return item.score;
  return item;
}

/** Checks a scale option: finite `min < max`. */
export function checkScale(fn: string, scale: Scale): Scale {
  assertFinite(fn, 'scale.min', scale.min);
  assertFinite(fn, 'scale.max', scale.max);
  if (!(scale.min < scale.max)) {
    throw invalidInput(fn, 'scale.max', `to be above scale.min (${scale.min})`, scale.max, {
      code: 'invalid_scale',
    });
  }
  return scale;
}

/**
 * The applicable scores of `items`, validated against `scale`.
 * @throws InvalidInputError naming the value and its index when a score is not finite or
 *   lies outside the scale.
 * @throws InsufficientDataError when no item is given, or every item is "not applicable".
 */
export function readScores<T>(
  fn: string,
  items: readonly T[],
  scale: Scale,
  options: ScoreOptions<T>,
  integer = false,
): Float64Array {
  if (!Array.isArray(items)) {
    throw invalidInput(fn, 'scores', 'to be an array', items, { code: 'invalid_type' });
  }
  if (items.length === 0) {
    throw new InsufficientDataError(`${fn}: expected at least 1 score, received 0 scores`);
  }
  const na = options.notApplicable ?? [];
  const read = options.value;
  const out = new Float64Array(items.length);
  let n = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const v = read ? read(item, i) : defaultValue(item);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw invalidInput(fn, `scores[${i}]`, 'to be a finite number', v, {
        code: 'invalid_number',
        path: ['scores', i],
      });
    }
    if (na.includes(v)) continue;
    if (v < scale.min || v > scale.max || (integer && !Number.isInteger(v))) {
      const rule = `${integer ? 'an integer ' : ''}within the scale [${scale.min}, ${scale.max}]`;
      throw invalidInput(fn, `scores[${i}]`, `to be ${rule}`, v, {
        code: 'out_of_range',
        path: ['scores', i],
      });
    }
    out[n++] = v;
  }
  if (n === 0) {
    throw new InsufficientDataError(
      `${fn}: expected at least 1 applicable score, received 0 (all ${items.length} were not applicable)`,
    );
  }
  return out.subarray(0, n);
}
