/**
 * Discounted customer lifetime value from a transaction model (BG/NBD, MBG/NBD, Pareto/NBD)
 * and the Gamma-Gamma spend model, over a horizon in months.
 */
import { InsufficientDataError, invalidInput } from '../errors';
import { bgNbd } from './bgNbd';
import { gammaGamma } from './gammaGamma';
import { mbgNbd } from './mbgNbd';
import { paretoNbd } from './paretoNbd';
import type {
  CustomerHistory,
  GammaGammaParams,
  ModelParams,
  ProbabilityAliveOptions,
} from './types';

/** Transaction models usable for CLV, validation and matrices. */
export type TransactionModelName = 'bgNbd' | 'mbgNbd' | 'paretoNbd';

/** The prediction functions every transaction model namespace provides. */
export interface TransactionModel {
  expectedPurchases(params: never, t: number): number;
  conditionalExpectedPurchases(params: never, t: number, customer: CustomerHistory): number;
  probabilityAlive(
    params: never,
    customer: CustomerHistory,
    options?: ProbabilityAliveOptions,
  ): number;
}

/** Prediction functions with the parameter type erased (each model validates its own params). */
export interface AnyTransactionModel {
  expectedPurchases(params: ModelParams, t: number): number;
  conditionalExpectedPurchases(params: ModelParams, t: number, customer: CustomerHistory): number;
  probabilityAlive(
    params: ModelParams,
    customer: CustomerHistory,
    options?: ProbabilityAliveOptions,
  ): number;
}

const MODELS: Record<TransactionModelName, TransactionModel> = {
  bgNbd,
  mbgNbd,
  paretoNbd,
};

/** Internal: the namespace object of a transaction model, or a typed error naming `fn`. */
export function transactionModelByName(fn: string, name: unknown): AnyTransactionModel {
  const model =
    typeof name === 'string' && Object.hasOwn(MODELS, name)
      ? MODELS[name as TransactionModelName]
      : undefined;
  if (model === undefined) {
    throw invalidInput(fn, 'transactionModel', "'bgNbd' | 'mbgNbd' | 'paretoNbd'", name, {
      code: 'invalid_model',
    });
  }
  return model as unknown as AnyTransactionModel;
}

/** Time unit of the customer summaries (recency, T) the transaction model was fitted on. */
export type SummaryUnit = 'day' | 'week' | 'month';

/**
 * Summary units per month: a month is the mean Gregorian month, 365.25 / 12 = 30.4375 days
 * = 4.348214 weeks. (lifetimes uses 30 days and 4.345 weeks.)
 */
export const UNITS_PER_MONTH: Readonly<Record<SummaryUnit, number>> = {
  day: 30.4375,
  week: 30.4375 / 7,
  month: 1,
};

/** One customer for CLV: the calibration summary plus mean repeat spend (0 without repeats). */
export interface ClvCustomer extends CustomerHistory {
  monetaryValue: number;
  customerId?: string;
  /** Optional unit tag; when present it must equal the `unit` option. */
  unit?: string;
}

/** Options of {@link customerLifetimeValue}. */
export interface ClvOptions {
  transactionModel: TransactionModelName;
  /** Fitted transaction-model parameters (e.g. `fit.params`); an optional `unit` tag is checked. */
  transactionParams: object;
  /** Fitted Gamma-Gamma parameters {p, q, v} (q > 1 so that mean spend is finite). */
  monetaryParams: GammaGammaParams;
  customers: readonly ClvCustomer[];
  /** Horizon in months (integer >= 1). */
  months: number;
  /** Discount rate per month (e.g. 0.01 = 1%/month ≈ 12.7%/year), >= 0. */
  discountRate: number;
  /** Time unit of recency and T (and of the model's rates). Required: there is no default. */
  unit: SummaryUnit;
}

const FN = 'customerLifetimeValue';

/**
 * Discounted CLV per customer over `months` months:
 * CLV_i = Σ_{m=1..months} [E(X(m·u) | x, tₓ, T) − E(X((m−1)·u) | x, tₓ, T)] · E(M | x, z̄) / (1 + d)^m
 * where u = summary units per month (30.4375 days, 4.348 weeks or 1 month), E(X(t) | …) is the
 * transaction model's conditional expected purchases in (T, T + t], E(M | x, z̄) the Gamma-Gamma
 * conditional expected spend per transaction (Fader & Hardie 2013; gammaGamma.conditionalExpectedAverageValue), d the monthly
 * discount rate. Purchases in month m are discounted as if paid at its end, as in lifetimes'
 * `customer_lifetime_value` (which steps by 30 days or 4.345 weeks instead).
 *
 * Units: the result is in the currency of `monetaryValue`. `unit` must name the unit of recency
 * and T; feeding week summaries with `unit: 'day'` would shrink the horizon 7-fold, so `unit` is
 * required and checked against any `unit` tag on the params or customers.
 * Edge cases: customers with frequency 0 get the population mean spend p·v/(q−1); months = 1
 * gives one discounted month. Non-negative and non-decreasing in `months`.
 *
 * Complexity: O(customers × months) model evaluations.
 * @throws InvalidInputError (`INVALID_INPUT`) for an unknown model, a missing/invalid/mismatched
 *   unit, months not an integer >= 1, a negative or non-finite discount rate, q <= 1, or an
 *   invalid customer (named by index and id).
 * @throws InsufficientDataError (`INSUFFICIENT_DATA`) for an empty customer list.
 * @example
 * customerLifetimeValue({
 *   transactionModel: 'bgNbd', transactionParams: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 *   monetaryParams: { p: 6.25, q: 3.74, v: 15.44 },
 *   customers: [{ frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 46.5 }],
 *   months: 12, discountRate: 0.01, unit: 'week',
 * }) // → [65.47]
 */
export function customerLifetimeValue(options: ClvOptions): number[] {
  if (options === null || typeof options !== 'object')
    throw invalidInput(FN, 'options', 'an object', options, { code: 'invalid_type' });
  const { transactionParams, monetaryParams, customers, months, discountRate, unit } = options;
  const model = transactionModelByName(FN, options.transactionModel);
  if (unit !== 'day' && unit !== 'week' && unit !== 'month') {
    throw invalidInput(
      FN,
      'unit',
      "'day' | 'week' | 'month' (the unit of recency and T; required)",
      unit,
      { code: 'invalid_unit' },
    );
  }
  const paramsUnit = (transactionParams as { unit?: unknown } | undefined)?.unit;
  if (paramsUnit !== undefined && paramsUnit !== unit) {
    throw invalidInput(
      FN,
      'unit',
      `to match transactionParams.unit (${String(paramsUnit)})`,
      unit,
      { code: 'unit_mismatch' },
    );
  }
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1) {
    throw invalidInput(FN, 'months', 'an integer >= 1', months, { code: 'invalid_months' });
  }
  if (typeof discountRate !== 'number' || !Number.isFinite(discountRate) || discountRate < 0) {
    throw invalidInput(FN, 'discountRate', 'a finite number >= 0 (per month)', discountRate, {
      code: 'invalid_rate',
    });
  }
  if (!(monetaryParams?.q > 1)) {
    throw invalidInput(
      FN,
      'monetaryParams.q',
      '> 1 (mean spend p·v/(q−1) is infinite otherwise)',
      monetaryParams?.q,
      { code: 'invalid_params' },
    );
  }
  if (!Array.isArray(customers))
    throw invalidInput(FN, 'customers', 'an array', customers, { code: 'invalid_type' });
  if (customers.length === 0)
    throw new InsufficientDataError(`${FN}: expected at least one customer, received 0`);
  const u = UNITS_PER_MONTH[unit];
  const discount = Array.from({ length: months }, (_, m) => (1 + discountRate) ** -(m + 1));
  // Σ_m [E(X(m·u)) − E(X((m−1)·u))]/(1+d)^m depends only on (x, tₓ, T): computed once per
  // distinct history (day-level summaries repeat a lot, e.g. every x = 0 customer of a cohort day).
  const cache = new Map<string, number>();
  const discountedPurchases = (h: CustomerHistory): number => {
    const key = `${h.frequency},${h.recency},${h.T}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let prev = 0;
    let total = 0;
    for (let m = 1; m <= months; m++) {
      const e = model.conditionalExpectedPurchases(transactionParams as ModelParams, m * u, h);
      // increments can be −1e-16 from rounding; expected purchases never decrease
      total += Math.max(0, e - prev) * (discount[m - 1] as number);
      prev = e;
    }
    cache.set(key, total);
    return total;
  };
  return customers.map((c, i) => {
    const where = {
      path: ['customers', i],
      ...(c?.customerId !== undefined ? { customerId: c.customerId } : {}),
    };
    if (c?.unit !== undefined && c.unit !== unit) {
      throw invalidInput(FN, 'unit', `to match customers[${i}].unit (${String(c.unit)})`, unit, {
        code: 'unit_mismatch',
        ...where,
      });
    }
    const mv = c?.monetaryValue;
    if (typeof mv !== 'number' || !Number.isFinite(mv) || mv < 0) {
      throw invalidInput(FN, 'monetaryValue', 'a finite number >= 0', mv, {
        code: 'invalid_spend',
        ...where,
      });
    }
    const history = { frequency: c.frequency, recency: c.recency, T: c.T };
    let spend: number;
    let weight: number;
    try {
      spend = gammaGamma.conditionalExpectedAverageValue(monetaryParams, {
        frequency: c.frequency,
        monetaryValue: mv,
      });
      weight = discountedPurchases(history);
    } catch (e) {
      if (e instanceof Error && 'issues' in e) {
        const err = e as Error & { issues: { path?: (string | number)[]; customerId?: string }[] };
        for (const issue of err.issues) Object.assign(issue, where);
        err.message = `${err.message} (${FN}: customers[${i}]${c.customerId !== undefined ? `, customer ${JSON.stringify(c.customerId)}` : ''})`;
      }
      throw e;
    }
    return weight * spend;
  });
}
