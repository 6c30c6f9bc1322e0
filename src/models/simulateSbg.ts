/**
 * Seeded simulation of the shifted-beta-geometric (sBG) contractual process (Fader & Hardie
 * 2007): a cohort's survivors per period, the input of `sbg.fit`.
 */
import { invalidInput } from '../errors';
import { createRng, requirePositive } from './simulateRng';

/** Options of {@link simulateSbg}. */
export interface SimulateSbgOptions {
  /** sBG parameters: churn probability θ ~ Beta(alpha, beta). */
  params: { alpha: number; beta: number };
  /** Cohort size n₀, an integer >= 1. */
  customers: number;
  /** Periods to simulate, an integer >= 1. */
  periods: number;
  /** Seed of the Mersenne Twister, an integer in 1 … 2^32 − 1. */
  seed: number;
}

/**
 * Simulates a cohort's survivors [n₀, n₁, …, n_periods]: each customer draws θ ~ Beta(α, β)
 * and at the end of every period churns with probability θ (Fader & Hardie 2007, §3), so her
 * lifetime T is shifted-geometric and E[n_t]/n₀ = S(t) = B(α, β+t)/B(α, β).
 * Complexity O(customers × periods) at worst.
 * @throws InvalidInputError for non-positive parameters, counts that are not integers >= 1, or a
 *   bad seed.
 * @example
 * simulateSbg({ params: { alpha: 0.668, beta: 3.806 }, customers: 1000, periods: 7, seed: 1 }).length // 8
 */
export function simulateSbg(options: SimulateSbgOptions): number[] {
  const fn = 'simulateSbg';
  if (options === null || typeof options !== 'object') {
    throw invalidInput(fn, 'options', 'an object', options, { code: 'invalid_type' });
  }
  const { params, customers, periods, seed } = options;
  for (const k of ['alpha', 'beta'] as const) requirePositive(fn, `params.${k}`, params?.[k]);
  for (const [field, v] of [
    ['customers', customers],
    ['periods', periods],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw invalidInput(fn, field, 'an integer >= 1', v, { code: 'invalid_count' });
    }
  }
  const rng = createRng(fn, seed);
  const lost = new Array<number>(periods + 1).fill(0); // lost[t] = churned at the end of period t
  for (let i = 0; i < customers; i++) {
    const theta = rng.beta(params.alpha, params.beta);
    for (let t = 1; t <= periods; t++) {
      if (rng.uniform() < theta) {
        lost[t] = (lost[t] as number) + 1;
        break;
      }
    }
  }
  const survivors = [customers];
  for (let t = 1; t <= periods; t++)
    survivors.push((survivors[t - 1] as number) - (lost[t] as number));
  return survivors;
}
