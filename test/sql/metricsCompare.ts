/**
 * Test helper: compares rows of the generated period SQL with the JS results. Counts, labels
 * and dates must be equal; money and ratios agree to 1e-9 relative (scaled by the money
 * handled, so a net revenue of ~0 after refunds is compared on the scale of its parts).
 */
import { expect } from 'vitest';
import type { CohortRetention } from '../../src/metrics/cohortRetention';
import type { PeriodMetrics } from '../../src/metrics/metricsByPeriod';

const MONEY = ['revenue', 'grossRevenue', 'averageOrderValue'] as const;
const RATIOS = ['repeatRate', 'churnRate'] as const;
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
    for (const k of MONEY) expectClose(r[k], m[k], moneyScale, `${m.period}.${k}`);
    for (const k of RATIOS) expectClose(r[k], m[k], 1, `${m.period}.${k}`);
  });
}

/** Σ |amount|: the scale money differences are judged on. */
export function moneyScale(rows: readonly { amount: number }[]): number {
  return rows.reduce((s, t) => s + Math.abs(t.amount), 0);
}

/** A cohort table (from SQL rows) equals the JS one: revenue to 1e-9 of the money handled. */
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
      expectClose(actual.cohorts[i]!.cells[j]!.revenue, x.revenue, scale, `${k.cohort}+${j}`);
    });
  });
  expectClose(actual.unattributed.revenue, js.unattributed.revenue, scale, 'unattributed');
}
