/**
 * Shifted-beta-geometric (sBG) model of contractual retention (Fader & Hardie 2007, "How to
 * project customer retention", Journal of Interactive Marketing 21(1)): each customer churns at
 * the end of each period with her own probability θ, θ ~ Beta(α, β) across customers.
 */
import { InsufficientDataError, invalidInput } from '../errors';
import { fitModel } from './fit';
import { betaln, digamma } from './math/special';
import type { Fit, FitOptions } from './types';

/** sBG parameters: churn probability θ ~ Beta(alpha, beta); mean churn α / (α + β). */
export interface SbgParams {
  [key: string]: number;
  alpha: number;
  beta: number;
}

const DEFAULTS = { initialParams: { alpha: 1, beta: 1 } } as const;

/** What the shared fitter needs: LL with analytic gradient, names and a deterministic start. */
const definition = {
  name: 'sbg',
  fn: 'sbg.fit',
  paramNames: ['alpha', 'beta'] as const,
  logLikelihood: (
    theta: Float64Array,
    data: { survivors: readonly number[]; n: number },
    grad?: Float64Array,
  ) => logLikelihoodAndGradient(theta[0] as number, theta[1] as number, data.survivors, grad),
  start: () => [DEFAULTS.initialParams.alpha, DEFAULTS.initialParams.beta],
};

/** Throws unless α, β are finite and > 0. */
function checkParams(fn: string, params: SbgParams): void {
  for (const k of ['alpha', 'beta'] as const) {
    const v = params?.[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw invalidInput(fn, `params.${k}`, 'a finite number > 0', v, { code: 'not_positive' });
    }
  }
}

/** Throws unless `t` is an integer >= min. */
function checkPeriod(fn: string, field: string, t: number, min: number): void {
  if (typeof t !== 'number' || !Number.isInteger(t) || t < min) {
    throw invalidInput(fn, field, `an integer >= ${min}`, t, { code: 'invalid_period' });
  }
}

/**
 * Validates a survivor series: integers, first > 0, non-increasing, at least 3 entries
 * (2 parameters need 2 observed periods). Returns it unchanged.
 */
function checkSurvivors(fn: string, survivors: readonly number[]): readonly number[] {
  if (!Array.isArray(survivors)) {
    throw invalidInput(fn, 'survivors', 'an array of counts', survivors, { code: 'invalid_type' });
  }
  survivors.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw invalidInput(fn, `survivors[${i}]`, 'an integer >= 0', v, {
        code: 'invalid_count',
        path: ['survivors', i],
      });
    }
    if (i > 0 && v > (survivors[i - 1] as number)) {
      throw invalidInput(
        fn,
        `survivors[${i}]`,
        `<= survivors[${i - 1}] (${survivors[i - 1]}): survivors never increase`,
        v,
        {
          code: 'increasing',
          path: ['survivors', i],
        },
      );
    }
  });
  if (survivors.length < 3) {
    throw new InsufficientDataError(
      `${fn}: expected survivors with at least 3 entries (start + 2 periods), received ${survivors.length}`,
    );
  }
  if ((survivors[0] as number) <= 0) {
    throw new InsufficientDataError(
      `${fn}: expected survivors[0] > 0 (the cohort size), received ${survivors[0]}`,
    );
  }
  return survivors;
}

/**
 * Log-likelihood of a survivor series n_0 ≥ n_1 ≥ … ≥ n_k (n_0 = cohort size).
 * LL = Σ_{t=1..k} (n_{t−1} − n_t)·ln P(T = t) + n_k·ln S(k), with
 * P(T = t) = B(α+1, β+t−1)/B(α, β) and S(t) = B(α, β+t)/B(α, β) (Fader & Hardie 2007, eqs. 3–7).
 * @throws InvalidInputError for bad parameters or survivors; InsufficientDataError for fewer than 3 entries.
 * @example
 * sbgLogLikelihood({ alpha: 1, beta: 1 }, [4, 2, 1]) // 2·ln(1/2) + 1·ln(1/6) + 1·ln(1/3) = −4.2767
 */
export function sbgLogLikelihood(params: SbgParams, survivors: readonly number[]): number {
  checkParams('sbg.logLikelihood', params);
  checkSurvivors('sbg.logLikelihood', survivors);
  return logLikelihoodAndGradient(params.alpha, params.beta, survivors);
}

/** LL and (optionally) its gradient in the natural parameters: g = [∂LL/∂α, ∂LL/∂β]. */
function logLikelihoodAndGradient(
  a: number,
  b: number,
  survivors: readonly number[],
  grad?: Float64Array,
): number {
  const lnB = betaln(a, b);
  const psiA = digamma(a);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  let ll = 0;
  let ga = 0;
  let gb = 0;
  const k = survivors.length - 1;
  for (let t = 1; t <= k; t++) {
    const lost = (survivors[t - 1] as number) - (survivors[t] as number);
    if (lost === 0) continue;
    ll += lost * (betaln(a + 1, b + t - 1) - lnB);
    if (grad) {
      const psiABt = digamma(a + b + t);
      ga += lost * (digamma(a + 1) - psiABt - psiA + psiAB);
      gb += lost * (digamma(b + t - 1) - psiABt - psiB + psiAB);
    }
  }
  const alive = survivors[k] as number;
  if (alive > 0) {
    ll += alive * (betaln(a, b + k) - lnB);
    if (grad) {
      const psiABk = digamma(a + b + k);
      ga += alive * (psiAB - psiABk);
      gb += alive * (digamma(b + k) - psiABk - psiB + psiAB);
    }
  }
  if (grad) {
    grad[0] = ga;
    grad[1] = gb;
  }
  return ll;
}

/**
 * Fits α, β by maximum likelihood from a cohort's survivors per period (n_0 = cohort size).
 * Optimizes on log-parameters with BFGS and the analytic gradient; n = n_0.
 * Source: Fader & Hardie (2007), §3; they report α = 0.668, β = 3.806 ("high end") and
 * α = 0.704, β = 1.182 ("regular") from years 0–7.
 * @throws InvalidInputError for non-integer, negative or increasing counts; InsufficientDataError
 *   for fewer than 3 entries, an empty cohort, no churn at all, or nobody left after period 1
 *   (the estimates would sit on the boundary); ConvergenceError when throwOnNonConvergence is set.
 * @example
 * sbg.fit([1000, 869, 743, 653, 593, 551, 517, 491]).params // ≈ { alpha: 0.668, beta: 3.806 }
 */
export function sbgFit(
  survivors: readonly number[],
  options: FitOptions<SbgParams> = {},
): Fit<SbgParams> {
  checkSurvivors('sbg.fit', survivors);
  const last = survivors[survivors.length - 1] as number;
  if (last === survivors[0] || survivors[1] === 0) {
    // no churn at all (θ → 0) or everyone gone after period 1 (θ → 1): the MLE is on the boundary
    throw new InsufficientDataError(
      `sbg.fit: expected some customers lost and some still active after period 1, received survivors ${JSON.stringify(survivors.slice(0, 4))}${survivors.length > 4 ? '…' : ''}`,
    );
  }
  return fitModel<SbgParams, { survivors: readonly number[]; n: number }>(
    definition,
    { survivors, n: survivors[0] as number },
    options,
  );
}

/**
 * Survival function S(t) = P(T > t) = B(α, β+t) / B(α, β): share of a cohort still a customer
 * after t periods (S(0) = 1). Fader & Hardie (2007), eq. 7.
 * @throws InvalidInputError for bad parameters or a t that is not an integer >= 0.
 * @example
 * sbgSurvival({ alpha: 1, beta: 1 }, 2) // B(1,3)/B(1,1) = 1/3
 */
export function sbgSurvival(params: SbgParams, t: number): number {
  checkParams('sbg.survival', params);
  checkPeriod('sbg.survival', 't', t, 0);
  return Math.exp(betaln(params.alpha, params.beta + t) - betaln(params.alpha, params.beta));
}

/**
 * Survival curve [S(0), S(1), …, S(periods)], by the recursion S(t) = S(t−1)·(β+t−1)/(α+β+t−1).
 * Non-increasing, starts at 1. Fader & Hardie (2007), eqs. 5 and 7.
 * @throws InvalidInputError for bad parameters or periods not an integer >= 0.
 * @example
 * sbgSurvivalCurve({ alpha: 1, beta: 1 }, 3) // [1, 0.5, 0.3333, 0.25]
 */
export function sbgSurvivalCurve(params: SbgParams, periods: number): number[] {
  checkParams('sbg.survivalCurve', params);
  checkPeriod('sbg.survivalCurve', 'periods', periods, 0);
  const out = [1];
  let s = 1;
  for (let t = 1; t <= periods; t++) {
    s *= retention(params, t);
    out.push(s);
  }
  return out;
}

function retention(params: SbgParams, t: number): number {
  return (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
}

/**
 * Retention rate in period t ≥ 1: r_t = S(t)/S(t−1) = (β + t − 1)/(α + β + t − 1). It rises
 * with t: the sorting effect of heterogeneity. Fader & Hardie (2007), eq. 8.
 * @throws InvalidInputError for bad parameters or t not an integer >= 1.
 * @example
 * sbgRetentionRate({ alpha: 0.704, beta: 1.182 }, 1) // 1.182/1.886 = 0.6267
 */
export function sbgRetentionRate(params: SbgParams, t: number): number {
  checkParams('sbg.retentionRate', params);
  checkPeriod('sbg.retentionRate', 't', t, 1);
  return retention(params, t);
}

/**
 * Probability of churning in period t ≥ 1: P(T = t) = B(α+1, β+t−1)/B(α, β) (Fader & Hardie
 * 2007, eq. 3); sums to 1 over t = 1, 2, ….
 * @throws InvalidInputError for bad parameters or t not an integer >= 1.
 * @example
 * sbgChurnProbability({ alpha: 1, beta: 1 }, 1) // 1/2
 */
export function sbgChurnProbability(params: SbgParams, t: number): number {
  checkParams('sbg.churnProbability', params);
  checkPeriod('sbg.churnProbability', 't', t, 1);
  return Math.exp(
    betaln(params.alpha + 1, params.beta + t - 1) - betaln(params.alpha, params.beta),
  );
}

/**
 * Discounted expected lifetime of a new customer, in periods, paying at the start of each period
 * she is a customer (the first payment undiscounted):
 * DEL(d) = Σ_{t≥0} S(t)/(1+d)^t = 2F1(1, β; α+β; 1/(1+d)) (Fader & Hardie 2010, "Customer-base
 * valuation in a contractual setting", eq. 6). Multiply by the per-period margin for a CLV.
 * Summed directly (term ratio (β+t)/(α+β+t)·1/(1+d) < 1) until the tail bound falls below 1e-15
 * of the sum.
 * @throws InvalidInputError for bad parameters or discountRate not a finite number > 0
 *   (with d = 0 the sum diverges when α ≤ 1).
 * @example
 * sbgDiscountedExpectedLifetime({ alpha: 1, beta: 1 }, 1) // Σ z^t/(t+1) at z = 1/2 = 2·ln 2 = 1.3863
 */
export function sbgDiscountedExpectedLifetime(params: SbgParams, discountRate: number): number {
  const fn = 'sbg.discountedExpectedLifetime';
  checkParams(fn, params);
  checkRate(fn, discountRate);
  return survivalSeries(params.alpha, params.beta, 1 / (1 + discountRate));
}

/**
 * Discounted expected residual lifetime of a customer who has made `renewals` renewals
 * (n − 1 in Fader & Hardie's notation) and is at the next renewal decision; the payment at that
 * renewal is undiscounted:
 * DERL(d | renewals) = (β+renewals)/(α+β+renewals) · 2F1(1, β+renewals+1; α+β+renewals+1; 1/(1+d))
 * (Fader & Hardie 2010, eq. 9). Note DEL = 1 + DERL(renewals = 0)/(1+d).
 * @throws InvalidInputError for bad parameters, a negative or non-integer renewals, or
 *   discountRate not a finite number > 0.
 * @example
 * sbgDiscountedExpectedResidualLifetime({ alpha: 1, beta: 1 }, 0, 1) // (2·ln 2 − 1)·2 = 0.7726
 */
export function sbgDiscountedExpectedResidualLifetime(
  params: SbgParams,
  renewals: number,
  discountRate: number,
): number {
  const fn = 'sbg.discountedExpectedResidualLifetime';
  checkParams(fn, params);
  checkPeriod(fn, 'renewals', renewals, 0);
  checkRate(fn, discountRate);
  const b = params.beta + renewals;
  return (b / (params.alpha + b)) * survivalSeries(params.alpha, b + 1, 1 / (1 + discountRate));
}

function checkRate(fn: string, d: number): void {
  if (typeof d !== 'number' || !Number.isFinite(d) || d <= 0) {
    throw invalidInput(fn, 'discountRate', 'a finite number > 0 (per period)', d, {
      code: 'not_positive',
    });
  }
}

/** Σ_{t≥0} [(b)_t/(a+b)_t]·z^t = 2F1(1, b; a+b; z) for 0 < z < 1 (terms positive, ratio < z). */
function survivalSeries(a: number, b: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let t = 0; t < 100_000_000; t++) {
    term *= ((b + t) / (a + b + t)) * z;
    sum += term;
    // remaining tail ≤ term·z/(1−z) because every later ratio is < z
    if ((term * z) / (1 - z) <= 1e-15 * sum) return sum;
  }
  return sum;
}

/**
 * The sBG model as a namespace object: `fit`, `logLikelihood`, `survival`, `survivalCurve`,
 * `retentionRate`, `churnProbability`, `discountedExpectedLifetime`,
 * `discountedExpectedResidualLifetime`.
 * @example
 * const fit = sbg.fit([1000, 631, 468, 382, 326, 289, 262, 241]);
 * sbg.retentionRate(fit.params, 1) // ≈ 0.627
 */
export const sbg = {
  fit: sbgFit,
  logLikelihood: sbgLogLikelihood,
  survival: sbgSurvival,
  survivalCurve: sbgSurvivalCurve,
  retentionRate: sbgRetentionRate,
  churnProbability: sbgChurnProbability,
  discountedExpectedLifetime: sbgDiscountedExpectedLifetime,
  discountedExpectedResidualLifetime: sbgDiscountedExpectedResidualLifetime,
} as const;
