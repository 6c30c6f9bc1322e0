import type { Transaction } from '../schema/index';
import { assertFinite } from './_checks';
import { buildLedger } from './_ledger';

/** Options of {@link historicalClv}. */
export interface HistoricalClvOptions {
  /** Margin as a share of revenue (e.g. 0.3 for a 30 % gross margin). Default 1 (revenue). */
  marginRate?: number;
}

/** Defaults of {@link historicalClv}. */
export const HISTORICAL_CLV_DEFAULTS = { marginRate: 1 } as const;

/** Historical value of one customer. */
export interface HistoricalClv {
  /** The customer. */
  customerId: string;
  /** Net revenue to date (returns subtract), currency units. */
  revenue: number;
  /** `revenue × marginRate`, currency units: the historical CLV. */
  margin: number;
  /** Purchase orders to date. */
  orders: number;
  /** Instant of the customer's first transaction. */
  firstDate: Date;
  /** Instant of the customer's last transaction. */
  lastDate: Date;
}

/**
 * Historical customer lifetime value: the margin each customer has produced to date.
 *
 * Formula: `CLV_hist(c) = marginRate × Σ amount(c)` over all of c's transactions (returns
 * subtract), in currency units; no forecast and no discounting. Pass only the transactions up
 * to the as-of date you want. One row per customer, sorted by `customerId`.
 *
 * @throws InvalidInputError on an invalid transaction (naming the row) or a non-finite
 *   `marginRate`.
 * @example
 * const d = new Date('2024-01-01');
 * historicalClv([
 *   { customerId: 'b', date: d, amount: 40 },
 *   { customerId: 'a', date: d, amount: 100 },
 *   { customerId: 'a', date: d, amount: -20 },
 * ], { marginRate: 0.25 });
 * // [{ customerId: 'a', revenue: 80, margin: 20, orders: 1, … }, { customerId: 'b', revenue: 40, margin: 10, orders: 1, … }]
 */
export function historicalClv(
  transactions: readonly Transaction[],
  options: HistoricalClvOptions = {},
): HistoricalClv[] {
  const fn = 'historicalClv';
  const marginRate = assertFinite(
    fn,
    'marginRate',
    options.marginRate ?? HISTORICAL_CLV_DEFAULTS.marginRate,
  );
  const l = buildLedger(fn, transactions);
  const k = l.customerIds.length;
  const sum = new Float64Array(k);
  const comp = new Float64Array(k);
  const orders = new Int32Array(k);
  const first = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
  const seen = new Uint8Array(l.orderIds);
  for (let i = 0; i < l.n; i++) {
    const c = l.customer[i]!;
    const v = l.amount[i]!;
    const s = sum[c]!;
    const t = s + v;
    comp[c]! += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    sum[c] = t;
    const ms = l.time[i]!;
    if (ms < first[c]!) first[c] = ms;
    if (ms > last[c]!) last[c] = ms;
    if (!l.isReturn[i]) {
      const o = l.order[i]!;
      if (o < 0) orders[c]!++;
      else if (!seen[o]) {
        seen[o] = 1;
        orders[c]!++;
      }
    }
  }
  const out: HistoricalClv[] = new Array(k);
  for (let c = 0; c < k; c++) {
    const revenue = sum[c]! + comp[c]!;
    out[c] = {
      customerId: l.customerIds[c]!,
      revenue,
      margin: revenue * marginRate,
      orders: orders[c]!,
      firstDate: new Date(first[c]!),
      lastDate: new Date(last[c]!),
    };
  }
  return out.sort((a, b) =>
    a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0,
  );
}
