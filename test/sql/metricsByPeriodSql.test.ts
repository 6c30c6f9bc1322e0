import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import type { Transaction } from '../../src/schema/index';
import { metricsByPeriodSql } from '../../src/sql/metricsByPeriodSql';
import { ledger } from '../metrics/_fixture';
import { expectSameMetrics, moneyScale } from './metricsCompare';
import {
  duckdb,
  loadDuckDB,
  loadPostgres,
  PGlite,
  runDuckDB,
  runPostgres,
  TX_COLUMNS,
} from './metricsEngines';

let duck: Awaited<ReturnType<typeof duckdb>>;
let pg: PGlite;
beforeAll(async () => {
  duck = await duckdb();
  pg = await PGlite.create();
});
afterAll(async () => {
  duck.close();
  await pg.close();
});

/** Runs the SQL of `options` on both engines over `rows` and compares with metricsByPeriod. */
async function check(
  rows: Transaction[],
  options: Omit<Parameters<typeof metricsByPeriodSql>[0], 'dialect' | 'table' | 'columns'>,
) {
  const js = metricsByPeriod(rows, options);
  await loadDuckDB(duck.db, rows);
  await loadPostgres(pg, rows);
  const base = { table: 'tx', columns: TX_COLUMNS, ...options };
  const d = await runDuckDB(duck.db, metricsByPeriodSql({ dialect: 'duckdb', ...base }));
  const p = await runPostgres(pg, metricsByPeriodSql({ dialect: 'postgres', ...base }));
  expectSameMetrics(d, js, moneyScale(rows));
  expectSameMetrics(p, js, moneyScale(rows));
  return js;
}

describe('metricsByPeriodSql', () => {
  it('runs its documented example (on DuckDB and PostgreSQL)', async () => {
    const tx = [
      { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
      { customerId: 'b', date: new Date('2024-01-20'), amount: 30 },
      { customerId: 'a', date: new Date('2024-03-02'), amount: 20 },
    ];
    const sql = metricsByPeriodSql({
      dialect: 'postgres',
      table: 'tx',
      columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
      period: 'month',
    });
    await loadPostgres(pg, tx);
    const rows = await runPostgres(pg, sql);
    expect(rows.map((m) => [m.period, m.activeCustomers, m.revenue, m.churnRate])).toEqual([
      ['2024-01', 2, 40, null],
      ['2024-02', 0, 0, 1],
      ['2024-03', 1, 20, null],
    ]);
    await check(tx, { period: 'month' });
  });

  it('reproduces the hand-checked fixture for every period unit', async () => {
    for (const period of ['day', 'week', 'month', 'quarter'] as const) {
      await check(ledger, { period });
      await check(ledger, { period, inactivityPeriods: 2 });
    }
  });
});
