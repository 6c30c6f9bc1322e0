/**
 * MBG/NBD model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of
 * models for customer base analysis", IJRM 24(3)): BG/NBD in which the dropout coin
 * p ~ Beta(a, b) is also tossed right after the first purchase (time 0), so customers without
 * repeat purchases can be inactive — BG/NBD's P(alive) = 1 for x = 0 is often implausible.
 *
 * Units: recency, T, t and horizon in the summary's time unit; α in that unit too.
 */
import { invalidInput } from '../errors';
import {
  conditionalExpected,
  probabilityAliveAt,
  probabilityOfCount,
} from './betaGeometricPredictions';
import { mbgNbdLogLik, rateStart } from './bgNbdLikelihood';
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
  name: 'mbgNbd',
  fn: 'mbgNbd.fit',
  paramNames: NAMES,
  size: (d: RfmData) => d.x.length,
  subsample: subsampleRfm,
  logLikelihood: mbgNbdLogLik,
  start: (d: RfmData) => {
    const { r, alpha } = rateStart(d);
    return [r, alpha, 1, 1];
  },
};

/**
 * Fits the MBG/NBD model by maximum likelihood (BFGS on log-parameters, analytic gradient,
 * identical rows merged into weights).
 *
 * Likelihood (Batislam et al. 2007, eq. 5): L = Γ(r+x)α^r/Γ(r) · [B(a, b+x+1)/B(a, b) ·
 *   (α+T)^−(r+x) + B(a+1, b+x)/B(a, b) · (α+tₓ)^−(r+x)] for every x ≥ 0.
 * Penalty (optional): λ·(r² + α² + a² + b²) added to −LL/n.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for an invalid summary (customer named) or
 *   option
 * @throws {InsufficientDataError} code `INSUFFICIENT_DATA` for empty data
 * @throws {ConvergenceError} code `CONVERGENCE` only with `throwOnNonConvergence: true`
 * @example
 * // CDNOW 1/10th sample, 2,357 customers, weeks; BTYDplus reports r 0.525, α 6.183,
 * // a 0.891, b 1.614
 * mbgNbd.fit(rows).params // → { r: 0.5248, alpha: 6.1830, a: 0.8914, b: 1.6140 }, LL −9582.13
 */
function fit(
  data: CustomerData,
  options: FitOptions<BgNbdParams> = {},
  internals: FitInternals = {},
): Fit<BgNbdParams> {
  const d = prepareRfm('mbgNbd.fit', data, options.weights);
  return fitModel<BgNbdParams, RfmData>(definition, d, options, internals);
}

/**
 * Total MBG/NBD log-likelihood of the data at `params` (Batislam et al. 2007 eq. 5, summed,
 * weighted).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params or summaries
 * @example
 * mbgNbd.logLikelihood({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
 *   [{ frequency: 0, recency: 0, T: 38.86 }]) // → −0.5398
 */
function logLikelihood(params: BgNbdParams, data: CustomerData): number {
  checkParams('mbgNbd.logLikelihood', params, NAMES);
  const d = prepareRfm('mbgNbd.logLikelihood', data);
  return mbgNbdLogLik(
    Float64Array.from(NAMES, (k) => params[k]),
    d,
  );
}

/**
 * Expected repeat purchases of a new customer in (0, t] (Batislam et al. 2007 eq. 8):
 *   E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b+1; a+b; t/(α+t))].
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params or t
 * @example
 * mbgNbd.expectedPurchases({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 78) // → 1.8048
 */
function expectedPurchases(params: BgNbdParams, t: number): number {
  checkParams('mbgNbd.expectedPurchases', params, NAMES);
  checkTime('mbgNbd.expectedPurchases', 't', t);
  return conditionalExpected(params, t, { frequency: 0, recency: 0, T: 0 }, 1);
}

/**
 * Expected purchases in (T, T+t] given (x, tₓ, T) (Batislam et al. 2007 eq. 10):
 *   E[Y(t)|x, tₓ, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ·
 *     ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] / (1 + a/(b+x) · ((α+T)/(α+tₓ))^(r+x)).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, t or customer
 * @example
 * mbgNbd.conditionalExpectedPurchases({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 39,
 *   { frequency: 2, recency: 30.43, T: 38.86 }) // → 1.2630
 */
function conditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  customer: CustomerHistory,
): number {
  const fn = 'mbgNbd.conditionalExpectedPurchases';
  checkParams(fn, params, NAMES);
  checkTime(fn, 't', t);
  checkCustomer(fn, customer);
  return conditionalExpected(params, t, customer, 1);
}

/**
 * P(alive at T | x, tₓ, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+tₓ))^(r+x)) (Batislam et al. 2007
 * eq. 9; below 1 even for x = 0), or at T + horizon: P(alive) · ₂F₁(r+x, a; a+b+x+1;
 * −horizon/(α+T)). Always in [0, 1].
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, customer or horizon
 * @example
 * mbgNbd.probabilityAlive({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
 *   { frequency: 0, recency: 0, T: 38.86 }) // → 0.3897
 */
function probabilityAlive(
  params: BgNbdParams,
  customer: CustomerHistory,
  options: ProbabilityAliveOptions = {},
): number {
  const fn = 'mbgNbd.probabilityAlive';
  checkParams(fn, params, NAMES);
  checkCustomer(fn, customer);
  const h = options.horizon ?? 0;
  checkTime(fn, 'horizon', h);
  return probabilityAliveAt(params, customer, h, 1);
}

/**
 * P(X(t) = n) for a new customer (Batislam et al. 2007 eq. 7):
 *   B(a, b+n+1)/B(a, b) · NB(n) + B(a+1, b+n)/B(a, b) · P(NB ≥ n),
 * NB(n) = Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n. Sums to 1 over n.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, t or n
 * @example
 * mbgNbd.probabilityOfPurchases({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 39, 0)
 * // → 0.5825
 */
function probabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  const fn = 'mbgNbd.probabilityOfPurchases';
  checkParams(fn, params, NAMES);
  checkTime(fn, 't', t);
  if (!(Number.isInteger(n) && n >= 0)) {
    throw invalidInput(fn, 'n', 'an integer ≥ 0', n, { code: 'invalid_count' });
  }
  return probabilityOfCount(params, t, n, 1);
}

/** The MBG/NBD model: fit and predictions (see each member's documentation). */
export const mbgNbd = {
  fit,
  logLikelihood,
  expectedPurchases,
  conditionalExpectedPurchases,
  probabilityAlive,
  probabilityOfPurchases,
} as const;
