import type { Transaction } from '../schema/index';
import { bucket, type RangeOptions } from './_activity';
import { checkWindow, flows, observable } from './_churn';
import { buildLedger } from './_ledger';
import { calendar, type PeriodUnit } from './_periods';

/** Options of {@link metricsByPeriod} and {@link churnByPeriod}. */
export interface MetricsByPeriodOptions extends RangeOptions {
  /** Calendar period: UTC day, ISO week (Monday–Sunday), month or quarter. */
  period: PeriodUnit;
  /** IANA time zone for the calendar (e.g. `Europe/London`). Default: UTC. */
  timeZone?: string;
  /**
   * Inactivity window, in periods: a customer active in period p − 1 and inactive in
   * p … p + inactivityPeriods − 1 churned in p. Default 1 (not active in the next period).
   */
  inactivityPeriods?: number;
}

/** Defaults of the period views. */
export const PERIOD_DEFAULTS = { inactivityPeriods: 1 } as const;

/** Metrics of one calendar period. */
export interface PeriodMetrics {
  /** Label: `2024-03-05`, `2024-W09` (ISO week-year and week), `2024-03` or `2024-Q1`. */
  period: string;
  /** First instant of the period (inclusive). */
  start: Date;
  /** First instant of the next period (exclusive). */
  end: Date;
  /** Customers with at least one purchase order in the period. */
  activeCustomers: number;
  /** Active customers whose first purchase in the data is in this period. */
  newCustomers: number;
  /** Active customers who bought in an earlier period (`activeCustomers − newCustomers`). */
  returningCustomers: number;
  /** Purchase orders (rows grouped by `orderId`; returns are not orders). */
  orders: number;
  /** Orders with a return (return rows grouped by `orderId`). */
  returnedOrders: number;
  /** Net revenue: purchases plus (negative) returns, currency units. */
  revenue: number;
  /** Revenue of purchases only, currency units. */
  grossRevenue: number;
  /** `revenue / orders`, or `null` when the period has no orders. */
  averageOrderValue: number | null;
  /** Active customers with ≥ 2 orders in the period / active customers; `null` when none. */
  repeatRate: number | null;
  /** Customers active in the previous period: the base churn is measured against. */
  customersAtStart: number;
  /** Customers of that base lost in this period; `null` while the window is not yet observed. */
  churnedCustomers: number | null;
  /** `churnedCustomers / customersAtStart`; `null` when unobserved or the base is 0. */
  churnRate: number | null;
}

/**
 * Calendar-period series of the core customer metrics, one row per period from the first to
 * the last (empty periods inside the range appear with zero counts and `null` ratios).
 *
 * Per period p: active customers (≥ 1 purchase order in p), new customers (first purchase in
 * p), orders, returned orders, net and gross revenue, `AOV = revenue / orders`, `repeat rate =
 * #customers with ≥ 2 orders in p / active`, and churn: customers active in p − 1 and in none
 * of p … p + w − 1 (w = `inactivityPeriods`) churned in p, `churn rate = churned / active in
 * p − 1`. The first period has no base; the last w − 1 periods are not yet observable (`null`).
 * Periods are calendar days, ISO weeks (Monday–Sunday), months or quarters in UTC unless
 * `timeZone` is given. Returns (`kind: 'return'`, or negative amounts) reduce revenue but are
 * neither orders nor activity. Complexity O(n + pairs · log pairs).
 *
 * @throws InvalidInputError on an invalid transaction or option (naming the row or option), or
 *   a transaction outside an explicit `start`/`end` range.
 * @throws InsufficientDataError when there are no transactions and no explicit range.
 * @example
 * const tx = [
 *   { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
 *   { customerId: 'b', date: new Date('2024-01-20'), amount: 30 },
 *   { customerId: 'a', date: new Date('2024-03-02'), amount: 20 },
 * ];
 * metricsByPeriod(tx, { period: 'month' }).map((m) => [m.period, m.activeCustomers, m.revenue, m.churnRate]);
 * // [['2024-01', 2, 40, null], ['2024-02', 0, 0, 1], ['2024-03', 1, 20, null]]
 */
export function metricsByPeriod(
  transactions: readonly Transaction[],
  options: MetricsByPeriodOptions,
): PeriodMetrics[] {
  const fn = 'metricsByPeriod';
  const opts = options ?? ({} as MetricsByPeriodOptions);
  const cal = calendar(fn, opts.period, opts.timeZone);
  const w = checkWindow(fn, opts.inactivityPeriods ?? PERIOD_DEFAULTS.inactivityPeriods);
  const l = buildLedger(fn, transactions);
  const act = bucket(fn, l, cal, opts);
  const f = flows(act, l.customerIds.length, w);
  const out: PeriodMetrics[] = new Array(act.periods);
  let nextStart = cal.start(act.first);
  for (let p = 0; p < act.periods; p++) {
    const start = nextStart;
    nextStart = cal.start(act.first + p + 1);
    const active = f.active[p]!;
    const orders = act.orders[p]!;
    const revenue = act.revenue.get(p);
    const base = p === 0 ? 0 : f.active[p - 1]!;
    const seen = observable(p, w, act.periods);
    const churned = p === 0 ? 0 : seen ? f.churned[p]! : null;
    out[p] = {
      period: cal.label(act.first + p),
      start: new Date(start),
      end: new Date(nextStart),
      activeCustomers: active,
      newCustomers: f.newCustomers[p]!,
      returningCustomers: active - f.newCustomers[p]!,
      orders,
      returnedOrders: act.returnedOrders[p]!,
      revenue,
      grossRevenue: act.grossRevenue.get(p),
      averageOrderValue: orders === 0 ? null : revenue / orders,
      repeatRate: active === 0 ? null : f.repeatCustomers[p]! / active,
      customersAtStart: base,
      churnedCustomers: churned,
      churnRate: churned === null || base === 0 ? null : churned / base,
    };
  }
  return out;
}
