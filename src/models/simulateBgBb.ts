/**
 * Seeded simulation of the BG/BB discrete-time process (Fader, Hardie & Shang 2010), giving
 * (frequency, recency, n) rows for `bgBb.fit` and its checks.
 */
import { invalidInput } from '../errors';
import { createRng, requirePositive } from './simulateRng';

/** Options of {@link simulateBgBb}. */
export interface SimulateBgBbOptions {
  /** BG/BB parameters: p ~ Beta(alpha, beta), θ ~ Beta(gamma, delta). */
  params: { alpha: number; beta: number; gamma: number; delta: number };
  /** Number of customers, an integer >= 1. */
  customers: number;
  /** Transaction opportunities observed after the first transaction, an integer >= 1. */
  n: number;
  /** Seed of the Mersenne Twister, an integer in 1 … 2^32 − 1. */
  seed: number;
}

/** One simulated BG/BB customer: the summary plus the latent draws. */
export interface SimulatedBgBbCustomer {
  customerId: string;
  /** Opportunities 1…n with a transaction. */
  frequency: number;
  /** Last opportunity with a transaction (0 without any). */
  recency: number;
  n: number;
  latent: { p: number; theta: number; alive: boolean };
}

const MAX_CUSTOMERS = 50_000_000;

/**
 * Simulates BG/BB customers, deterministically for a seed. Per customer:
 * p ~ Beta(α, β), θ ~ Beta(γ, δ); for t = 1 … n: an active customer first becomes inactive
 * with probability θ (at the start of opportunity t), otherwise transacts with probability p
 * (FHS 2010 §2, the process behind their eq. 5). `latent.alive` = still active after opportunity n.
 * Complexity O(customers × n).
 * @throws InvalidInputError for non-positive parameters, a customer count or n that is not an
 *   integer >= 1, or a bad seed.
 * @example
 * const rows = simulateBgBb({ params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, customers: 3, n: 6, seed: 1 });
 * rows.every((c) => c.frequency <= c.recency && c.recency <= 6) // true
 */
export function simulateBgBb(options: SimulateBgBbOptions): SimulatedBgBbCustomer[] {
  const fn = 'simulateBgBb';
  if (options === null || typeof options !== 'object') {
    throw invalidInput(fn, 'options', 'an object', options, { code: 'invalid_type' });
  }
  const { params, customers, n, seed } = options;
  for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const)
    requirePositive(fn, `params.${k}`, params?.[k]);
  if (
    typeof customers !== 'number' ||
    !Number.isInteger(customers) ||
    customers < 1 ||
    customers > MAX_CUSTOMERS
  ) {
    throw invalidInput(fn, 'customers', `an integer in 1 … ${MAX_CUSTOMERS}`, customers, {
      code: 'invalid_count',
    });
  }
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw invalidInput(fn, 'n', 'an integer >= 1', n, { code: 'invalid_count' });
  }
  const rng = createRng(fn, seed);
  const out: SimulatedBgBbCustomer[] = new Array(customers);
  for (let i = 0; i < customers; i++) {
    const p = rng.beta(params.alpha, params.beta);
    const theta = rng.beta(params.gamma, params.delta);
    let frequency = 0;
    let recency = 0;
    let alive = true;
    for (let t = 1; t <= n; t++) {
      if (rng.uniform() < theta) {
        alive = false;
        break;
      }
      if (rng.uniform() < p) {
        frequency += 1;
        recency = t;
      }
    }
    out[i] = { customerId: String(i + 1), frequency, recency, n, latent: { p, theta, alive } };
  }
  return out;
}
