import { InsufficientDataError, invalidInput } from '../errors';
import { assertFinite, assertFraction, assertNonZero, assertObject, finiteResult } from './_checks';

/** Inputs of {@link simpleClv}. */
export interface SimpleClvInputs {
  /** Revenue per customer per period (currency units). */
  averageRevenuePerCustomer: number;
  /** Churn rate per the same period, in (0, 1]. */
  churnRate: number;
}

/**
 * The seed's simple customer lifetime value: revenue per customer times the expected lifetime.
 *
 * Formula: `CLV = ARPU / churn` (`Customer Lifetime Value = Average Revenue per Customer /
 * Churn Rate` in the seed), in currency units. `1 / churn` is the expected number of periods a
 * customer stays under a constant churn rate (geometric lifetime), so ARPU and churn must be per
 * the same period. No margin and no discounting: see {@link discountedClv}.
 *
 * @throws InvalidInputError when ARPU is not finite or churn is outside [0, 1].
 * @throws InsufficientDataError when the churn rate is 0 (the lifetime is unbounded).
 * @example
 * simpleClv({ averageRevenuePerCustomer: 50, churnRate: 0.05 }); // 1000  (50/0.05)
 */
export function simpleClv(inputs: SimpleClvInputs): number {
  const fn = 'simpleClv';
  assertObject(fn, 'inputs', inputs);
  const arpu = assertFinite(fn, 'averageRevenuePerCustomer', inputs.averageRevenuePerCustomer);
  const churn = assertFraction(fn, 'churnRate', inputs.churnRate);
  if (churn === 0) {
    throw new InsufficientDataError(
      `${fn}: expected churnRate above 0, received 0 (with no churn the lifetime value is unbounded)`,
    );
  }
  return finiteResult(fn, arpu / churn);
}

/** Inputs of {@link customerValuePerPeriod}. */
export interface CustomerValuePerPeriodInputs {
  /** Value of the customer over the whole lifecycle (currency units). */
  lifetimeValue: number;
  /** Number of periods the lifecycle spans (> 0; may be fractional). */
  lifecyclePeriods: number;
}

/**
 * The seed's customer value per period (its CV, also written as "CLV" for loyalty): lifetime
 * value spread over the lifecycle.
 *
 * Formula: `CV = 客户生命周期值 / 客户生命周期期数` = lifetime value / lifecycle periods, in
 * currency units per period.
 *
 * @throws InvalidInputError when the value is not finite or the periods are negative or not
 *   finite.
 * @throws InsufficientDataError when `lifecyclePeriods` is 0.
 * @example
 * customerValuePerPeriod({ lifetimeValue: 1200, lifecyclePeriods: 24 }); // 50
 */
export function customerValuePerPeriod(inputs: CustomerValuePerPeriodInputs): number {
  const fn = 'customerValuePerPeriod';
  assertObject(fn, 'inputs', inputs);
  const value = assertFinite(fn, 'lifetimeValue', inputs.lifetimeValue);
  const periods = assertFinite(fn, 'lifecyclePeriods', inputs.lifecyclePeriods);
  if (periods < 0) {
    throw invalidInput(fn, 'lifecyclePeriods', 'to be at least 0', periods, { code: 'too_small' });
  }
  assertNonZero(fn, 'lifecyclePeriods', periods);
  return finiteResult(fn, value / periods);
}

/** Inputs of {@link discountedClv}. */
export interface DiscountedClvInputs {
  /** Margin per customer per period (currency units; may be negative). */
  margin: number;
  /** Retention rate per period, in [0, 1]. */
  retentionRate: number;
  /** Discount rate per period, ≥ 0 (e.g. 0.01 per month). */
  discountRate: number;
}

/**
 * Discounted customer lifetime value with constant margin and retention over an infinite
 * horizon.
 *
 * Formula: `CLV = m × r / (1 + d − r)` = Σ_{t≥1} m r^t / (1 + d)^t: margin `m` is earned at the
 * end of each period the customer survives. Source: Gupta & Lehmann (2003), "Customers as
 * Assets", J. Interactive Marketing 17(1), eq. for the infinite-horizon margin multiple
 * `r / (1 + d − r)`. (Adding `m` for a margin received up front gives `m (1 + d) / (1 + d − r)`.)
 *
 * @throws InvalidInputError when the margin is not finite, retention is outside [0, 1] or the
 *   discount rate is negative.
 * @throws InsufficientDataError when retention is 1 and discount 0 (the sum diverges).
 * @example
 * discountedClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1 }); // 266.67  (100×0.8/0.3)
 */
export function discountedClv(inputs: DiscountedClvInputs): number {
  const fn = 'discountedClv';
  assertObject(fn, 'inputs', inputs);
  const m = assertFinite(fn, 'margin', inputs.margin);
  const r = assertFraction(fn, 'retentionRate', inputs.retentionRate);
  const d = assertFinite(fn, 'discountRate', inputs.discountRate);
  if (d < 0) {
    throw invalidInput(fn, 'discountRate', 'to be at least 0', d, { code: 'too_small' });
  }
  const denominator = 1 + d - r;
  if (denominator === 0) {
    throw new InsufficientDataError(
      `${fn}: expected 1 + discountRate − retentionRate above 0, received 0 (retention 1 with no discounting has no finite value)`,
    );
  }
  return finiteResult(fn, (m * r) / denominator);
}
