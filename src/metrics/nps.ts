import { readScores, type ScoreOptions } from './_scores';

/** Options of {@link nps}: the scale is fixed at 0–10, so only N/A codes and an accessor. */
export type NpsOptions<T> = Omit<ScoreOptions<T>, 'scale'>;

const NPS_SCALE = { min: 0, max: 10 } as const;

/**
 * Net Promoter Score: promoters (9–10) minus detractors (0–6), as a share of all answers,
 * in points from −100 to 100.
 *
 * Formula: `NPS = 100 × (#promoters − #detractors) / #responses`; passives (7–8) count only in
 * the denominator. Source: Reichheld (2003), "The One Number You Need to Grow", HBR 81(12).
 * Scores must be integers 0–10; codes in `notApplicable` are excluded first.
 *
 * @throws InvalidInputError when a score is not an integer in 0–10 (naming value and index).
 * @throws InsufficientDataError when there are no applicable responses.
 * @example
 * nps([10, 9, 8, 7, 6, 0]); // 0  (2 promoters − 2 detractors = 0 of 6)
 * nps([10, 10, 9, 3]); // 50  (100 × (3 − 1) / 4)
 */
export function nps<T = number>(responses: readonly T[], options: NpsOptions<T> = {}): number {
  const scores = readScores('nps', responses, NPS_SCALE, options, true);
  let promoters = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) promoters++;
    else if (s <= 6) detractors++;
  }
  return (100 * (promoters - detractors)) / scores.length;
}
