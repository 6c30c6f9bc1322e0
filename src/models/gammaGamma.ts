/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value",
 * http://brucehardie.com/notes/025/; after Colombo & Jiang 1999): a customer's transaction
 * values are i.i.d. Gamma(p, ν); across customers ν ~ Gamma(q, γ) (γ is `v` here, as in
 * lifetimes). Assumes spend is independent of the purchase process; fit it on repeat buyers
 * only (frequency ≥ 1), with monetaryValue the mean of the repeat transactions.
 *
 * Units: monetaryValue and v in currency units; p, q dimensionless.
 */
import { invalidInput } from '../errors';
import { checkParams, type FitInternals, fitModel } from './fit';
import { gammaGammaLogLik } from './gammaGammaLikelihood';
import { prepareSpend, type SpendDataCompressed } from './summaryData';
import type { Fit, FitOptions, GammaGammaParams, SpendData } from './types';

const NAMES = ['p', 'q', 'v'] as const;

const definition = {
  name: 'gammaGamma',
  fn: 'gammaGamma.fit',
  paramNames: NAMES,
  logLikelihood: gammaGammaLogLik,
  // p = 1, q = 2, v = mean spend: E[ν] = q/v and E[z] = p·v/(q−1) = mean spend.
  start: (d: SpendDataCompressed) => {
    let s = 0;
    for (let i = 0; i < d.m.length; i++) s += d.w[i]! * d.m[i]!;
    return [1, 2, s / d.n];
  },
};

/**
 * Fits the Gamma-Gamma model by maximum likelihood (BFGS on log-parameters, analytic gradient;
 * identical (frequency, monetaryValue) rows merged into weights). Penalty (optional):
 * λ·(p² + q² + v²) added to −LL/n.
 *
 * @param data repeat buyers: frequency x ≥ 1 (repeat transactions), monetaryValue z̄ > 0 (their
 *   mean value)
 * @throws {InvalidInputError} code `INVALID_INPUT` for frequency < 1, non-positive or
 *   non-finite spend (customer named), or an invalid option
 * @throws {InsufficientDataError} code `INSUFFICIENT_DATA` for empty data
 * @throws {ConvergenceError} code `CONVERGENCE` only with `throwOnNonConvergence: true`
 * @example
 * // the 946 CDNOW repeat buyers (Fader & Hardie 2013: p = 6.25, q = 3.74, γ = 15.44)
 * gammaGamma.fit(repeatBuyers).params // → { p: 6.2488, q: 3.7446, v: 15.4477 }
 */
function fit(
  data: SpendData,
  options: FitOptions<GammaGammaParams> = {},
  internals: FitInternals = {},
): Fit<GammaGammaParams> {
  const d = prepareSpend('gammaGamma.fit', data, options.weights);
  return fitModel<GammaGammaParams, SpendDataCompressed>(definition, d, options, internals);
}

/**
 * Total Gamma-Gamma log-likelihood of repeat buyers' mean spends at `params`
 * (Fader & Hardie 2013 eq. 5, summed, weighted).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params or data
 * @example
 * gammaGamma.logLikelihood({ p: 6.25, q: 3.74, v: 15.44 }, [{ frequency: 2, monetaryValue: 22.35 }])
 * // → −3.5513
 */
function logLikelihood(params: GammaGammaParams, data: SpendData): number {
  checkParams('gammaGamma.logLikelihood', params, NAMES);
  const d = prepareSpend('gammaGamma.logLikelihood', data);
  return gammaGammaLogLik(
    Float64Array.from(NAMES, (k) => params[k]),
    d,
  );
}

/**
 * Expected mean transaction value of a customer given x repeat transactions with mean z̄
 * (Fader & Hardie 2013 eq. 6):
 *   E[M | x, z̄] = p(v + x z̄)/(px + q − 1)
 *               = (q−1)/(px+q−1) · pv/(q−1) + px/(px+q−1) · z̄,
 * a weighted average of the population mean pv/(q−1) and the customer's own mean; for x = 0
 * the population mean. Currency units.
 *
 * @param customer frequency x (integer ≥ 0) and monetaryValue z̄ (finite; ignored when x = 0,
 *   otherwise > 0)
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid params, q ≤ 1 (the mean spend is
 *   infinite), or an invalid customer
 * @example
 * // CDNOW customer 1 (x = 2, z̄ = 22.35): (q−1)/(px+q−1) = 2.74/15.24 = 0.1798,
 * // 0.1798 · 6.25·15.44/2.74 + 0.8202 · 22.35 = 6.332 + 18.332
 * gammaGamma.conditionalExpectedAverageValue({ p: 6.25, q: 3.74, v: 15.44 },
 *   { frequency: 2, monetaryValue: 22.35 }) // → 24.6637 = 6.25·(15.44 + 44.7)/15.24
 */
function conditionalExpectedAverageValue(
  params: GammaGammaParams,
  customer: { frequency: number; monetaryValue: number },
): number {
  const fn = 'gammaGamma.conditionalExpectedAverageValue';
  checkParams(fn, params, NAMES);
  const { p, q, v } = params;
  if (!(q > 1)) {
    throw invalidInput(fn, 'params.q', '> 1 (a finite population mean spend)', q, {
      code: 'invalid_params',
    });
  }
  const x = customer.frequency;
  const m = customer.monetaryValue;
  if (!(Number.isInteger(x) && x >= 0)) {
    throw invalidInput(fn, 'frequency', 'an integer ≥ 0', x, { code: 'invalid_frequency' });
  }
  if (x === 0) return (p * v) / (q - 1);
  if (!(Number.isFinite(m) && m > 0)) {
    throw invalidInput(fn, 'monetaryValue', 'a finite number > 0 when frequency ≥ 1', m, {
      code: 'invalid_monetary_value',
    });
  }
  return (p * (v + x * m)) / (p * x + q - 1);
}

/** The Gamma-Gamma spend model: fit and the conditional expected average spend. */
export const gammaGamma = {
  fit,
  logLikelihood,
  conditionalExpectedAverageValue,
} as const;
