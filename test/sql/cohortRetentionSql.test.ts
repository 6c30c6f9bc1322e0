import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/metrics/cohortRetention';
import type { Transaction } from '../../src/schema/index';
import { cohortRetentionSql, cohortUnattributedSql } from '../../src/sql/cohortRetentionSql';
import { cohortRetentionFromRows } from '../../src/sql/periodRows';
import { ledger } from '../metrics/_fixture';
import { withPurchase } from './metricsArbitrary';
import { expectSameCohorts, moneyScale } from './metricsCompare';
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

type Opts = Omit<Parameters<typeof cohortRetentionSql>[0], 'dialect' | 'table' | 'columns'>;

/** Runs both queries on both engines over `rows` and compares with cohortRetention. */
async function check(rows: Transaction[], options: Opts) {
  const js = cohortRetention(rows, options);
  await loadDuckDB(duck.db, rows);
  await loadPostgres(pg, rows);
  const base = { table: 'tx', columns: TX_COLUMNS, ...options };
  for (const [dialect, run] of [
    ['duckdb', (sql: string) => runDuckDB(duck.db, sql)],
    ['postgres', (sql: string) => runPostgres(pg, sql)],
  ] as const) {
    const cells = await run(cohortRetentionSql({ dialect, ...base }));
    const [lost] = await run(cohortUnattributedSql({ dialect, ...base }));
    expectSameCohorts(cohortRetentionFromRows(cells, lost!, options.period), js, moneyScale(rows));
  }
  return js;
}

describe('cohortRetentionSql', () => {
  it('runs its documented example (on DuckDB)', async () => {
    const tx = [
      { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
      { customerId: 'b', date: new Date('2024-01-20'), amount: 30 },
      { customerId: 'a', date: new Date('2024-02-02'), amount: 20 },
      { customerId: 'c', date: new Date('2024-02-10'), amount: 5 },
    ];
    await loadDuckDB(duck.db, tx);
    const sql = cohortRetentionSql({
      dialect: 'duckdb',
      table: 'tx',
      columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
      period: 'month',
    });
    const rows = await runDuckDB(duck.db, sql);
    expect(rows.map((r) => [r.cohort, r.customers, r.offset, r.retentionRate])).toEqual([
      ['2024-01', 2, 0, 1],
      ['2024-01', 2, 1, 0.5],
      ['2024-02', 1, 0, 1],
    ]);
    await check(tx, { period: 'month' });
  });

  it('cohortUnattributedSql runs its documented example (on PostgreSQL)', async () => {
    const tx = [
      { customerId: 'e', date: new Date('2024-03-20'), amount: -5 },
      { customerId: 'a', date: new Date('2024-03-21'), amount: 10 },
    ];
    await loadPostgres(pg, tx);
    const sql = cohortUnattributedSql({
      dialect: 'postgres',
      table: 'tx',
      columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
      period: 'month',
    });
    expect(await runPostgres(pg, sql)).toEqual([{ transactions: 1, customers: 1, revenue: -5 }]);
  });

  it('reproduces the hand-checked fixture by week, month and quarter', async () => {
    for (const period of ['week', 'month', 'quarter'] as const) await check(ledger, { period });
  });

  test.prop([withPurchase, fc.constantFrom('week', 'month', 'quarter' as const)], { numRuns: 20 })(
    'equals cohortRetention on random ledgers (DuckDB and PostgreSQL); cells + unattributed = all revenue',
    async (tx, period) => {
      const js = await check(tx, { period });
      // every row is in one cell or unattributed: revenue and customer counts reconcile
      const cells = js.cohorts.flatMap((c) => c.cells.map((x) => x.revenue));
      const total = tx.reduce((s, t) => s + t.amount, 0);
      expect(
        Math.abs(cells.reduce((s, v) => s + v, 0) + js.unattributed.revenue - total),
      ).toBeLessThan(1e-6);
    },
  );
});
