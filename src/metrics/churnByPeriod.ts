import type { Transaction } from '../schema/index';
import { bucket } from './_activity';
import { checkWindow, flows, observable } from './_churn';
import { buildLedger } from './_ledger';
import { calendar } from './_periods';
import { type MetricsByPeriodOptions, PERIOD_DEFAULTS } from './metricsByPeriod';

/** Churn and retention of one period, computed from transactions. */
export interface PeriodChurn {
  /** Period label (see {@link metricsByPeriod}). */
  period: string;
  /** First instant of the period. */
  start: Date;
  /** Customers active (≥ 1 purchase) in the previous period. */
  customersAtStart: number;
  /** Of those, customers with no purchase in this period and the next `inactivityPeriods − 1`. */
  customersLost: number;
  /** `customersAtStart − customersLost`. */
  customersRetained: number;
  /** `customersLost / customersAtStart`, as {@link churnRate}. */
  churnRate: number;
  /** `customersRetained / customersAtStart = 1 − churnRate`. */
  retentionRate: number;
}

/**
 * Churn and retention for consecutive calendar periods, from transactions, with an inactivity
 * window.
 *
 * For period p: the base is the customers active in p − 1; a customer of the base with no
 * purchase in p … p + w − 1 (w = `inactivityPeriods`, default 1) is lost in p.
 * `churn = lost / base`, `retention = (base − lost) / base` (the counts form of
 * {@link retentionRate} with end = retained, new = 0). Only periods whose churn is fully
 * observed and whose base is not empty are returned: the first period (no base) and the last
 * w − 1 periods (window runs past the data, or past `end`) are left out.
 *
 * @throws InvalidInputError on an invalid transaction or option.
 * @throws InsufficientDataError when there are no transactions.
 * @example
 * const tx = [
 *   { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
 *   { customerId: 'b', date: new Date('2024-01-20'), amount: 30 },
 *   { customerId: 'a', date: new Date('2024-02-02'), amount: 20 },
 * ];
 * churnByPeriod(tx, { period: 'month' });
 * // [{ period: '2024-02', customersAtStart: 2, customersLost: 1, customersRetained: 1, churnRate: 0.5, retentionRate: 0.5, … }]
 */
export function churnByPeriod(
  transactions: readonly Transaction[],
  options: MetricsByPeriodOptions,
): PeriodChurn[] {
  const fn = 'churnByPeriod';
  const opts = options ?? ({} as MetricsByPeriodOptions);
  const cal = calendar(fn, opts.period, opts.timeZone);
  const w = checkWindow(fn, opts.inactivityPeriods ?? PERIOD_DEFAULTS.inactivityPeriods);
  const l = buildLedger(fn, transactions);
  const act = bucket(fn, l, cal, opts);
  const f = flows(act, l.customerIds.length, w);
  const out: PeriodChurn[] = [];
  for (let p = 1; p < act.periods; p++) {
    const base = f.active[p - 1]!;
    if (base === 0 || !observable(p, w, act.periods)) continue;
    const lost = f.churned[p]!;
    out.push({
      period: cal.label(act.first + p),
      start: new Date(cal.start(act.first + p)),
      customersAtStart: base,
      customersLost: lost,
      customersRetained: base - lost,
      churnRate: lost / base,
      retentionRate: (base - lost) / base,
    });
  }
  return out;
}
