import { invalidInput } from '../errors';
import type { Transaction } from '../schema/index';
import { bucket, type RangeOptions, SumArray } from './_activity';
import { flows } from './_churn';
import { buildLedger } from './_ledger';
import { calendar } from './_periods';

/** Options of {@link cohortRetention}. */
export interface CohortOptions extends RangeOptions {
  /** Cohort and offset period: ISO week (Monday–Sunday), month or quarter. */
  period: 'week' | 'month' | 'quarter';
  /** IANA time zone for the calendar. Default: UTC. */
  timeZone?: string;
}

/** One cell: a cohort `offset` periods after its acquisition period. */
export interface RetentionCell {
  /** Periods since acquisition (0 = the acquisition period). */
  offset: number;
  /** Label of the calendar period of the cell. */
  period: string;
  /** Cohort customers with at least one purchase order in the cell's period. */
  activeCustomers: number;
  /** `activeCustomers / cohort size`, in [0, 1]; 1 at offset 0. */
  retentionRate: number;
  /** Purchase orders of the cohort in the period. */
  orders: number;
  /** Net revenue (returns subtract) of the cohort in the period, currency units. */
  revenue: number;
}

/** One acquisition cohort. */
export interface RetentionCohort {
  /** Label of the acquisition period, e.g. `1997-01`. */
  cohort: string;
  /** First instant of the acquisition period. */
  start: Date;
  /** Customers whose first purchase falls in the acquisition period. */
  customers: number;
  /** Cells from offset 0 to the end of the range. */
  cells: RetentionCell[];
}

/** Result of {@link cohortRetention}. */
export interface CohortRetention {
  /** The calendar period of cohorts and offsets. */
  period: 'week' | 'month' | 'quarter';
  /** Cohorts in calendar order; periods without a first purchase have no cohort. */
  cohorts: RetentionCohort[];
  /**
   * Transactions that belong to no cohort cell, so no amount is dropped unseen: returns by
   * customers who never purchased, or dated before the customer's first purchase.
   */
  unattributed: { transactions: number; customers: number; revenue: number };
}

/**
 * Acquisition-cohort retention: customers grouped by the calendar period of their first
 * purchase, followed period by period.
 *
 * Cell (cohort k, offset j): `active = #customers of k with ≥ 1 purchase order in period k + j`,
 * `retention = active / |k|` (so offset 0 is 1), plus the cohort's orders and net revenue in
 * that period. Offsets run to the end of the range (`end`, default the last transaction).
 * Periods are ISO weeks (Monday–Sunday), months or quarters in UTC unless `timeZone` is given.
 * Returns reduce revenue but do not make a customer active. Complexity O(n + pairs · log pairs).
 *
 * @throws InvalidInputError on an invalid transaction or option.
 * @throws InsufficientDataError when there are no transactions.
 * @example
 * const tx = [
 *   { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
 *   { customerId: 'b', date: new Date('2024-01-20'), amount: 30 },
 *   { customerId: 'a', date: new Date('2024-02-02'), amount: 20 },
 *   { customerId: 'c', date: new Date('2024-02-10'), amount: 5 },
 * ];
 * cohortRetention(tx, { period: 'month' }).cohorts.map((c) => [c.cohort, c.customers, c.cells.map((x) => x.retentionRate)]);
 * // [['2024-01', 2, [1, 0.5]], ['2024-02', 1, [1]]]
 */
export function cohortRetention(
  transactions: readonly Transaction[],
  options: CohortOptions,
): CohortRetention {
  const fn = 'cohortRetention';
  const opts = options ?? ({} as CohortOptions);
  if (opts.period === ('day' as string)) {
    throw invalidInput(fn, 'options.period', 'to be one of week, month, quarter', opts.period, {
      code: 'invalid_enum',
    });
  }
  const cal = calendar(fn, opts.period, opts.timeZone);
  const l = buildLedger(fn, transactions);
  const act = bucket(fn, l, cal, opts);
  const n = act.periods;
  const f = flows(act, l.customerIds.length, 1);
  const labels = Array.from({ length: n }, (_, p) => cal.label(act.first + p));
  // Compact row of each acquisition period that has a cohort.
  const row = new Int32Array(n).fill(-1);
  let cohorts = 0;
  for (let p = 0; p < n; p++) if (f.newCustomers[p]! > 0) row[p] = cohorts++;
  const active = new Int32Array(cohorts * n);
  const orders = new Int32Array(cohorts * n);
  const revenue = new SumArray(cohorts * n);
  for (let k = 0; k < act.keys.length; k++) {
    const key = act.keys[k]!;
    const c = Math.floor(key / n);
    const p = key - c * n;
    const a = f.cohort[c]!;
    const cell = row[a]! * n + (p - a);
    active[cell]!++;
    orders[cell]! += act.keyOrders[k]!;
  }
  const unattributed = { transactions: 0, customers: 0, revenue: 0 };
  const unattributedCustomers = new Set<number>();
  const lost = new SumArray(1);
  for (let i = 0; i < l.n; i++) {
    const c = l.customer[i]!;
    const a = f.cohort[c]!;
    const p = act.rowPeriod[i]!;
    if (a < 0 || p < a) {
      unattributed.transactions++;
      unattributedCustomers.add(c);
      lost.add(0, l.amount[i]!);
    } else revenue.add(row[a]! * n + (p - a), l.amount[i]!);
  }
  unattributed.customers = unattributedCustomers.size;
  unattributed.revenue = lost.get(0);
  const out: RetentionCohort[] = [];
  for (let a = 0; a < n; a++) {
    const r = row[a]!;
    if (r < 0) continue;
    const size = f.newCustomers[a]!;
    const cells: RetentionCell[] = [];
    for (let j = 0; a + j < n; j++) {
      const cell = r * n + j;
      cells.push({
        offset: j,
        period: labels[a + j]!,
        activeCustomers: active[cell]!,
        retentionRate: active[cell]! / size,
        orders: orders[cell]!,
        revenue: revenue.get(cell),
      });
    }
    out.push({
      cohort: labels[a]!,
      start: new Date(cal.start(act.first + a)),
      customers: size,
      cells,
    });
  }
  return { period: cal.unit as CohortOptions['period'], cohorts: out, unattributed };
}
