/**
 * Shared types of the models layer: fitted models (plain JSON), fit options and the
 * per-customer summary inputs (rows or columns).
 */

/** Parameters of a model: named positive reals, e.g. `{ r, alpha, a, b }`. */
export type ModelParams<P = Record<string, number>> = { [K in keyof P]: number };

/**
 * A fitted model: plain JSON, safe to `JSON.stringify`, save and reload.
 *
 * - `logLikelihood`: total log-likelihood at `params` (without the penalty), summed over
 *   customers (weighted).
 * - `aic` = 2k − 2·LL, `bic` = k·ln(n) − 2·LL with k parameters and n customers.
 * - `standardErrors`: sqrt of the diagonal of the inverse observed information matrix (the
 *   Hessian of −LL in natural parameter space, by finite differences); `null` when that Hessian
 *   is not positive definite (a flat or boundary optimum).
 * - `converged`: the optimizer reached the gradient tolerance; when `false`, `message`,
 *   `iterations` and `gradientNorm` say why and how far it got.
 */
export interface Fit<P extends ModelParams<P> = Record<string, number>> {
  /** Model name, e.g. `'bgNbd'`. */
  model: string;
  /** Maximum-likelihood (or penalized) estimates in natural units. */
  params: P;
  /** Total log-likelihood at `params`, without the penalty. */
  logLikelihood: number;
  /** Akaike information criterion, 2k − 2·LL. */
  aic: number;
  /** Bayesian information criterion, k·ln(n) − 2·LL. */
  bic: number;
  /** Standard error of each parameter, or `null` when the Hessian is not positive definite. */
  standardErrors: { [K in keyof P]: number } | null;
  /** Whether the optimizer met the gradient tolerance. */
  converged: boolean;
  /** Optimizer iterations used. */
  iterations: number;
  /** Number of customers (sum of weights). */
  n: number;
  /** Max-norm of the gradient of the (mean, penalized) objective in log-parameter space at the end. */
  gradientNorm: number;
  /** Optimizer's closing message, e.g. `'gradient norm below tolerance'`. */
  message: string;
  /** L2 penalizer used (0 = plain maximum likelihood). */
  penalizer: number;
}

/** Options of every model's `.fit`. Defaults in each model's DEFAULTS constant. */
export interface FitOptions<P extends ModelParams<P> = Record<string, number>> {
  /**
   * L2 penalty coefficient λ ≥ 0 (default 0). The objective minimized is
   * −LL/n + λ·Σ θ² over the natural parameters θ, as in lifetimes.
   */
  penalizer?: number;
  /** Per-customer weights (counts of identical customers), same length as the data. */
  weights?: ArrayLike<number>;
  /** Starting values in natural units (default: deterministic, per model). */
  initialParams?: Partial<P>;
  /** Maximum optimizer iterations (default 500). */
  maxIterations?: number;
  /** Gradient tolerance on the mean objective in log-parameter space (default 1e-8). */
  tolerance?: number;
  /** Throw a `ConvergenceError` instead of returning `converged: false` (default false). */
  throwOnNonConvergence?: boolean;
}

/**
 * One customer's summary as the transaction models read it (the BTYD "RFM" triple), in one
 * time unit (days, weeks, …) of the caller's choosing, the same for all three:
 * - `frequency` x: number of repeat purchase periods (an integer ≥ 0);
 * - `recency` t_x: time of the last purchase, measured from the first (0 when x = 0);
 * - `T`: time from the first purchase to the end of observation (T ≥ recency).
 */
export interface CustomerRow {
  frequency: number;
  recency: number;
  T: number;
  /** Number of identical customers this row stands for (default 1). */
  weight?: number;
  /** Used in error messages when present. */
  customerId?: string;
}

/** Column form of the summary, for large data: same meaning as {@link CustomerRow}. */
export interface CustomerColumns {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  weight?: ArrayLike<number>;
  customerId?: ArrayLike<string>;
}

/** Input of the transaction models' `.fit` and `.logLikelihood`. */
export type CustomerData = readonly CustomerRow[] | CustomerColumns;

/** One customer for predictions: frequency, recency and T as in {@link CustomerRow}. */
export interface CustomerHistory {
  frequency: number;
  recency: number;
  T: number;
}

/**
 * One customer's spend summary for the Gamma-Gamma model: `frequency` = number of repeat
 * transactions x (≥ 1 to be fitted), `monetaryValue` = their mean value (currency units, > 0).
 */
export interface SpendRow {
  frequency: number;
  monetaryValue: number;
  weight?: number;
  customerId?: string;
}

/** Column form of {@link SpendRow}. */
export interface SpendColumns {
  frequency: ArrayLike<number>;
  monetaryValue: ArrayLike<number>;
  weight?: ArrayLike<number>;
  customerId?: ArrayLike<string>;
}

/** Input of `gammaGamma.fit`. */
export type SpendData = readonly SpendRow[] | SpendColumns;

/** BG/NBD and MBG/NBD parameters: purchase rate ~ Gamma(r, alpha); dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Pareto/NBD parameters: purchase rate ~ Gamma(r, alpha); dropout rate ~ Gamma(s, beta). */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** Gamma-Gamma parameters: spend ~ Gamma(p, ν), ν ~ Gamma(q, v). */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/** Options of `probabilityAlive`. */
export interface ProbabilityAliveOptions {
  /** Time after T (same unit as the summary, ≥ 0) at which to evaluate P(alive); default 0. */
  horizon?: number;
}
