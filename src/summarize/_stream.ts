/**
 * Streaming accumulator of the customer summary: one pass over rows that arrive one at a time,
 * with a fixed-size state per customer while that customer's rows arrive in period order.
 * Same arithmetic, in the same order, as `_accumulate.ts` + `finalize`, so the results are equal
 * bit for bit. Internal: not exported from the package.
 *
 * Customers are interned to integer indexes; their state lives in one growable Float64Array,
 * interleaved (16 fields, 128 bytes per customer) instead of one object and Map per customer. A
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

/**
 * Offsets of a customer's fields in the interleaved state (STRIDE doubles per customer). The
 * fields every row touches come first (one 64-byte line); integers (period keys, counts, log
 * links) are stored exactly as doubles.
 */
const SPEND = 0;
/** Neumaier compensation of SPEND. */
const SPEND_C = 1;
/** First and last purchase instants (ms); +∞ / −∞ before any purchase. */
const FIRST_MS = 2;
const LAST_MS = 3;
/** Purchase rows without an orderId. */
const NO_ORDER_ID = 4;
/** 0 no open period, 1 open with returns only, 2 open with a purchase. */
const OPEN_STATE = 5;
const OPEN_KEY = 6;
const OPEN_AMOUNT = 7;
/** Closed purchase periods, the first and last of their keys. */
const PERIODS = 8;
const FIRST_KEY = 9;
const LAST_KEY = 10;
/** Neumaier sum of the repeat purchase periods' amounts, and its compensation. */
const REPEAT_SUM = 11;
const REPEAT_C = 12;
/** Newest logged closed period (order 'any'), −1 for none. */
const LOG_HEAD = 13;
const RETURNS = 14;
const RETURN_AMOUNT = 15;
const STRIDE = 16;

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
  /**
   * Per-customer state, interleaved: customer i's fields are `state[i * STRIDE + FIELD]` (see
   * the field offsets below), so one row touches one or two cache lines instead of one per
   * field: at a million customers the state is far larger than the CPU caches and every row
   * lands on a random customer.
   */
  private state = new Float64Array(0);
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
    const st = this.state;
    const b = i * STRIDE;
    const isReturn = amount < 0 || t.kind === 'return';
    const net = isReturn ? -Math.abs(amount) : amount;
    const spend = st[b + SPEND] as number;
    const s = spend + net;
    const c = Math.abs(spend) >= Math.abs(net) ? spend - s + net : net - s + spend;
    st[b + SPEND_C] = (st[b + SPEND_C] as number) + c;
    st[b + SPEND] = s;
    if (isReturn) {
      st[b + RETURNS] = (st[b + RETURNS] as number) + 1;
      st[b + RETURN_AMOUNT] = (st[b + RETURN_AMOUNT] as number) + net;
    } else {
      if (ms < (st[b + FIRST_MS] as number)) st[b + FIRST_MS] = ms;
      if (ms > (st[b + LAST_MS] as number)) st[b + LAST_MS] = ms;
      if (t.orderId === undefined) st[b + NO_ORDER_ID] = (st[b + NO_ORDER_ID] as number) + 1;
      else this.addOrder(i, t.orderId);
    }
    const k = this.key(day);
    const map = this.maps.size === 0 ? undefined : this.maps.get(i);
    if (map !== undefined) {
      bump(map, k, net, isReturn);
      return;
    }
    const state = st[b + OPEN_STATE];
    if (state !== 0 && k === st[b + OPEN_KEY]) {
      st[b + OPEN_AMOUNT] = (st[b + OPEN_AMOUNT] as number) + net;
      if (!isReturn) st[b + OPEN_STATE] = 2;
      return;
    }
    if (state !== 0 && k < (st[b + OPEN_KEY] as number)) {
      if (this.order === 'date') this.outOfOrder(t, pos);
      bump(this.toMap(i), k, net, isReturn);
      return;
    }
    if (state !== 0) this.close(i);
    st[b + OPEN_KEY] = k;
    st[b + OPEN_AMOUNT] = net;
    st[b + OPEN_STATE] = isReturn ? 1 : 2;
  }

  /** Closes the customer's open period: counts it as a purchase period and logs it. */
  private close(i: number, log = this.order === 'any'): void {
    const st = this.state;
    const b = i * STRIDE;
    const purchase = st[b + OPEN_STATE] === 2;
    const amount = st[b + OPEN_AMOUNT] as number;
    if (purchase) {
      const n = st[b + PERIODS] as number;
      if (n === 0) st[b + FIRST_KEY] = st[b + OPEN_KEY] as number;
      else {
        const sum = st[b + REPEAT_SUM] as number;
        const t = sum + amount;
        const c = Math.abs(sum) >= Math.abs(amount) ? sum - t + amount : amount - t + sum;
        st[b + REPEAT_C] = (st[b + REPEAT_C] as number) + c;
        st[b + REPEAT_SUM] = t;
      }
      st[b + LAST_KEY] = st[b + OPEN_KEY] as number;
      st[b + PERIODS] = n + 1;
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
      (this.logKey[c] as Int32Array)[o] = 2 * (st[b + OPEN_KEY] as number) + (purchase ? 1 : 0);
      (this.logAmount[c] as Float64Array)[o] = amount;
      (this.logNext[c] as Int32Array)[o] = st[b + LOG_HEAD] as number;
      st[b + LOG_HEAD] = e;
    }
    st[b + OPEN_STATE] = 0;
  }

  /** The exact per-period map of a customer, rebuilt from its logged and open periods. */
  private toMap(i: number): Map<number, Bucket> {
    const st = this.state;
    const b = i * STRIDE;
    const map = new Map<number, Bucket>();
    for (let e = st[b + LOG_HEAD] as number; e >= 0; ) {
      const c = e >>> CHUNK_BITS;
      const o = e & (CHUNK - 1);
      const packed = (this.logKey[c] as Int32Array)[o] as number;
      map.set(Math.floor(packed / 2), {
        amount: (this.logAmount[c] as Float64Array)[o] as number,
        purchase: (packed & 1) === 1,
      });
      e = (this.logNext[c] as Int32Array)[o] as number;
    }
    map.set(st[b + OPEN_KEY] as number, {
      amount: st[b + OPEN_AMOUNT] as number,
      purchase: st[b + OPEN_STATE] === 2,
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
    const st = this.state;
    const b = i * STRIDE;
    st[b + FIRST_MS] = Number.POSITIVE_INFINITY;
    st[b + LAST_MS] = Number.NEGATIVE_INFINITY;
    st[b + LOG_HEAD] = -1;
    return i;
  }

  private grow(n: number): void {
    this.cap = n;
    const state = new Float64Array(n * STRIDE);
    state.set(this.state);
    this.state = state;
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
      const st = this.state;
      const b = i * STRIDE;
      const firstMs = st[b + FIRST_MS] as number;
      if (!Number.isFinite(firstMs)) {
        returnsOnly.push({
          customerId: id,
          returns: st[b + RETURNS] as number,
          amount: st[b + RETURN_AMOUNT] as number,
        });
        continue;
      }
      const seen = this.orderIds.get(i);
      const m = this.btyd(i, endKey);
      customers.push({
        customerId: id,
        frequency: m.frequency,
        recency: m.recency,
        T: m.T,
        monetaryValue: m.monetaryValue,
        orders:
          (st[b + NO_ORDER_ID] as number) +
          (seen === undefined ? 0 : typeof seen === 'string' ? 1 : seen.size),
        totalSpend: (st[b + SPEND] as number) + (st[b + SPEND_C] as number),
        firstPurchase: new Date(firstMs),
        lastPurchase: new Date(st[b + LAST_MS] as number),
        daysSinceLastPurchase: this.endDay - this.dayOf(st[b + LAST_MS] as number),
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
    const st = this.state;
    const b = i * STRIDE;
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
    if (st[b + OPEN_STATE] !== 0) this.close(i, false);
    const n = st[b + PERIODS] as number;
    const first = st[b + FIRST_KEY] as number;
    return {
      frequency: n - 1,
      recency: span(first, st[b + LAST_KEY] as number, unit, collapse),
      T: span(first, endKey, unit, collapse),
      monetaryValue:
        n > 1 ? ((st[b + REPEAT_SUM] as number) + (st[b + REPEAT_C] as number)) / (n - 1) : 0,
    };
  }
}

function bump(map: Map<number, Bucket>, k: number, net: number, isReturn: boolean): void {
  const b = map.get(k);
  if (b === undefined) map.set(k, { amount: net, purchase: !isReturn });
  else {
    b.amount += net;
    if (!isReturn) b.purchase = true;
  }
}
