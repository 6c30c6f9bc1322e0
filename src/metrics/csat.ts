import { fsum } from '../_lib/sum';
import { invalidInput } from '../errors';
import type { Scale } from '../schema/index';
import { assertFinite, finiteResult } from './_checks';
import { checkScale, readScores, type ScoreOptions } from './_scores';

/** Options of {@link csat}. */
export interface CsatOptions<T> extends ScoreOptions<T> {
  /** Lowest score counted as satisfied (inclusive). Default 4 (the "4 or 5" of a 1–5 scale). */
  threshold?: number;
}

/** Defaults of the satisfaction metrics. */
export const CSAT_DEFAULTS = { scale: { min: 1, max: 5 }, threshold: 4 } as const;

/**
 * Customer satisfaction score (CSAT), the industry "top-2-box" form: the share of responses at
 * or above a threshold.
 *
 * Formula: `CSAT = #(score ≥ threshold) / #(applicable responses)`, a fraction in [0, 1]
 * (× 100 for the percent form). Source: ACSI/industry practice (e.g. 4 and 5 on a 1–5 scale).
 * Scores listed in `notApplicable` are excluded from both counts.
 *
 * @param responses numbers, {@link SurveyResponse}s (their `score`), or any items with `value`.
 * @throws InvalidInputError when a score is not finite or outside `scale` (naming value and
 *   index), or the threshold lies outside the scale.
 * @throws InsufficientDataError when there are no applicable responses.
 * @example
 * csat([5, 4, 3, 5, 1]); // 0.6  (3 of 5 responses are 4 or 5)
 */
export function csat<T = number>(responses: readonly T[], options: CsatOptions<T> = {}): number {
  const scale = checkScale('csat', options.scale ?? CSAT_DEFAULTS.scale);
  const threshold = assertFinite('csat', 'threshold', options.threshold ?? CSAT_DEFAULTS.threshold);
  if (threshold < scale.min || threshold > scale.max) {
    throw invalidInput(
      'csat',
      'threshold',
      `within the scale [${scale.min}, ${scale.max}]`,
      threshold,
      {
        code: 'out_of_range',
      },
    );
  }
  const scores = readScores('csat', responses, scale, options);
  let satisfied = 0;
  for (const s of scores) if (s >= threshold) satisfied++;
  return satisfied / scores.length;
}

/**
 * The seed documents' satisfaction score: the mean rating as a share of the scale's top.
 *
 * Formula: `CSAT_mean = (Σ scores / #ratings) / scale.max` (the seed writes
 * `CSAT = 客户满意度评分总数 / 客户评分数量 × 100%`, i.e. total score / number of ratings, which is
 * only a percentage once divided by the top of the scale). A fraction in (0, 1] for scales
 * with `min ≥ 0`: 1 means every rating is the top score.
 *
 * @throws InvalidInputError on a score outside the scale (naming value and index), or a scale
 *   whose top is not positive.
 * @throws InsufficientDataError when there are no applicable responses.
 * @example
 * csatMeanScore([5, 4, 3, 5, 1]); // 0.72  ((5+4+3+5+1)/5 = 3.6; 3.6/5)
 */
export function csatMeanScore<T = number>(
  responses: readonly T[],
  options: ScoreOptions<T> = {},
): number {
  const scale: Scale = checkScale('csatMeanScore', options.scale ?? CSAT_DEFAULTS.scale);
  if (scale.min < 0) {
    throw invalidInput('csatMeanScore', 'scale.min', 'to be at least 0', scale.min, {
      code: 'invalid_scale',
    });
  }
  const scores = readScores('csatMeanScore', responses, scale, options);
  return finiteResult('csatMeanScore', fsum(scores) / scores.length / scale.max);
}
