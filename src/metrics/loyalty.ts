import type { Transaction } from '../schema/index';
import { assertObject, perUnit, shareOf } from './_checks';
import { buildLedger, ledgerTotals } from './_ledger';

/** Counts of {@link repeatPurchaseRate}. */
export interface RepeatPurchaseCounts {
  /** Customers with at least 2 purchases. */
  repeatCustomers: number;
  /** Customers with at least 1 purchase. */
  customers: number;
}

/** Counts of {@link purchaseFrequency}. */
export interface PurchaseFrequencyCounts {
  /** Purchase orders. */
  orders: number;
  /** Customers who placed them. */
  customers: number;
}

/** Counts of {@link returnRate}. */
export interface ReturnCounts {
  /** Orders with a return. */
  returnedOrders: number;
  /** Purchase orders. */
  orders: number;
}

/** Counts of {@link repeatPurchasesPerCustomer}. */
export interface RepeatPurchasesCounts {
  /** Purchases after each customer's first (orders − purchasing customers). */
  repeatPurchases: number;
  /** Customers. */
  customers: number;
}

/**
 * Repeat-purchase rate, the loyalty measure of the seed documents: the share of customers who
 * bought at least twice.
 *
 * Formula: `repeat rate = #customers with ≥ 2 purchases / #customers with ≥ 1 purchase`, in
 * [0, 1]. From transactions, purchases are orders (rows grouped by `orderId`; a row without
 * one is an order), returns are not purchases, and customers with only returns are not counted.
 *
 * @throws InvalidInputError on a negative or non-integer count, `repeatCustomers > customers`,
 *   or an invalid transaction (naming the row).
 * @throws InsufficientDataError when there are no (purchasing) customers.
 * @example
 * repeatPurchaseRate({ repeatCustomers: 30, customers: 120 }); // 0.25
 */
export function repeatPurchaseRate(counts: RepeatPurchaseCounts): number;
/**
 * Repeat-purchase rate from transactions (see the counts overload for the definition).
 * @example
 * const d = new Date('2024-01-01');
 * repeatPurchaseRate([
 *   { customerId: 'a', date: d, amount: 10 },
 *   { customerId: 'a', date: d, amount: 5 },
 *   { customerId: 'b', date: d, amount: 7 },
 * ]); // 0.5  (a bought twice, b once: 1/2)
 */
export function repeatPurchaseRate(transactions: readonly Transaction[]): number;
export function repeatPurchaseRate(input: RepeatPurchaseCounts | readonly Transaction[]): number {
  const fn = 'repeatPurchaseRate';
  if (Array.isArray(input)) {
    const totals = ledgerTotals(buildLedger(fn, input));
    let buyers = 0;
    let repeat = 0;
    for (const k of totals.ordersByCustomer) {
      if (k >= 1) buyers++;
      if (k >= 2) repeat++;
    }
    return shareOf(fn, 'repeatCustomers', repeat, 'purchasing customers', buyers);
  }
  const counts = input as RepeatPurchaseCounts;
  assertObject(fn, 'counts', counts);
  return shareOf(fn, 'repeatCustomers', counts.repeatCustomers, 'customers', counts.customers);
}

/**
 * The seed's literal loyalty formula: repeat purchases per customer.
 *
 * Formula: `Customer Loyalty = Number of Repeat Purchases / Total Number of Customers`, where a
 * repeat purchase is any purchase after a customer's first (so it equals purchase frequency
 * − 1). Not a share: it can exceed 1. From transactions: `(orders − purchasing customers) /
 * purchasing customers`.
 *
 * @throws InvalidInputError on negative or non-integer counts or an invalid transaction.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * repeatPurchasesPerCustomer({ repeatPurchases: 45, customers: 100 }); // 0.45
 */
export function repeatPurchasesPerCustomer(counts: RepeatPurchasesCounts): number;
/**
 * Repeat purchases per customer from transactions.
 * @example
 * const d = new Date('2024-01-01');
 * repeatPurchasesPerCustomer([
 *   { customerId: 'a', date: d, amount: 10 },
 *   { customerId: 'a', date: d, amount: 5 },
 *   { customerId: 'b', date: d, amount: 7 },
 * ]); // 0.5  ((3 orders − 2 buyers) / 2)
 */
export function repeatPurchasesPerCustomer(transactions: readonly Transaction[]): number;
export function repeatPurchasesPerCustomer(
  input: RepeatPurchasesCounts | readonly Transaction[],
): number {
  const fn = 'repeatPurchasesPerCustomer';
  if (Array.isArray(input)) {
    const totals = ledgerTotals(buildLedger(fn, input));
    let buyers = 0;
    for (const k of totals.ordersByCustomer) if (k >= 1) buyers++;
    return perUnit(fn, 'repeatPurchases', totals.orders - buyers, 'purchasing customers', buyers);
  }
  const counts = input as RepeatPurchasesCounts;
  assertObject(fn, 'counts', counts);
  return perUnit(fn, 'repeatPurchases', counts.repeatPurchases, 'customers', counts.customers);
}

/**
 * Purchase frequency: orders per customer.
 *
 * Formula: `frequency = #orders / #customers` (orders per customer over the data's span; ≥ 1
 * from transactions, since every purchasing customer has an order). Returns are not orders.
 *
 * @throws InvalidInputError on negative or non-integer counts or an invalid transaction.
 * @throws InsufficientDataError when there are no (purchasing) customers.
 * @example
 * purchaseFrequency({ orders: 300, customers: 120 }); // 2.5
 */
export function purchaseFrequency(counts: PurchaseFrequencyCounts): number;
/** Purchase frequency from transactions. @example purchaseFrequency([{ customerId: 'a', date: new Date(0), amount: 1 }]) // 1 */
export function purchaseFrequency(transactions: readonly Transaction[]): number;
export function purchaseFrequency(input: PurchaseFrequencyCounts | readonly Transaction[]): number {
  const fn = 'purchaseFrequency';
  if (Array.isArray(input)) {
    const totals = ledgerTotals(buildLedger(fn, input));
    let buyers = 0;
    for (const k of totals.ordersByCustomer) if (k >= 1) buyers++;
    return perUnit(fn, 'orders', totals.orders, 'purchasing customers', buyers);
  }
  const counts = input as PurchaseFrequencyCounts;
  assertObject(fn, 'counts', counts);
  return perUnit(fn, 'orders', counts.orders, 'customers', counts.customers);
}

/**
 * Return rate, from the seed's table of key indicators (退货率): returned orders / orders.
 *
 * Formula: `return rate = #returned orders / #purchase orders`, in [0, 1]. From transactions,
 * returned orders are return rows grouped by `orderId` (a row without one counts alone). A
 * return that reuses its purchase's `orderId` counts that order once.
 *
 * @throws InvalidInputError on negative or non-integer counts, more returned orders than
 *   orders, or an invalid transaction.
 * @throws InsufficientDataError when there are no purchase orders.
 * @example
 * returnRate({ returnedOrders: 6, orders: 150 }); // 0.04
 */
export function returnRate(counts: ReturnCounts): number;
/** Return rate from transactions. @example returnRate([{ customerId: 'a', date: new Date(0), amount: 5 }]) // 0 */
export function returnRate(transactions: readonly Transaction[]): number;
export function returnRate(input: ReturnCounts | readonly Transaction[]): number {
  const fn = 'returnRate';
  if (Array.isArray(input)) {
    const totals = ledgerTotals(buildLedger(fn, input));
    return shareOf(fn, 'returnedOrders', totals.returnedOrders, 'orders', totals.orders);
  }
  const counts = input as ReturnCounts;
  assertObject(fn, 'counts', counts);
  return shareOf(fn, 'returnedOrders', counts.returnedOrders, 'orders', counts.orders);
}
