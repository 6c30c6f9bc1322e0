/**
 * Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α); her lifetime is exponential with rate
 * μ ~ Gamma(s, β) (so it is Pareto II across customers). Non-contractual, continuous time:
 * dropout can happen at any moment, not only after a purchase as in BG/NBD.
 *
 * Units: recency, T, t and horizon in the summary's time unit; α and β in that unit too.
 */
import { invalidInput } from '../errors';
import { rateStart } from './bgNbdLikelihood';
import { checkCustomer, checkParams, checkTime, type FitInternals, fitModel } from './fit';
import { paretoNbdLogLik } from './paretoNbdLikelihood';
import {
  conditionalExpectedPareto,
  expectedPurchasesPareto,
  logProbabilityAlive,
  probabilityOfCountPareto,
} from './paretoNbdPredictions';
import { prepareRfm, type RfmData, subsampleRfm } from './summaryData';
import type {
  CustomerData,
  CustomerHistory,
  Fit,
  FitOptions,
  ParetoNbdParams,
  ProbabilityAliveOptions,
} from './types';

const NAMES = ['r', 'alpha', 's', 'beta'] as const;

const definition = {
  name: 'paretoNbd',
  fn: 'paretoNbd.fit',
  paramNames: NAMES,
  size: (d: RfmData) => d.x.length,
  subsample: subsampleRfm,
  logLikelihood: paretoNbdLogLik,
  start: (d: RfmData) => {
    const { r, alpha } = rateStart(d);
    let sT = 0;
    for (let i = 0; i < d.T.length; i++) sT += d.w[i]! * d.T[i]!;
    // s = 1, β = mean T: a mean lifetime of the order of the observation window.
    return [r, alpha, 1, Math.max(sT / d.n, 1e-3)];
  },
};

/**
 * Fits the Pareto/NBD model by maximum likelihood (BFGS on log-parameters with the analytic
 * gradient of the ₂F₁ form; identical rows merged into weights).
 *
 * Likelihood (Fader & Hardie 2005 note, eqs. 22–24):
 *   L = Γ(r+x)α^r β^s/Γ(r) · [(α+T)^−(r+x)(β+T)^−s + s/(r+s+x) · A₀], A₀ a difference of two
 *   ₂F₁ terms at tₓ and T (see paretoNbdLikelihood.ts).
 * Penalty (optional): λ·(r² + α² + s² + β²) added to −LL/n.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for an invalid summary (customer named) or
 *   option
 * @throws {InsufficientDataError} code `INSUFFICIENT_DATA` for empty data
 * @throws {ConvergenceError} code `CONVERGENCE` only with `throwOnNonConvergence: true`
 * @example
 * // CDNOW 1/10th sample, 2,357 customers, weeks
 * paretoNbd.fit(rows).params
 * // → { r: 0.5533, alpha: 10.5776, s: 0.6062, beta: 11.6679 }, logLikelihood −9594.97
 */
function fit(
  data: CustomerData,
  options: FitOptions<ParetoNbdParams> = {},
  internals: FitInternals = {},
): Fit<ParetoNbdParams> {
  const d = prepareRfm('paretoNbd.fit', data, options.weights);
  return fitModel<ParetoNbdParams, RfmData>(definition, d, options, internals);
}

/**
 * Total Pareto/NBD log-likelihood of the data at `params` (summed over customers, weighted).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params or summaries
 * @example
 * paretoNbd.logLikelihood({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
 *   [{ frequency: 2, recency: 30.43, T: 38.86 }]) // → −9.5543
 */
function logLikelihood(params: ParetoNbdParams, data: CustomerData): number {
  checkParams('paretoNbd.logLikelihood', params, NAMES);
  const d = prepareRfm('paretoNbd.logLikelihood', data);
  return paretoNbdLogLik(
    Float64Array.from(NAMES, (k) => params[k]),
    d,
  );
}

/**
 * Expected repeat purchases of a new customer in (0, t] (SMC 1987 eq. 17):
 *   E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]  (rβ/α · ln(1 + t/β) at s = 1).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params or t
 * @example
 * paretoNbd.expectedPurchases({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 52)
 * // → 1.4730
 */
function expectedPurchases(params: ParetoNbdParams, t: number): number {
  checkParams('paretoNbd.expectedPurchases', params, NAMES);
  checkTime('paretoNbd.expectedPurchases', 't', t);
  return expectedPurchasesPareto(params, t);
}

/**
 * Expected purchases in (T, T+t] given (x, tₓ, T) (SMC 1987 eq. 22):
 *   E[Y(t)|x, tₓ, T] = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, t or customer
 * @example
 * paretoNbd.conditionalExpectedPurchases({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
 *   39, { frequency: 2, recency: 30.43, T: 38.86 }) // → 1.4551
 */
function conditionalExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  customer: CustomerHistory,
): number {
  const fn = 'paretoNbd.conditionalExpectedPurchases';
  checkParams(fn, params, NAMES);
  checkTime(fn, 't', t);
  checkCustomer(fn, customer);
  return conditionalExpectedPareto(params, t, customer);
}

/**
 * P(alive at T | x, tₓ, T) (SMC 1987 eq. 11; FH 2005 eq. 18):
 *   1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀),
 * and at T + horizon: P(alive) · ((β+T)/(β+T+horizon))^s (the posterior of μ given alive is
 * Gamma(s, β+T)). Always in [0, 1].
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, customer or horizon
 * @example
 * paretoNbd.probabilityAlive({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
 *   { frequency: 2, recency: 30.43, T: 38.86 }) // → 0.8692
 */
function probabilityAlive(
  params: ParetoNbdParams,
  customer: CustomerHistory,
  options: ProbabilityAliveOptions = {},
): number {
  const fn = 'paretoNbd.probabilityAlive';
  checkParams(fn, params, NAMES);
  checkCustomer(fn, customer);
  const h = options.horizon ?? 0;
  checkTime(fn, 'horizon', h);
  const lp =
    logProbabilityAlive(params, customer) - params.s * Math.log1p(h / (params.beta + customer.T));
  return Math.min(1, Math.max(0, Math.exp(lp)));
}

/**
 * P(X(t) = n) for a new customer: (β/(β+t))^s · NB(n; t) + ∫₀ᵗ sβ^s(β+τ)^(−s−1) NB(n; τ) dτ
 * (death at τ stops the NBD count), by Gauss–Legendre quadrature in ln(1 + τ/β)
 * (relative accuracy ~1e-10; sums to 1 over n to rounding).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, t or n
 * @example
 * paretoNbd.probabilityOfPurchases({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 39, 0)
 * // → 0.5936
 */
function probabilityOfPurchases(params: ParetoNbdParams, t: number, n: number): number {
  const fn = 'paretoNbd.probabilityOfPurchases';
  checkParams(fn, params, NAMES);
  checkTime(fn, 't', t);
  if (!(Number.isInteger(n) && n >= 0)) {
    throw invalidInput(fn, 'n', 'an integer ≥ 0', n, { code: 'invalid_count' });
  }
  return probabilityOfCountPareto(params, t, n);
}

/** The Pareto/NBD model: fit and predictions (see each member's documentation). */
export const paretoNbd = {
  fit,
  logLikelihood,
  expectedPurchases,
  conditionalExpectedPurchases,
  probabilityAlive,
  probabilityOfPurchases,
} as const;
