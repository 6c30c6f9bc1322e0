/**
 * Internal: one validating pass over transactions that interns customer and order ids, so the
 * metrics work on typed arrays instead of re-reading objects.
 *
 * Conventions (documented in docs/metrics.md):
 * - a row is a return when `kind === 'return'`, or when `kind` is absent and `amount < 0`;
 *   otherwise a purchase. `kind: 'purchase'` with a negative amount, or `kind: 'return'` with a
 *   positive amount, is contradictory and rejected.
 * - an order is one `orderId` (its lines are merged); a row without `orderId` is an order of
 *   its own. An `orderId` belongs to one customer: the same id under two customers is rejected.
 */
import { invalidInput } from '../errors';
import type { Transaction } from '../schema/index';

/** Interned view of a transaction array. */
export interface Ledger {
  /** Number of rows. */
  n: number;
  /** Distinct customer ids in first-seen order. */
  customerIds: string[];
  /** Row → index into `customerIds`. */
  customer: Int32Array;
  /** Row → 1 when the row is a return. */
  isReturn: Uint8Array;
  /** Row → interned order index, or −1 when the row has no `orderId`. */
  order: Int32Array;
  /** Number of distinct `orderId`s. */
  orderIds: number;
  /** Row → epoch milliseconds. */
  time: Float64Array;
  /** Row → amount. */
  amount: Float64Array;
}

const NO_ID = Symbol('no id');

/** Path of a field of row i, for error messages (built only when throwing). */
function at(i: number, field: string): string {
  return `transactions[${i}].${field}`;
}

/** Validates and interns `transactions` (never mutated). */
export function buildLedger(fn: string, transactions: readonly Transaction[]): Ledger {
  if (!Array.isArray(transactions)) {
    throw invalidInput(fn, 'transactions', 'to be an array', transactions, {
      code: 'invalid_type',
    });
  }
  const n = transactions.length;
  const customer = new Int32Array(n);
  const isReturn = new Uint8Array(n);
  const order = new Int32Array(n);
  const time = new Float64Array(n);
  const amount = new Float64Array(n);
  const customerIndex = new Map<string, number>();
  const customerIds: string[] = [];
  const orderIndex = new Map<string, number>();
  const orderCustomer: number[] = [];
  // Consecutive rows often share a customer and an order (line items of one invoice): remember
  // the last ids to skip the map lookups.
  // `lastId` only ever holds a validated id; it starts as an object no input can equal.
  let lastId: unknown = NO_ID;
  let lastC = -1;
  let lastOid: string | undefined;
  let lastO = -1;
  for (let i = 0; i < n; i++) {
    const t = transactions[i] as Transaction | undefined;
    if (t === null || typeof t !== 'object') {
      throw invalidInput(fn, `transactions[${i}]`, 'to be a transaction object', t, {
        code: 'invalid_type',
        path: ['transactions', i],
      });
    }
    const id = t.customerId;
    if (id !== lastId && (typeof id !== 'string' || id.trim() === '')) {
      throw invalidInput(fn, at(i, 'customerId'), 'to be a non-empty string', id, {
        code: 'invalid_id',
        path: ['transactions', i, 'customerId'],
      });
    }
    const ms = t.date instanceof Date ? t.date.getTime() : Number.NaN;
    if (Number.isNaN(ms)) {
      throw invalidInput(fn, at(i, 'date'), 'to be a valid Date', t.date, {
        code: 'invalid_date',
        path: ['transactions', i, 'date'],
        customerId: id,
      });
    }
    const a = t.amount;
    if (typeof a !== 'number' || !Number.isFinite(a)) {
      throw invalidInput(fn, at(i, 'amount'), 'to be a finite number', a, {
        code: 'invalid_number',
        path: ['transactions', i, 'amount'],
        customerId: id,
      });
    }
    const kind = t.kind;
    let ret: boolean;
    if (kind === undefined) ret = a < 0;
    else if (kind === 'return') ret = true;
    else if (kind === 'purchase') ret = false;
    else {
      throw invalidInput(fn, at(i, 'kind'), "to be 'purchase', 'return' or absent", kind, {
        code: 'invalid_enum',
        path: ['transactions', i, 'kind'],
        customerId: id,
      });
    }
    if ((ret && a > 0) || (!ret && a < 0)) {
      throw invalidInput(
        fn,
        at(i, 'amount'),
        `to be ${ret ? '≤ 0 for a return' : '≥ 0 for a purchase'}`,
        a,
        { code: 'sign_mismatch', path: ['transactions', i, 'amount'], customerId: id },
      );
    }
    let c = lastC;
    if (id !== lastId) {
      const known = customerIndex.get(id);
      if (known === undefined) {
        c = customerIds.length;
        customerIndex.set(id, c);
        customerIds.push(id);
      } else c = known;
      lastId = id;
      lastC = c;
    }
    let o = -1;
    const oid = t.orderId;
    if (oid !== undefined && oid === lastOid && orderCustomer[lastO] === c) o = lastO;
    else if (oid !== undefined && oid !== '') {
      if (typeof oid !== 'string') {
        throw invalidInput(fn, at(i, 'orderId'), 'to be a string', oid, {
          code: 'invalid_type',
          path: ['transactions', i, 'orderId'],
          customerId: id,
        });
      }
      const known = orderIndex.get(oid);
      if (known === undefined) {
        o = orderCustomer.length;
        orderIndex.set(oid, o);
        orderCustomer.push(c);
      } else {
        o = known;
        if (orderCustomer[o] !== c) {
          const other = customerIds[orderCustomer[o]!];
          throw invalidInput(
            fn,
            at(i, 'orderId'),
            `to belong to one customer (it also belongs to ${JSON.stringify(other)})`,
            oid,
            {
              code: 'order_customer_mismatch',
              path: ['transactions', i, 'orderId'],
              customerId: id,
            },
          );
        }
      }
    }
    if (o >= 0) {
      lastOid = oid;
      lastO = o;
    }
    customer[i] = c;
    isReturn[i] = ret ? 1 : 0;
    order[i] = o;
    time[i] = ms;
    amount[i] = a;
  }
  return {
    n,
    customerIds,
    customer,
    isReturn,
    order,
    orderIds: orderCustomer.length,
    time,
    amount,
  };
}

/** Totals over a whole ledger: the inputs of the transaction forms of the formulas. */
export interface LedgerTotals {
  /** Net revenue: Σ amount over purchases and returns (compensated sum). */
  revenue: number;
  /** Distinct purchase orders. */
  orders: number;
  /** Distinct returned orders (return rows grouped by `orderId`). */
  returnedOrders: number;
  /** Distinct customers with any transaction. */
  customers: number;
  /** Customer → distinct purchase orders. */
  ordersByCustomer: Int32Array;
}

/** Counts orders and revenue of a ledger in one pass. */
export function ledgerTotals(l: Ledger): LedgerTotals {
  const ordersByCustomer = new Int32Array(l.customerIds.length);
  const seen = new Uint8Array(l.orderIds); // bit 1: counted as purchase, bit 2: as return
  let orders = 0;
  let returnedOrders = 0;
  let s = 0;
  let comp = 0;
  for (let i = 0; i < l.n; i++) {
    const v = l.amount[i]!;
    const t = s + v;
    comp += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
    const o = l.order[i]!;
    const bit = l.isReturn[i] ? 2 : 1;
    if (o >= 0) {
      if (seen[o]! & bit) continue;
      seen[o] = seen[o]! | bit;
    }
    if (bit === 2) returnedOrders++;
    else {
      orders++;
      ordersByCustomer[l.customer[i]!]!++;
    }
  }
  return {
    revenue: s + comp,
    orders,
    returnedOrders,
    customers: l.customerIds.length,
    ordersByCustomer,
  };
}
