/**
 * Golden SQL of the period generators for the dialects no test can execute here (bigquery,
 * snowflake, spark). Each file was reviewed by hand against the vendor documentation (see the
 * notes in src/sql/periodExpressions.ts): day index, DATE arithmetic, ISO week label,
 * make-date, series generation, quoting. Regenerate with UPDATE_GOLDEN=1 after a deliberate
 * change, then review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohortRetentionSql, cohortUnattributedSql } from '../../src/sql/cohortRetentionSql';
import type { Dialect } from '../../src/sql/dialects';
import { metricsByPeriodSql } from '../../src/sql/metricsByPeriodSql';
import { periodChecksSql } from '../../src/sql/periodChecksSql';

const columns = {
  customerId: 'CustomerID',
  date: 'InvoiceDate',
  amount: 'Quantity * UnitPrice',
  orderId: 'InvoiceNo',
};
const table = 'retail.line_items';

const CASES: [string, (dialect: Dialect) => string][] = [
  [
    'month-w2',
    (dialect) =>
      metricsByPeriodSql({ dialect, table, columns, period: 'month', inactivityPeriods: 2 }),
  ],
  [
    'week-range',
    (dialect) =>
      metricsByPeriodSql({
        dialect,
        table,
        columns,
        period: 'week',
        start: new Date('2010-12-01T00:00:00Z'),
        end: new Date('2011-12-09T00:00:00Z'),
      }),
  ],
  [
    'cohort-quarter',
    (dialect) => cohortRetentionSql({ dialect, table, columns, period: 'quarter' }),
  ],
  [
    'unattributed-week',
    (dialect) => cohortUnattributedSql({ dialect, table, columns, period: 'week' }),
  ],
  ['checks-day', (dialect) => periodChecksSql({ dialect, table, columns, period: 'day' })],
];

describe('period SQL golden files (bigquery, snowflake, spark; reviewed by hand)', () => {
  for (const dialect of ['bigquery', 'snowflake', 'spark'] as const) {
    for (const [name, write] of CASES) {
      it(`${name} in ${dialect}`, () => {
        const file = new URL(`./golden/metrics-${name}.${dialect}.sql`, import.meta.url);
        const sql = `${write(dialect)}\n`;
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, sql);
        expect(sql).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});
