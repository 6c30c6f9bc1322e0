/**
 * Seeded simulation of the BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma generative processes:
 * per-customer summaries (frequency, recency, T, monetary value) for parameter-recovery tests,
 * demos and benchmarks. See `simulateTransactions` for dated transaction records.
 */
import { InvalidInputError, invalidInput } from '../errors';
import { createRng, type Rng, requireNonNegative, requirePositive } from './simulateRng';

/** Transaction process to simulate, with its parameters (gamma rates `alpha`, `beta`). */
export type SimulatedProcess =
  | {
      transactionModel: 'bgNbd' | 'mbgNbd';
      transactionParams: { r: number; alpha: number; a: number; b: number };
    }
  | {
      transactionModel: 'paretoNbd';
      transactionParams: { r: number; alpha: number; s: number; beta: number };
    };

/** Options shared by `simulateCustomers` and `simulateTransactions`. */
export type SimulateOptions = SimulatedProcess & {
  /** Gamma-Gamma spend parameters {p, q, v}; without them no amounts are drawn. */
  monetaryParams?: { p: number; q: number; v: number };
  /** Number of customers, an integer >= 1. */
  customers: number;
  /** Length of the observation window in model time units, from the first possible acquisition. */
  T: number;
  /**
   * Acquisition window in time units (default 0): each customer's first purchase is uniform on
   * [0, acquisitionSpan), so her own T is `T − acquisition time`, as in CDNOW (T 27–39 weeks).
   */
  acquisitionSpan?: number;
  /** Seed of the Mersenne Twister, an integer in 1 … 2^32 − 1. Same seed, same customers. */
  seed: number;
};

/** One simulated customer: the summary the models fit, plus the latent truth behind it. */
export interface SimulatedCustomer {
  customerId: string;
  /** Repeat purchases in (0, T]. */
  frequency: number;
  /** Time of the last purchase, from the first purchase (0 without repeats). */
  recency: number;
  /** Time from the first purchase to the end of observation. */
  T: number;
  /** Mean of the repeat purchases' amounts (first excluded; 0 without repeats), when monetaryParams are given. */
  monetaryValue?: number;
  /** The customer's draws: purchase rate, dropout probability or rate, whether alive at T, spend scale. */
  latent: { lambda: number; p?: number; mu?: number; alive: boolean; nu?: number };
}

/** Per-purchase callback of the internal generator: time since acquisition and amount. */
export type PurchaseSink = (
  customerIndex: number,
  acquisition: number,
  time: number,
  amount: number | undefined,
) => void;

const DEFAULTS = { acquisitionSpan: 0 } as const;
const MAX_CUSTOMERS = 50_000_000;

/**
 * Simulates customer summaries from a BTYD process, deterministically for a seed.
 *
 * Generative process, per customer (time in the caller's unit, e.g. weeks):
 * - acquisition time a ~ Uniform[0, acquisitionSpan); own window T_i = T − a.
 * - purchase rate λ ~ Gamma(r, rate α) (mean r/α); while active, inter-purchase times ~ Exp(λ).
 * - BG/NBD (Fader, Hardie & Lee 2005, §3): p ~ Beta(a, b); after each repeat purchase the customer
 *   drops out with probability p. MBG/NBD (Batislam et al. 2007): also at time 0, after the first purchase.
 * - Pareto/NBD (Schmittlein, Morrison & Colombo 1987): μ ~ Gamma(s, rate β); lifetime τ ~ Exp(μ);
 *   purchases happen while t < τ.
 * - Gamma-Gamma (Fader & Hardie 2013 note, "The Gamma-Gamma Model of Monetary Value"):
 *   ν ~ Gamma(q, rate v); each purchase's spend z ~ Gamma(p, rate ν), so E(z) = p·v / (q − 1).
 * Summary: frequency = purchases in (0, T_i]; recency = time of the last one (0 if none);
 * monetaryValue = mean repeat spend (0 if none).
 * Draws come from one mt19937 stream (@stdlib samplers), in a fixed order per customer.
 *
 * Complexity O(customers + purchases).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for a non-positive or non-finite parameter, a
 *   non-integer customer count, acquisitionSpan outside [0, T), or a seed outside 1 … 2^32 − 1.
 * @example
 * const rows = simulateCustomers({
 *   transactionModel: 'bgNbd', transactionParams: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 *   customers: 3, T: 39, seed: 42,
 * });
 * rows.length // 3
 * rows.every((c) => c.T === 39 && c.recency <= c.T) // true
 */
export function simulateCustomers(options: SimulateOptions): SimulatedCustomer[] {
  return runSimulation('simulateCustomers', options);
}

/** Internal: validates options and runs the process, reporting each purchase to `sink`. */
export function runSimulation(
  fn: string,
  options: SimulateOptions,
  sink?: PurchaseSink,
): SimulatedCustomer[] {
  if (options === null || typeof options !== 'object') {
    throw invalidInput(fn, 'options', 'an object', options, { code: 'invalid_type' });
  }
  const { customers, T, seed, monetaryParams } = options;
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
  requirePositive(fn, 'T', T);
  const span = requireNonNegative(
    fn,
    'acquisitionSpan',
    options.acquisitionSpan ?? DEFAULTS.acquisitionSpan,
  );
  if (span >= T) {
    throw invalidInput(fn, 'acquisitionSpan', `< T (${T})`, span, { code: 'too_big' });
  }
  const draw = customerDrawer(fn, options);
  if (monetaryParams !== undefined) {
    for (const k of ['p', 'q', 'v'] as const)
      requirePositive(fn, `monetaryParams.${k}`, monetaryParams?.[k]);
  }
  const rng = createRng(fn, seed);
  const out: SimulatedCustomer[] = new Array(customers);
  const times: number[] = [];
  for (let i = 0; i < customers; i++) {
    const acquisition = span > 0 ? rng.uniform() * span : 0;
    const Ti = T - acquisition;
    times.length = 0;
    const latent = draw(rng, Ti, times);
    const frequency = times.length;
    const customer: SimulatedCustomer = {
      customerId: String(i + 1),
      frequency,
      recency: frequency > 0 ? (times[frequency - 1] as number) : 0,
      T: Ti,
      latent,
    };
    if (monetaryParams !== undefined) {
      const nu = rng.gamma(monetaryParams.q, monetaryParams.v);
      latent.nu = nu;
      let total = 0;
      const first = rng.gamma(monetaryParams.p, nu);
      sink?.(i, acquisition, 0, first);
      for (const t of times) {
        const z = rng.gamma(monetaryParams.p, nu);
        total += z;
        sink?.(i, acquisition, t, z);
      }
      customer.monetaryValue = frequency > 0 ? total / frequency : 0;
    } else if (sink) {
      sink(i, acquisition, 0, undefined);
      for (const t of times) sink(i, acquisition, t, undefined);
    }
    out[i] = customer;
  }
  return out;
}

type Drawer = (rng: Rng, Ti: number, times: number[]) => SimulatedCustomer['latent'];

/** Validates the process parameters and returns the per-customer event generator. */
function customerDrawer(fn: string, options: SimulateOptions): Drawer {
  const model = options.transactionModel;
  const params = options.transactionParams as Record<string, unknown> | undefined;
  if (params === null || typeof params !== 'object') {
    throw invalidInput(fn, 'transactionParams', 'an object', params, { code: 'invalid_type' });
  }
  if (model === 'bgNbd' || model === 'mbgNbd') {
    const { r, alpha, a, b } = options.transactionParams as {
      r: number;
      alpha: number;
      a: number;
      b: number;
    };
    for (const [k, v] of Object.entries({ r, alpha, a, b }))
      requirePositive(fn, `transactionParams.${k}`, v);
    const atZero = model === 'mbgNbd';
    return (rng, Ti, times) => {
      const lambda = rng.gamma(r, alpha);
      const p = rng.beta(a, b);
      let alive = !(atZero && rng.uniform() < p);
      let t = 0;
      while (alive && lambda > 0) {
        t += rng.exponential(lambda);
        if (!(t <= Ti)) break;
        times.push(t);
        if (rng.uniform() < p) alive = false;
      }
      return { lambda, p, alive };
    };
  }
  if (model === 'paretoNbd') {
    const { r, alpha, s, beta } = options.transactionParams as {
      r: number;
      alpha: number;
      s: number;
      beta: number;
    };
    for (const [k, v] of Object.entries({ r, alpha, s, beta }))
      requirePositive(fn, `transactionParams.${k}`, v);
    return (rng, Ti, times) => {
      const lambda = rng.gamma(r, alpha);
      const mu = rng.gamma(s, beta);
      const tau = mu > 0 ? rng.exponential(mu) : Number.POSITIVE_INFINITY;
      const end = Math.min(tau, Ti);
      let t = 0;
      while (lambda > 0) {
        t += rng.exponential(lambda);
        if (!(t <= end)) break;
        times.push(t);
      }
      return { lambda, mu, alive: tau > Ti };
    };
  }
  throw new InvalidInputError(
    `${fn}: expected transactionModel 'bgNbd' | 'mbgNbd' | 'paretoNbd', received ${JSON.stringify(model)}`,
    [
      {
        field: 'transactionModel',
        code: 'invalid_enum',
        message: 'unknown transaction model',
        value: model,
      },
    ],
  );
}
