/**
 * Internal: buckets a ledger into calendar periods once (one period index per row) and derives
 * what the time views need: per-period orders and revenue, and the sorted list of
 * (customer, period) pairs with at least one purchase order ("active" pairs).
 */
import { InsufficientDataError, invalidInput } from '../errors';
import type { Ledger } from './_ledger';
import type { Calendar } from './_periods';

/** Largest number of periods a time view will build (guards against e.g. days over millennia). */
const MAX_PERIODS = 5_000_000;

/** Optional explicit range of a time view. */
export interface RangeOptions {
  /** An instant in the first period to report. Default: the earliest transaction's period. */
  start?: Date;
  /** An instant in the last period to report (the end of observation). Default: the latest. */
  end?: Date;
}

/** Neumaier-compensated running sums in one typed array pair. */
export class SumArray {
  readonly s: Float64Array;
  readonly c: Float64Array;
  constructor(n: number) {
    this.s = new Float64Array(n);
    this.c = new Float64Array(n);
  }
  add(i: number, v: number): void {
    const s = this.s[i]!;
    const t = s + v;
    this.c[i]! += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    this.s[i] = t;
  }
  get(i: number): number {
    return this.s[i]! + this.c[i]!;
  }
}

/** The bucketed ledger. */
export interface Activity {
  /** Absolute period index of period 0. */
  first: number;
  /** Number of periods in the range. */
  periods: number;
  /** Row → period (0-based within the range). */
  rowPeriod: Int32Array;
  /** Sorted keys `customer × periods + period` of active (customer, period) pairs. */
  keys: Float64Array;
  /** Purchase orders of each active pair (parallel to `keys`). */
  keyOrders: Int32Array;
  /** Per period: purchase orders, returned orders, net revenue, purchase revenue. */
  orders: Int32Array;
  returnedOrders: Int32Array;
  revenue: SumArray;
  grossRevenue: SumArray;
}

function rangeIndex(fn: string, cal: Calendar, field: string, d: unknown): number {
  const ms = d instanceof Date ? d.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw invalidInput(fn, field, 'to be a valid Date', d, { code: 'invalid_date' });
  }
  return cal.index(ms);
}

/** Buckets every row of `l` by `cal` within the range (rows outside an explicit range throw). */
export function bucket(fn: string, l: Ledger, cal: Calendar, range: RangeOptions): Activity {
  const abs = new Int32Array(l.n);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < l.n; i++) {
    const p = cal.index(l.time[i]!);
    abs[i] = p;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  const startIdx =
    range.start === undefined ? undefined : rangeIndex(fn, cal, 'options.start', range.start);
  const endIdx =
    range.end === undefined ? undefined : rangeIndex(fn, cal, 'options.end', range.end);
  const first = startIdx ?? lo;
  const last = endIdx ?? hi;
  if (!Number.isFinite(first) || !Number.isFinite(last)) {
    throw new InsufficientDataError(
      `${fn}: expected at least 1 transaction, received 0 transactions`,
    );
  }
  if (last < first) {
    throw invalidInput(fn, 'options.end', `to be on or after options.start`, range.end, {
      code: 'invalid_range',
    });
  }
  const periods = last - first + 1;
  if (periods > MAX_PERIODS) {
    throw invalidInput(
      fn,
      'options.period',
      `to give at most ${MAX_PERIODS} periods over the data's span`,
      cal.unit,
      { code: 'too_many_periods' },
    );
  }
  const rowPeriod = new Int32Array(l.n);
  for (let i = 0; i < l.n; i++) {
    const p = abs[i]! - first;
    if (p < 0 || p >= periods) {
      throw invalidInput(
        fn,
        `transactions[${i}].date`,
        `to fall inside options.start … options.end (${cal.label(first)} … ${cal.label(last)})`,
        new Date(l.time[i]!),
        {
          code: 'out_of_range',
          path: ['transactions', i, 'date'],
          customerId: l.customerIds[l.customer[i]!]!,
        },
      );
    }
    rowPeriod[i] = p;
  }

  const orders = new Int32Array(periods);
  const returnedOrders = new Int32Array(periods);
  const revenue = new SumArray(periods);
  const grossRevenue = new SumArray(periods);
  // First period each order was counted in (purchase and return sides); an order whose lines
  // span several periods counts once in each, tracked in `extra`.
  const firstPurchase = new Int32Array(l.orderIds).fill(-1);
  const firstReturn = new Int32Array(l.orderIds).fill(-1);
  const extra = new Set<number>();
  const pairOrders = new Map<number, number>();
  for (let i = 0; i < l.n; i++) {
    const p = rowPeriod[i]!;
    const v = l.amount[i]!;
    revenue.add(p, v);
    const ret = l.isReturn[i] === 1;
    if (!ret) grossRevenue.add(p, v);
    const o = l.order[i]!;
    if (o >= 0) {
      const firsts = ret ? firstReturn : firstPurchase;
      const f = firsts[o]!;
      if (f === p) continue;
      if (f === -1) firsts[o] = p;
      else {
        const key = (o * periods + p) * 2 + (ret ? 1 : 0);
        if (extra.has(key)) continue;
        extra.add(key);
      }
    }
    if (ret) returnedOrders[p]!++;
    else {
      orders[p]!++;
      const key = l.customer[i]! * periods + p;
      pairOrders.set(key, (pairOrders.get(key) ?? 0) + 1);
    }
  }
  const keys = Float64Array.from(pairOrders.keys()).sort();
  const keyOrders = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) keyOrders[k] = pairOrders.get(keys[k]!)!;
  return {
    first,
    periods,
    rowPeriod,
    keys,
    keyOrders,
    orders,
    returnedOrders,
    revenue,
    grossRevenue,
  };
}
