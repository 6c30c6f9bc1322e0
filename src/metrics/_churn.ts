/**
 * Internal: per-period customer flows from the sorted active (customer, period) pairs.
 *
 * A customer active (with a purchase) in period p − 1 and in none of the periods
 * p … p + w − 1 (w = the inactivity window in periods) counts as churned in period p. That is
 * observable only when p ≥ 1 and p + w − 1 is inside the range.
 */
import { invalidInput } from '../errors';
import type { Activity } from './_activity';

/** Per-period counts of customers. */
export interface Flows {
  /** Customers with at least one purchase order in the period. */
  active: Int32Array;
  /** Customers whose first purchase in the data falls in the period. */
  newCustomers: Int32Array;
  /** Active customers with at least 2 purchase orders in the period. */
  repeatCustomers: Int32Array;
  /** Customers churned in the period (see module doc); meaningful where `observable`. */
  churned: Int32Array;
  /** Customer → period of first purchase, or −1 when the customer never purchased. */
  cohort: Int32Array;
}

/** Checks the inactivity window option (a positive integer number of periods). */
export function checkWindow(fn: string, w: unknown): number {
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 1) {
    throw invalidInput(fn, 'options.inactivityPeriods', 'to be a positive integer', w, {
      code: 'invalid_count',
    });
  }
  return w;
}

/** Whether churn in period p is observable with window w over `periods` periods. */
export function observable(p: number, w: number, periods: number): boolean {
  return p >= 1 && p + w - 1 <= periods - 1;
}

/** Computes the customer flows of every period in one pass over the sorted pairs. */
export function flows(act: Activity, customers: number, w: number): Flows {
  const n = act.periods;
  const active = new Int32Array(n);
  const newCustomers = new Int32Array(n);
  const repeatCustomers = new Int32Array(n);
  const churned = new Int32Array(n);
  const cohort = new Int32Array(customers).fill(-1);
  let prevC = -1;
  let prevP = -1;
  const closeCustomer = (a: number) => {
    if (a + w <= n - 1) churned[a + 1]!++;
  };
  for (let k = 0; k < act.keys.length; k++) {
    const key = act.keys[k]!;
    const c = Math.floor(key / n);
    const p = key - c * n;
    active[p]!++;
    if (act.keyOrders[k]! >= 2) repeatCustomers[p]!++;
    if (c !== prevC) {
      if (prevC >= 0) closeCustomer(prevP);
      newCustomers[p]!++;
      cohort[c] = p;
    } else if (p - prevP > w) {
      churned[prevP + 1]!++;
    }
    prevC = c;
    prevP = p;
  }
  if (prevC >= 0) closeCustomer(prevP);
  return { active, newCustomers, repeatCustomers, churned, cohort };
}
