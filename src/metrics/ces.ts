import { fsum } from '../_lib/sum';
import { finiteResult } from './_checks';
import { checkScale, readScores, type ScoreOptions } from './_scores';

/** Defaults of {@link ces}: the 7-point agreement scale of CES 2.0. */
export const CES_DEFAULTS = { scale: { min: 1, max: 7 } } as const;

/**
 * Customer Effort Score: the mean effort rating, in the scale's own units.
 *
 * Formula: `CES = Σ scores / #responses`. Source: Dixon, Freeman & Toman (2010), "Stop Trying
 * to Delight Your Customers", HBR; CES 2.0 asks "The company made it easy for me to handle my
 * issue" on 1 (strongly disagree) – 7 (strongly agree), so higher means less effort. Pass
 * `scale` for other instruments (e.g. the original 1–5 where lower is better).
 *
 * @throws InvalidInputError when a score is not finite or outside the scale (value and index).
 * @throws InsufficientDataError when there are no applicable responses.
 * @example
 * ces([7, 6, 5, 2]); // 5  ((7+6+5+2)/4)
 */
export function ces<T = number>(responses: readonly T[], options: ScoreOptions<T> = {}): number {
  const scale = checkScale('ces', options.scale ?? CES_DEFAULTS.scale);
  const scores = readScores('ces', responses, scale, options);
  return finiteResult('ces', fsum(scores) / scores.length);
}
