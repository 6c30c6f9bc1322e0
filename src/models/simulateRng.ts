/**
 * Internal: one seeded Mersenne Twister (mt19937) driving every sampler a simulation needs,
 * so a seed fixes the whole stream of draws. Not exported from the package.
 */
import betaFactory from '@stdlib/random-base-beta';
import exponentialFactory from '@stdlib/random-base-exponential';
import gammaFactory from '@stdlib/random-base-gamma';
import mt19937 from '@stdlib/random-base-mt19937';
import { invalidInput } from '../errors';

/** The samplers of one simulation, all fed by the same uniform stream. */
export interface Rng {
  /** Uniform on [0, 1). */
  uniform: () => number;
  /** Gamma(shape, rate): mean shape / rate. */
  gamma: (shape: number, rate: number) => number;
  /** Beta(a, b). */
  beta: (a: number, b: number) => number;
  /** Exponential(rate): mean 1 / rate. */
  exponential: (rate: number) => number;
}

const MAX_SEED = 4_294_967_295;

/** Builds the samplers for `seed` (an integer in 1 … 2^32 − 1), validating it for `fn`. */
export function createRng(fn: string, seed: unknown): Rng {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 1 || seed > MAX_SEED) {
    throw invalidInput(fn, 'seed', `an integer in 1 … ${MAX_SEED}`, seed, { code: 'invalid_seed' });
  }
  // The runtime generator carries `.normalized` (uniform on [0, 1) with 53-bit resolution);
  // its bundled typings omit it.
  const base = mt19937.factory({ seed }) as unknown as { normalized: () => number };
  const prng = base.normalized;
  const gamma = gammaFactory.factory({ prng });
  const beta = betaFactory.factory({ prng });
  const exponential = exponentialFactory.factory({ prng });
  return {
    uniform: () => prng(),
    gamma: (shape, rate) => gamma(shape, rate),
    beta: (a, b) => beta(a, b),
    exponential: (rate) => exponential(rate),
  };
}

/** Throws unless `value` is a finite number > 0; `field` names it in the message. */
export function requirePositive(fn: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalidInput(fn, field, 'a finite number > 0', value, { code: 'not_positive' });
  }
  return value;
}

/** Throws unless `value` is a finite number >= 0. */
export function requireNonNegative(fn: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalidInput(fn, field, 'a finite number >= 0', value, { code: 'negative' });
  }
  return value;
}
