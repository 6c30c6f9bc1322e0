/**
 * One pass over the transactions: validate each row, bucket it once (per day or per unit period)
 * and accumulate per customer. Shared by summarizeCustomers and calibrationHoldout. Internal.
 */

import { fsum } from '../_lib/sum';
import { formatValue, InvalidInputError, type Issue } from '../errors';
import type { Transaction } from '../schema/index';
import { bucketer, type Collapse, type DayOf, span, type TimeUnit, utcDay } from './_time';

/** Net amount of one bucket and whether it holds at least one purchase (not only returns). */
export interface Bucket {
  amount: number;
  purchase: boolean;
}

/** Running state of one customer. */
export interface CustomerAcc {
  id: string;
  /** Earliest and latest purchase instants in the (calibration) window; ±Infinity without one. */
  firstMs: number;
  lastMs: number;
  buckets: Map<number, Bucket>;
  holdout: Map<number, Bucket> | undefined;
  ordersWithoutId: number;
  orderIds: Set<string> | undefined;
  /** Neumaier sum of the net amounts in the (calibration) window. */
  spend: number;
  spendC: number;
  returns: number;
  returnAmount: number;
  /** Return rows and their summed amount in the holdout window. */
  holdoutReturns: number;
  holdoutReturnAmount: number;
}

export interface Accumulated {
  customers: Map<string, CustomerAcc>;
  /** Rows dated after the end of the window (UTC day after `endDay`). */
  excludedAfterEnd: number;
  /** Customers whose every row is after the end of the window. */
  customersOnlyAfterEnd: string[];
}

/** The issues of one row (empty when valid), naming its 0-based position `i`. */
export function rowIssues(fn: string, t: unknown, i: number): Issue[] {
  const issues: Issue[] = [];
  const push = (field: string, code: string, rule: string, value: unknown) => {
    const message = `${fn}: expected ${field} ${rule}, received ${formatValue(value)} (row ${i})`;
    issues.push({ field, code, message, value, line: i, path: ['transactions', i, field] });
  };
  if (t === null || typeof t !== 'object') {
    push('transaction', 'invalid_type', 'to be an object', t);
    return issues;
  }
  const r = t as Record<string, unknown>;
  if (typeof r.customerId !== 'string' || r.customerId.length === 0)
    push('customerId', 'invalid_id', 'to be a non-empty string', r.customerId);
  if (!(r.date instanceof Date) || !Number.isFinite(r.date.getTime()))
    push('date', 'invalid_date', 'to be a valid Date', r.date);
  if (typeof r.amount !== 'number' || !Number.isFinite(r.amount))
    push('amount', 'invalid_number', 'to be a finite number', r.amount);
  if (r.orderId !== undefined && typeof r.orderId !== 'string')
    push('orderId', 'invalid_id', 'to be a string when present', r.orderId);
  return issues;
}

/** Throws one InvalidInputError listing every bad row (the slow path, after a first failure). */
function throwRowErrors(fn: string, transactions: readonly unknown[]): never {
  const issues: Issue[] = [];
  for (let i = 0; i < transactions.length; i++) issues.push(...rowIssues(fn, transactions[i], i));
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more issues)` : '';
  throw new InvalidInputError(
    `${issues[0]?.message ?? `${fn}: invalid transaction`}${more}`,
    issues,
  );
}

/** Throws unless `transactions` is an array. */
export function requireArray(fn: string, transactions: unknown): void {
  if (!Array.isArray(transactions))
    throw new InvalidInputError(
      `${fn}: expected transactions to be an array, received ${formatValue(transactions)}`,
      [
        {
          field: 'transactions',
          code: 'invalid_type',
          message: 'not an array',
          value: transactions,
        },
      ],
    );
}

/**
 * Validates and accumulates. Rows on a UTC day ≤ `splitDay` go to the calibration buckets, rows
 * after it and ≤ `endDay` to the holdout buckets; with no `splitDay`, everything ≤ `endDay` is
 * calibration. Rows after `endDay` are counted, never used.
 */
export function accumulate(
  fn: string,
  transactions: readonly Transaction[],
  endDay: number,
  unit: TimeUnit,
  collapse: Collapse,
  splitDay: number = endDay,
  dayOf: DayOf = utcDay,
): Accumulated {
  requireArray(fn, transactions);
  const key = bucketer(unit, collapse);
  const customers = new Map<string, CustomerAcc>();
  const after = new Set<string>();
  let excludedAfterEnd = 0;
  for (let i = 0; i < transactions.length; i++) {
    const t = transactions[i] as Transaction;
    const id = t?.customerId;
    const date = t?.date;
    const amount = t?.amount;
    if (
      typeof id !== 'string' ||
      id.length === 0 ||
      !(date instanceof Date) ||
      typeof amount !== 'number' ||
      !Number.isFinite(amount) ||
      (t.orderId !== undefined && typeof t.orderId !== 'string')
    )
      throwRowErrors(fn, transactions);
    const ms = date.getTime();
    if (!Number.isFinite(ms)) throwRowErrors(fn, transactions);
    const day = dayOf(ms);
    if (day > endDay) {
      excludedAfterEnd++;
      after.add(id);
      continue;
    }
    let acc = customers.get(id);
    if (acc === undefined) {
      acc = {
        id,
        firstMs: Number.POSITIVE_INFINITY,
        lastMs: Number.NEGATIVE_INFINITY,
        buckets: new Map(),
        holdout: undefined,
        ordersWithoutId: 0,
        orderIds: undefined,
        spend: 0,
        spendC: 0,
        returns: 0,
        returnAmount: 0,
        holdoutReturns: 0,
        holdoutReturnAmount: 0,
      };
      customers.set(id, acc);
    }
    const isReturn = amount < 0 || t.kind === 'return';
    const net = isReturn ? -Math.abs(amount) : amount;
    const k = key(day);
    let map: Map<number, Bucket>;
    if (day > splitDay) {
      acc.holdout ??= new Map();
      map = acc.holdout;
      if (isReturn) {
        acc.holdoutReturns++;
        acc.holdoutReturnAmount += net;
      }
    } else {
      map = acc.buckets;
      const s = acc.spend + net;
      acc.spendC +=
        Math.abs(acc.spend) >= Math.abs(net) ? acc.spend - s + net : net - s + acc.spend;
      acc.spend = s;
      if (isReturn) {
        acc.returns++;
        acc.returnAmount += net;
      } else {
        if (ms < acc.firstMs) acc.firstMs = ms;
        if (ms > acc.lastMs) acc.lastMs = ms;
        if (t.orderId === undefined) acc.ordersWithoutId++;
        else {
          acc.orderIds ??= new Set();
          acc.orderIds.add(t.orderId);
        }
      }
    }
    const b = map.get(k);
    if (b === undefined) map.set(k, { amount: net, purchase: !isReturn });
    else {
      b.amount += net;
      if (!isReturn) b.purchase = true;
    }
  }
  const customersOnlyAfterEnd = [...after].filter((id) => !customers.has(id)).sort();
  return { customers, excludedAfterEnd, customersOnlyAfterEnd };
}

/** Purchase buckets of a map, as sorted keys and their net amounts. */
export function purchaseBuckets(map: Map<number, Bucket> | undefined): {
  keys: number[];
  amounts: Map<number, number>;
} {
  const keys: number[] = [];
  const amounts = new Map<number, number>();
  if (map)
    for (const [k, b] of map)
      if (b.purchase) {
        keys.push(k);
        amounts.set(k, b.amount);
      }
  keys.sort((a, b) => a - b);
  return { keys, amounts };
}

/** Mean net amount of the given bucket keys (0 when there are none), summed with compensation. */
export function meanAmount(keys: readonly number[], amounts: Map<number, number>): number {
  if (keys.length === 0) return 0;
  return fsum(keys.map((k) => amounts.get(k) ?? 0)) / keys.length;
}

export { span };
