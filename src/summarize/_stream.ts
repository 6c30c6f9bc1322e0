/**
 * Streaming accumulator of the customer summary: one pass over rows that arrive one at a time,
 * with a fixed-size state per customer while that customer's rows arrive in period order.
 * Same arithmetic, in the same order, as `_accumulate.ts` + `finalize`, so the results are equal
 * bit for bit. Internal: not exported from the package.
 *
 * Customers are interned to integer indexes; their state lives in growable typed arrays (struct
 * of arrays, about 100 bytes per customer) instead of one object and Map per customer. A
 * customer's "open" period collects rows until a later period arrives; it then closes: a
 * purchase period becomes the first one or is added (Neumaier, in key order, as `fsum` does) to
 * the sum of the repeat periods. With `order: 'any'` every closed period is also kept in a
 * compact log (key and purchase flag, net amount, link: 16 bytes, in fixed-size chunks that are
 * never copied), so that a row arriving for an earlier period switches that customer to the
 * exact per-period map of `_accumulate.ts`, rebuilt from her logged periods.
 */

import { formatValue, InvalidInputError, type Issue } from '../errors';
import type { Transaction } from '../schema/index';
import { type Bucket, meanAmount, purchaseBuckets, rowIssues } from './_accumulate';
import { bucketer, type Collapse, type DayOf, span, type TimeUnit } from './_time';
import type { CustomerSummary, ReturnsOnlyCustomer, SummaryReport } from './customers';

/** Row order a stream promises: `'any'`, or each customer's rows in date (period) order. */
export type StreamOrder = 'any' | 'date';

/** Closed periods per log chunk (2^16: 1 MB per chunk). */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

const f64 = (a: Float64Array, n: number) => {
  const b = new Float64Array(n);
  b.set(a);
  return b;
};
const i32 = (a: Int32Array, n: number) => {
  const b = new Int32Array(n);
  b.set(a);
  return b;
};

/** Accumulates rows (`add`), then `finish` returns the report or throws the rows' errors. */
export class StreamAccumulator {
  private readonly key: (day: number) => number;
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly after = new Set<string>();
  private excludedAfterEnd = 0;
  private position = 0;
  private issues: Issue[] | undefined;
  private cap = 0;
  // Per customer (struct of arrays).
  private firstMs = new Float64Array(0);
  private lastMs = new Float64Array(0);
  private spend = new Float64Array(0);
  private spendC = new Float64Array(0);
  private returns = new Float64Array(0);
  private returnAmount = new Float64Array(0);
  private ordersWithoutId = new Float64Array(0);
  private openAmount = new Float64Array(0);
  private repeatSum = new Float64Array(0);
  private repeatC = new Float64Array(0);
  /** 0 no open period, 1 open with returns only, 2 open with a purchase. */
  private openState = new Int32Array(0);
  private openKey = new Int32Array(0);
  private firstKey = new Int32Array(0);
  private lastKey = new Int32Array(0);
  private periods = new Int32Array(0);
  private logHead = new Int32Array(0);
  /** Distinct orderIds: the only one so far (a string) or all of them (a Set). */
  private readonly orderIds = new Map<number, string | Set<string>>();
  /** Customers switched to the exact per-period map (a row arrived for an earlier period). */
  private readonly maps = new Map<number, Map<number, Bucket>>();
  // Closed periods (order 'any'): a linked list per customer, newest first.
  private logLen = 0;
  /** 2 × period key + 1 for a purchase period. */
  private readonly logKey: Int32Array[] = [];
  private readonly logAmount: Float64Array[] = [];
  private readonly logNext: Int32Array[] = [];

  constructor(
    private readonly fn: string,
    private readonly endDay: number,
    private readonly unit: TimeUnit,
    private readonly collapse: Collapse,
    private readonly dayOf: DayOf,
    private readonly order: StreamOrder,
  ) {
    this.key = bucketer(unit, collapse);
  }

  /** Adds one row (its position in the stream is the count of rows added before it). */
  add(t: Transaction): void {
    const pos = this.position++;
    if (this.issues !== undefined) {
      this.issues.push(...rowIssues(this.fn, t, pos));
      return;
    }
    const id = t?.customerId;
    const date = t?.date;
    const amount = t?.amount;
    const ms = date instanceof Date ? date.getTime() : Number.NaN;
    if (
      typeof id !== 'string' ||
      id.length === 0 ||
      !Number.isFinite(ms) ||
      typeof amount !== 'number' ||
      !Number.isFinite(amount) ||
      (t.orderId !== undefined && typeof t.orderId !== 'string')
    ) {
      this.issues = rowIssues(this.fn, t, pos);
      return;
    }
    const day = this.dayOf(ms);
    if (day > this.endDay) {
      this.excludedAfterEnd++;
      this.after.add(id);
      return;
    }
    let i = this.index.get(id);
    if (i === undefined) i = this.intern(id);
    const isReturn = amount < 0 || t.kind === 'return';
    const net = isReturn ? -Math.abs(amount) : amount;
    const spend = this.spend[i] as number;
    const s = spend + net;
    const c = Math.abs(spend) >= Math.abs(net) ? spend - s + net : net - s + spend;
    this.spendC[i] = (this.spendC[i] as number) + c;
    this.spend[i] = s;
    if (isReturn) {
      this.returns[i] = (this.returns[i] as number) + 1;
      this.returnAmount[i] = (this.returnAmount[i] as number) + net;
    } else {
      if (ms < (this.firstMs[i] as number)) this.firstMs[i] = ms;
      if (ms > (this.lastMs[i] as number)) this.lastMs[i] = ms;
      if (t.orderId === undefined)
        this.ordersWithoutId[i] = (this.ordersWithoutId[i] as number) + 1;
      else this.addOrder(i, t.orderId);
    }
    const k = this.key(day);
    const map = this.maps.size === 0 ? undefined : this.maps.get(i);
    if (map !== undefined) {
      bump(map, k, net, isReturn);
      return;
    }
    const state = this.openState[i];
    if (state !== 0 && k === this.openKey[i]) {
      this.openAmount[i] = (this.openAmount[i] as number) + net;
      if (!isReturn) this.openState[i] = 2;
      return;
    }
    if (state !== 0 && k < (this.openKey[i] as number)) {
      if (this.order === 'date') this.outOfOrder(t, pos);
      bump(this.toMap(i), k, net, isReturn);
      return;
    }
    if (state !== 0) this.close(i);
    this.openKey[i] = k;
    this.openAmount[i] = net;
    this.openState[i] = isReturn ? 1 : 2;
  }

  /** Closes the customer's open period: counts it as a purchase period and logs it. */
  private close(i: number, log = this.order === 'any'): void {
    const purchase = this.openState[i] === 2;
    const amount = this.openAmount[i] as number;
    if (purchase) {
      const n = this.periods[i] as number;
      if (n === 0) this.firstKey[i] = this.openKey[i] as number;
      else {
        const sum = this.repeatSum[i] as number;
        const t = sum + amount;
        const c = Math.abs(sum) >= Math.abs(amount) ? sum - t + amount : amount - t + sum;
        this.repeatC[i] = (this.repeatC[i] as number) + c;
        this.repeatSum[i] = t;
      }
      this.lastKey[i] = this.openKey[i] as number;
      this.periods[i] = n + 1;
    }
    if (log) {
      const e = this.logLen++;
      const c = e >>> CHUNK_BITS;
      if (c === this.logKey.length) {
        this.logKey.push(new Int32Array(CHUNK));
        this.logAmount.push(new Float64Array(CHUNK));
        this.logNext.push(new Int32Array(CHUNK));
      }
      const o = e & (CHUNK - 1);
      (this.logKey[c] as Int32Array)[o] = 2 * (this.openKey[i] as number) + (purchase ? 1 : 0);
      (this.logAmount[c] as Float64Array)[o] = amount;
      (this.logNext[c] as Int32Array)[o] = this.logHead[i] as number;
      this.logHead[i] = e;
    }
    this.openState[i] = 0;
  }

  /** The exact per-period map of a customer, rebuilt from its logged and open periods. */
  private toMap(i: number): Map<number, Bucket> {
    const map = new Map<number, Bucket>();
    for (let e = this.logHead[i] as number; e >= 0; ) {
      const c = e >>> CHUNK_BITS;
      const o = e & (CHUNK - 1);
      const packed = (this.logKey[c] as Int32Array)[o] as number;
      map.set(Math.floor(packed / 2), {
        amount: (this.logAmount[c] as Float64Array)[o] as number,
        purchase: (packed & 1) === 1,
      });
      e = (this.logNext[c] as Int32Array)[o] as number;
    }
    map.set(this.openKey[i] as number, {
      amount: this.openAmount[i] as number,
      purchase: this.openState[i] === 2,
    });
    this.maps.set(i, map);
    return map;
  }

  private addOrder(i: number, orderId: string): void {
    const seen = this.orderIds.get(i);
    if (seen === undefined) this.orderIds.set(i, orderId);
    else if (typeof seen === 'string') {
      if (seen !== orderId) this.orderIds.set(i, new Set([seen, orderId]));
    } else seen.add(orderId);
  }

  private outOfOrder(t: Transaction, pos: number): never {
    const message =
      `${this.fn}: expected each customer's rows in date order (order 'date'), received ` +
      `${formatValue(t.date)} for customer ${formatValue(t.customerId)} after a later period ` +
      `(row ${pos}; pass order: 'any' for unordered streams)`;
    throw new InvalidInputError(message, [
      {
        field: 'date',
        code: 'out_of_order',
        message,
        value: t.date,
        line: pos,
        customerId: t.customerId,
        path: ['transactions', pos, 'date'],
      },
    ]);
  }

  private intern(id: string): number {
    const i = this.ids.length;
    if (i === this.cap) this.grow(Math.max(1024, this.cap * 2));
    this.ids.push(id);
    this.index.set(id, i);
    this.firstMs[i] = Number.POSITIVE_INFINITY;
    this.lastMs[i] = Number.NEGATIVE_INFINITY;
    this.logHead[i] = -1;
    return i;
  }

  private grow(n: number): void {
    this.cap = n;
    for (const f of F64_FIELDS) this[f] = f64(this[f], n);
    for (const f of I32_FIELDS) this[f] = i32(this[f], n);
  }

  /** The summaries (sorted by customerId) and what was left out; throws the rows' errors. */
  finish(): SummaryReport {
    if (this.issues !== undefined) {
      const issues = this.issues;
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more issues)` : '';
      throw new InvalidInputError(
        `${issues[0]?.message ?? `${this.fn}: invalid transaction`}${more}`,
        issues,
      );
    }
    const customers: CustomerSummary[] = [];
    const returnsOnly: ReturnsOnlyCustomer[] = [];
    const endKey = this.key(this.endDay);
    for (const id of [...this.ids].sort()) {
      const i = this.index.get(id) as number;
      const firstMs = this.firstMs[i] as number;
      if (!Number.isFinite(firstMs)) {
        returnsOnly.push({
          customerId: id,
          returns: this.returns[i] as number,
          amount: this.returnAmount[i] as number,
        });
        continue;
      }
      const seen = this.orderIds.get(i);
      const b = this.btyd(i, endKey);
      customers.push({
        customerId: id,
        frequency: b.frequency,
        recency: b.recency,
        T: b.T,
        monetaryValue: b.monetaryValue,
        orders:
          (this.ordersWithoutId[i] as number) +
          (seen === undefined ? 0 : typeof seen === 'string' ? 1 : seen.size),
        totalSpend: (this.spend[i] as number) + (this.spendC[i] as number),
        firstPurchase: new Date(firstMs),
        lastPurchase: new Date(this.lastMs[i] as number),
        daysSinceLastPurchase: this.endDay - this.dayOf(this.lastMs[i] as number),
      });
    }
    const customersOnlyAfterEnd = [...this.after].filter((id) => !this.index.has(id)).sort();
    return {
      customers,
      returnsOnly,
      excludedAfterEnd: this.excludedAfterEnd,
      customersOnlyAfterEnd,
    };
  }

  /** frequency, recency, T and monetaryValue of customer `i` (who has a purchase). */
  private btyd(i: number, endKey: number) {
    const { unit, collapse } = this;
    const map = this.maps.get(i);
    if (map !== undefined) {
      const { keys, amounts } = purchaseBuckets(map);
      const first = keys[0] as number;
      return {
        frequency: keys.length - 1,
        recency: span(first, keys[keys.length - 1] as number, unit, collapse),
        T: span(first, endKey, unit, collapse),
        monetaryValue: meanAmount(keys.slice(1), amounts),
      };
    }
    if (this.openState[i] !== 0) this.close(i, false);
    const n = this.periods[i] as number;
    const first = this.firstKey[i] as number;
    return {
      frequency: n - 1,
      recency: span(first, this.lastKey[i] as number, unit, collapse),
      T: span(first, endKey, unit, collapse),
      monetaryValue:
        n > 1 ? ((this.repeatSum[i] as number) + (this.repeatC[i] as number)) / (n - 1) : 0,
    };
  }
}

const F64_FIELDS = [
  'firstMs',
  'lastMs',
  'spend',
  'spendC',
  'returns',
  'returnAmount',
  'ordersWithoutId',
  'openAmount',
  'repeatSum',
  'repeatC',
] as const;
const I32_FIELDS = ['openState', 'openKey', 'firstKey', 'lastKey', 'periods', 'logHead'] as const;

function bump(map: Map<number, Bucket>, k: number, net: number, isReturn: boolean): void {
  const b = map.get(k);
  if (b === undefined) map.set(k, { amount: net, purchase: !isReturn });
  else {
    b.amount += net;
    if (!isReturn) b.purchase = true;
  }
}
