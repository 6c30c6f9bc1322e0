/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): while
 * alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase
 * she becomes inactive with probability p ~ Beta(a, b). Non-contractual, continuous time.
 *
 * Units: frequency counts repeat purchases; recency, T and every t or horizon are in the time
 * unit of the summary (e.g. weeks); α is in that unit too (λ is per unit).
 */

import { invalidInput } from '../errors';
import {
  conditionalExpected,
  probabilityAliveAt,
  probabilityOfCount,
} from './betaGeometricPredictions';
import { bgNbdLogLik, rateStart } from './bgNbdLikelihood';
import { checkCustomer, checkParams, checkTime, type FitInternals, fitModel } from './fit';
import { prepareRfm, type RfmData, subsampleRfm } from './summaryData';
import type {
  BgNbdParams,
  CustomerData,
  CustomerHistory,
  Fit,
  FitOptions,
  ProbabilityAliveOptions,
} from './types';

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

const definition = {
  name: 'bgNbd',
  fn: 'bgNbd.fit',
  paramNames: NAMES,
  size: (d: RfmData) => d.x.length,
  subsample: subsampleRfm,
  logLikelihood: bgNbdLogLik,
  start: (d: RfmData) => {
    const { r, alpha } = rateStart(d);
    return [r, alpha, 1, 1];
  },
};

/**
 * Fits the BG/NBD model by maximum likelihood (BFGS on log-parameters, analytic gradient;
 * identical (frequency, recency, T) rows are merged into weights first).
 *
 * Likelihood (FHL 2005 eq. 6): L = Γ(r+x)α^r/Γ(r) · [B(a, b+x)/B(a, b) · (α+T)^−(r+x)
 *   + δ(x>0) · B(a+1, b+x−1)/B(a, b) · (α+tₓ)^−(r+x)].
 * Penalty (optional): λ·(r² + α² + a² + b²) added to −LL/n.
 *
 * @param data per-customer summaries (rows or columns), one time unit throughout
 * @param options penalizer, weights, initialParams, maxIterations, tolerance,
 *   throwOnNonConvergence
 * @returns a JSON {@link Fit} with params {r, alpha, a, b}
 * @throws {InvalidInputError} code `INVALID_INPUT` for an invalid summary (customer named) or
 *   option
 * @throws {InsufficientDataError} code `INSUFFICIENT_DATA` for empty data
 * @throws {ConvergenceError} code `CONVERGENCE` only with `throwOnNonConvergence: true`
 * @example
 * // CDNOW 1/10th sample, 2,357 customers, weeks (cdnow_customers_summary.csv)
 * bgNbd.fit(rows).params
 * // → { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, logLikelihood −9582.43
 */
function fit(
  data: CustomerData,
  options: FitOptions<BgNbdParams> = {},
  internals: FitInternals = {},
): Fit<BgNbdParams> {
  const d = prepareRfm('bgNbd.fit', data, options.weights);
  return fitModel<BgNbdParams, RfmData>(definition, d, options, internals);
}

/**
 * Total BG/NBD log-likelihood of the data at `params` (FHL 2005 eq. 6, summed over customers,
 * weighted).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params or summaries
 * @example
 * // one customer with x = 2, tₓ = 30.43, T = 38.86 at the CDNOW estimates
 * bgNbd.logLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 *   [{ frequency: 2, recency: 30.43, T: 38.86 }]) // → −9.4586
 */
function logLikelihood(params: BgNbdParams, data: CustomerData): number {
  checkParams('bgNbd.logLikelihood', params, NAMES);
  const d = prepareRfm('bgNbd.logLikelihood', data);
  return bgNbdLogLik(
    Float64Array.from(NAMES, (k) => params[k]),
    d,
  );
}

/**
 * Expected number of repeat purchases of a new customer in (0, t] (FHL 2005 eq. 9):
 *   E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))].
 *
 * @param t time in the summary's unit, ≥ 0
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params or t
 * @example
 * bgNbd.expectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 52) // → 1.4461
 */
function expectedPurchases(params: BgNbdParams, t: number): number {
  checkParams('bgNbd.expectedPurchases', params, NAMES);
  checkTime('bgNbd.expectedPurchases', 't', t);
  return conditionalExpected(params, t, { frequency: 0, recency: 0, T: 0 }, 0);
}

/**
 * Expected number of purchases in (T, T+t] for a customer with history (x, tₓ, T)
 * (FHL 2005 eq. 10):
 *   E[Y(t)|x, tₓ, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ·
 *     ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)).
 * Computed in log-space (finite for frequency and T up to 10,⁠000 and beyond).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, t or customer
 * @example
 * // FHL (2005) §5: x = 2, tₓ = 30.43, T = 38.86, t = 39 weeks → 1.226 (paper: 1.226)
 * bgNbd.conditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39,
 *   { frequency: 2, recency: 30.43, T: 38.86 }) // → 1.2260
 */
function conditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  customer: CustomerHistory,
): number {
  const fn = 'bgNbd.conditionalExpectedPurchases';
  checkParams(fn, params, NAMES);
  checkTime(fn, 't', t);
  checkCustomer(fn, customer);
  return conditionalExpected(params, t, customer, 0);
}

/**
 * Probability that a customer with history (x, tₓ, T) is still alive at T (FHL 2005 eq. 13;
 * Fader, Hardie & Lee 2008 note "Computing P(alive) using the BG/NBD model"):
 *   P(alive) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)),
 * or at T + horizon: P(alive) · ₂F₁(r+x, a; a+b+x; −horizon/(α+T)) (no purchase-triggered
 * dropout during the horizon, over the posterior of λ and p). Always in [0, 1].
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, customer or horizon
 * @example
 * bgNbd.probabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 *   { frequency: 2, recency: 30.43, T: 38.86 }) // → 0.7266
 */
function probabilityAlive(
  params: BgNbdParams,
  customer: CustomerHistory,
  options: ProbabilityAliveOptions = {},
): number {
  const fn = 'bgNbd.probabilityAlive';
  checkParams(fn, params, NAMES);
  checkCustomer(fn, customer);
  const h = options.horizon ?? 0;
  checkTime(fn, 'horizon', h);
  return probabilityAliveAt(params, customer, h, 0);
}

/**
 * Probability that a new customer makes exactly n repeat purchases in (0, t] (FHL 2005 eq. 8):
 *   P(X(t)=n) = B(a, b+n)/B(a, b) · NB(n) + δ(n>0) · B(a+1, b+n−1)/B(a, b) · P(NB ≥ n),
 * NB(n) = Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r · (t/(α+t))^n. Sums to 1 over n = 0, 1, 2, …
 *
 * @param n number of purchases, an integer ≥ 0
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, t or n
 * @example
 * bgNbd.probabilityOfPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 0)
 * // → 0.5738
 */
function probabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  const fn = 'bgNbd.probabilityOfPurchases';
  checkParams(fn, params, NAMES);
  checkTime(fn, 't', t);
  if (!(Number.isInteger(n) && n >= 0)) {
    throw invalidInput(fn, 'n', 'an integer ≥ 0', n, { code: 'invalid_count' });
  }
  return probabilityOfCount(params, t, n, 0);
}

/** The BG/NBD model: fit and predictions (see each member's documentation). */
export const bgNbd = {
  fit,
  logLikelihood,
  expectedPurchases,
  conditionalExpectedPurchases,
  probabilityAlive,
  probabilityOfPurchases,
} as const;
