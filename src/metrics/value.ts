import { invalidInput } from '../errors';
import type { Transaction } from '../schema/index';
import { assertCount, assertFinite, assertNonZero, assertObject } from './_checks';
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
