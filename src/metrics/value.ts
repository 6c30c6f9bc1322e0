import { InsufficientDataError, invalidInput } from '../errors';
import type { Transaction } from '../schema/index';
import {
  assertCount,
  assertFinite,
  assertFraction,
  assertNonZero,
  assertObject,
  finiteResult,
} from './_checks';
import { buildLedger, ledgerTotals } from './_ledger';

/** Inputs of {@link averageOrderValue}. */
export interface OrderValueCounts {
  /** Revenue in currency units (net of returns; may be negative). */
  revenue: number;
  /** Purchase orders. */
  orders: number;
}

/** Inputs of {@link averageRevenuePerCustomer}. */
export interface RevenuePerCustomerCounts {
  /** Revenue in currency units (net of returns; may be negative). */
  revenue: number;
  /** Customers. */
  customers: number;
}

/** Options of the transaction form of {@link averageRevenuePerCustomer}. */
export interface RevenuePerCustomerOptions {
  /**
   * Size of the customer base, when it includes customers without transactions. Must be at
   * least the number of distinct customers in the transactions. Default: that number.
   */
  customers?: number;
}

/**
 * Average order value (AOV): revenue per purchase order.
 *
 * Formula: `AOV = Σ revenue / #orders`, in currency units per order. From transactions,
 * revenue is net (returns subtract) and orders are purchase orders (rows grouped by
 * `orderId`; returns are not orders).
 *
 * @throws InvalidInputError on a non-finite revenue, a negative or non-integer order count, or
 *   an invalid transaction.
 * @throws InsufficientDataError when there are no orders.
 * @example
 * averageOrderValue({ revenue: 1250, orders: 50 }); // 25
 */
export function averageOrderValue(counts: OrderValueCounts): number;
/**
 * AOV from transactions.
 * @example
 * const d = new Date('2024-01-01');
 * averageOrderValue([
 *   { customerId: 'a', date: d, amount: 30, orderId: 'o1' },
 *   { customerId: 'a', date: d, amount: 10, orderId: 'o1' },
 *   { customerId: 'b', date: d, amount: 20, orderId: 'o2' },
 * ]); // 30  (60 over 2 orders)
 */
export function averageOrderValue(transactions: readonly Transaction[]): number;
export function averageOrderValue(input: OrderValueCounts | readonly Transaction[]): number {
  const fn = 'averageOrderValue';
  if (Array.isArray(input)) {
    const t = ledgerTotals(buildLedger(fn, input));
    assertNonZero(fn, 'orders', t.orders);
    return t.revenue / t.orders;
  }
  const counts = input as OrderValueCounts;
  assertObject(fn, 'counts', counts);
  const revenue = assertFinite(fn, 'revenue', counts.revenue);
  const orders = assertCount(fn, 'orders', counts.orders);
  assertNonZero(fn, 'orders', orders);
  return revenue / orders;
}

/**
 * Average revenue per customer (ARPU): revenue divided by the number of customers.
 *
 * Formula: `ARPU = Σ revenue / #customers`, in currency units per customer over the period
 * the revenue covers. From transactions: net revenue over the distinct customers with any
 * transaction, or over `options.customers` when the base includes customers who bought nothing.
 *
 * @throws InvalidInputError on a non-finite revenue, a negative or non-integer customer count,
 *   `options.customers` below the customers seen, or an invalid transaction.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * averageRevenuePerCustomer({ revenue: 1250, customers: 20 }); // 62.5
 */
export function averageRevenuePerCustomer(counts: RevenuePerCustomerCounts): number;
/** ARPU from transactions. @example averageRevenuePerCustomer([{ customerId: 'a', date: new Date(0), amount: 8 }], { customers: 4 }) // 2 */
export function averageRevenuePerCustomer(
  transactions: readonly Transaction[],
  options?: RevenuePerCustomerOptions,
): number;
export function averageRevenuePerCustomer(
  input: RevenuePerCustomerCounts | readonly Transaction[],
  options: RevenuePerCustomerOptions = {},
): number {
  const fn = 'averageRevenuePerCustomer';
  if (Array.isArray(input)) {
    const t = ledgerTotals(buildLedger(fn, input));
    let base = t.customers;
    if (options.customers !== undefined) {
      base = assertCount(fn, 'options.customers', options.customers);
      if (base < t.customers) {
        throw invalidInput(
          fn,
          'options.customers',
          `to be at least the ${t.customers} customers in the transactions`,
          base,
          { code: 'too_small' },
        );
      }
    }
    assertNonZero(fn, 'customers', base);
    return t.revenue / base;
  }
  const counts = input as RevenuePerCustomerCounts;
  assertObject(fn, 'counts', counts);
  const revenue = assertFinite(fn, 'revenue', counts.revenue);
  const customers = assertCount(fn, 'customers', counts.customers);
  assertNonZero(fn, 'customers', customers);
  return revenue / customers;
}

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
