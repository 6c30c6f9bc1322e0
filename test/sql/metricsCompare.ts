/**
 * Test helper: compares rows of the generated period SQL with the JS results. Counts, labels,
 * dates and count ratios (repeat, churn, retention rates) must be equal; money agrees to 1e-11
 * of the money handled (Σ |amount|), so summation order may differ but a cent on CDNOW's
 * $2.5M or Online Retail's ~$10M cannot hide.
 */
import { expect } from 'vitest';
import type { CohortRetention } from '../../src/metrics/cohortRetention';
import type { PeriodMetrics } from '../../src/metrics/metricsByPeriod';

const MONEY = ['revenue', 'grossRevenue', 'averageOrderValue'] as const;
const RATIOS = ['repeatRate', 'churnRate'] as const;
/** Money tolerance, relative to the money handled. */
const MONEY_TOL = 1e-11;
const EXACT = [
  'period',
  'activeCustomers',
  'newCustomers',
  'returningCustomers',
  'orders',
  'returnedOrders',
  'customersAtStart',
  'churnedCustomers',
] as const;

/** |a − b| ≤ tol · scale, with null only equal to null. */
export function expectClose(a: unknown, b: number | null, scale: number, what: string, tol = 1e-9) {
  if (b === null) {
    expect(a, what).toBeNull();
    return;
  }
  expect(typeof a, what).toBe('number');
  const diff = Math.abs((a as number) - b);
  if (diff > tol * Math.max(1, scale)) expect(a, what).toBe(b);
}

/** SQL rows (from DuckDB or PostgreSQL) equal the JS period metrics. */
export function expectSameMetrics(
  sqlRows: Record<string, unknown>[],
  js: readonly PeriodMetrics[],
  moneyScale: number,
) {
  expect(sqlRows.map((r) => r.period)).toEqual(js.map((r) => r.period));
  js.forEach((m, i) => {
    const r = sqlRows[i]!;
    for (const k of EXACT) expect(r[k], `${m.period}.${k}`).toBe(m[k]);
    expect((r.start as Date).getTime(), `${m.period}.start`).toBe(m.start.getTime());
    expect((r.end as Date).getTime(), `${m.period}.end`).toBe(m.end.getTime());
    for (const k of MONEY) expectClose(r[k], m[k], moneyScale, `${m.period}.${k}`, MONEY_TOL);
    for (const k of RATIOS) expect(r[k], `${m.period}.${k}`).toBe(m[k]);
  });
}

/** Σ |amount|: the scale money differences are judged on. */
export function moneyScale(rows: readonly { amount: number }[]): number {
  return rows.reduce((s, t) => s + Math.abs(t.amount), 0);
}

/** A cohort table (from SQL rows) equals the JS one: revenue to 1e-11 of the money handled. */
export function expectSameCohorts(actual: CohortRetention, js: CohortRetention, scale: number) {
  const strip = (c: CohortRetention) => ({
    ...c,
    cohorts: c.cohorts.map((k) => ({
      ...k,
      start: k.start.getTime(),
      cells: k.cells.map((x) => ({ ...x, revenue: 0 })),
    })),
    unattributed: { ...c.unattributed, revenue: 0 },
  });
  expect(strip(actual)).toEqual(strip(js));
  js.cohorts.forEach((k, i) => {
    k.cells.forEach((x, j) => {
      const got = actual.cohorts[i]!.cells[j]!.revenue;
      expectClose(got, x.revenue, scale, `${k.cohort}+${j}`, MONEY_TOL);
    });
  });
  expectClose(
    actual.unattributed.revenue,
    js.unattributed.revenue,
    scale,
    'unattributed',
    MONEY_TOL,
  );
}
