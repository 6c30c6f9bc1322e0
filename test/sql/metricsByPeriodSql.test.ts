import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import type { Transaction } from '../../src/schema/index';
import { metricsByPeriodSql } from '../../src/sql/metricsByPeriodSql';
import { periodChecksSql } from '../../src/sql/periodChecksSql';
import { periodMetricsFromRows } from '../../src/sql/periodRows';
import { ledger } from '../metrics/_fixture';
import { ledgers } from './metricsArbitrary';
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

  it('labels ISO weeks across new year and month/quarter ends like the JS calendar', async () => {
    const at = (iso: string, amount = 1): Transaction => ({
      customerId: iso,
      date: new Date(iso),
      amount,
    });
    // 2020-12-31 (Thu) and 2021-01-03 (Sun) are in 2020-W53; 2021-01-04 opens 2021-W01;
    // 2024-12-30 (Mon) opens 2025-W01; 23:59:59.999 stays in its UTC day, 00:00 starts the next
    const tx = [
      at('2020-12-31T12:00:00Z'),
      at('2021-01-03T23:59:59.999Z'),
      at('2021-01-04T00:00:00Z'),
      at('2021-03-31T23:59:59.999Z'),
      at('2021-04-01T00:00:00Z'),
      at('2024-12-30T08:00:00Z'),
    ];
    const weeks = await check(tx, { period: 'week' });
    expect(weeks[0]!.period).toBe('2020-W53');
    expect(weeks[1]!.period).toBe('2021-W01');
    expect(weeks.at(-1)!.period).toBe('2025-W01');
    expect(weeks[0]!.activeCustomers).toBe(2);
    const quarters = await check(tx, { period: 'quarter' });
    expect(quarters.slice(0, 3).map((q) => [q.period, q.activeCustomers])).toEqual([
      ['2020-Q4', 1],
      ['2021-Q1', 3],
      ['2021-Q2', 1],
    ]);
    const days = await check(tx, { period: 'day' });
    // 23:59:59.999 on Jan 3 stays on Jan 3; Jan 4 00:00 is the next day
    expect(days.slice(0, 5).map((d) => [d.period, d.activeCustomers])).toEqual([
      ['2020-12-31', 1],
      ['2021-01-01', 0],
      ['2021-01-02', 0],
      ['2021-01-03', 1],
      ['2021-01-04', 1],
    ]);
  });

  it('leaves rows outside start/end and NULL fields out, exactly those periodChecksSql counts', async () => {
    const tx: Transaction[] = [
      { customerId: 'a', date: new Date('2024-01-05T10:00:00Z'), amount: 10 },
      { customerId: 'a', date: new Date('2024-02-05T10:00:00Z'), amount: 20 },
      { customerId: 'b', date: new Date('2024-03-05T10:00:00Z'), amount: 30 },
    ];
    const inside = tx.slice(0, 2);
    const range = { period: 'month' as const, end: new Date('2024-02-29T23:00:00Z') };
    // the SQL over all rows with the range = the JS function over the rows inside it
    await loadDuckDB(duck.db, tx);
    await loadPostgres(pg, tx);
    const base = { table: 'tx', columns: TX_COLUMNS, ...range };
    const js = metricsByPeriod(inside, range);
    expectSameMetrics(
      await runDuckDB(duck.db, metricsByPeriodSql({ dialect: 'duckdb', ...base })),
      js,
      60,
    );
    expectSameMetrics(
      await runPostgres(pg, metricsByPeriodSql({ dialect: 'postgres', ...base })),
      js,
      60,
    );
    // a row with no customer is left out too; the checks query counts both kinds of rows
    await pg.exec("INSERT INTO tx VALUES (NULL, TIMESTAMP '2024-01-07 00:00', 5, NULL, NULL)");
    expectSameMetrics(
      await runPostgres(pg, metricsByPeriodSql({ dialect: 'postgres', ...base })),
      js,
      60,
    );
    const [checks] = await runPostgres(pg, periodChecksSql({ dialect: 'postgres', ...base }));
    expect(checks).toMatchObject({
      rows: 4,
      invalidCustomerRows: 1,
      invalidCustomerValue: null,
      invalidDateRows: 0,
      invalidAmountRows: 0,
      invalidKindRows: 0,
      signMismatchRows: 0,
      outOfRangeRows: 1,
      outOfRangeCustomer: 'b',
      outOfRangePeriod: 2024 * 12 + 2, // March 2024
      minPeriod: 2024 * 12,
      maxPeriod: 2024 * 12 + 2,
      orderConflicts: 0,
    });
  });

  test.prop(
    [
      ledgers,
      fc.constantFrom('day', 'week', 'month', 'quarter' as const),
      fc.integer({ min: 1, max: 3 }),
    ],
    {
      numRuns: 25,
    },
  )('equals metricsByPeriod on random ledgers (DuckDB and PostgreSQL)', async (tx, period, w) => {
    await check(tx, { period, inactivityPeriods: w });
  });

  it('rejects bad options with typed errors naming the option', () => {
    const base = {
      dialect: 'duckdb' as const,
      table: 'tx',
      columns: TX_COLUMNS,
      period: 'month' as const,
    };
    const cases: [object, string, string][] = [
      [{ dialect: 'mysql' }, 'options.dialect', 'invalid_enum'],
      [{ table: ' ' }, 'options.table', 'invalid_table'],
      [{ table: 'tx; DROP TABLE tx' }, 'options.table', 'invalid_table'],
      [{ columns: { ...TX_COLUMNS, date: undefined } }, 'options.columns.date', 'invalid_column'],
      [
        { columns: { ...TX_COLUMNS, amount: 'amount -- x' } },
        'options.columns.amount',
        'invalid_column',
      ],
      [{ columns: { ...TX_COLUMNS, store: 'x' } }, 'options.columns.store', 'unknown_key'],
      [{ period: 'year' }, 'options.period', 'invalid_enum'],
      [{ inactivityPeriods: 1.5 }, 'options.inactivityPeriods', 'invalid_count'],
      [
        { start: new Date('2024-02-01'), end: new Date('2024-01-01') },
        'options.end',
        'invalid_range',
      ],
      [{ end: 'tomorrow' }, 'options.end', 'invalid_date'],
      [{ dialect: 'bigquery', timeZone: 'Europe/London' }, 'options.timeZone', 'unsupported'],
    ];
    for (const [patch, field, code] of cases) {
      let err: unknown;
      try {
        metricsByPeriodSql({ ...base, ...patch } as never);
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(InvalidInputError);
      const issue = (err as InvalidInputError).issues[0]!;
      expect([issue.field, issue.code], field).toEqual([field, code]);
      expect((err as Error).message, field).toMatch(
        new RegExp(`^metricsByPeriodSql: expected ${field.replace('.', '\\.')} `),
      );
    }
  });

  it('does not mutate its options', () => {
    const options = {
      dialect: 'postgres' as const,
      table: 'tx',
      columns: { ...TX_COLUMNS },
      period: 'week' as const,
      start: new Date('2024-01-01'),
    };
    const copy = structuredClone(options);
    metricsByPeriodSql(options);
    expect(options).toEqual(copy);
  });

  test.prop(
    [
      ledgers,
      fc.constantFrom('day', 'week', 'month', 'quarter' as const),
      fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'),
    ],
    { numRuns: 12 },
  )(
    'in a time zone, buckets local days like metricsByPeriod (DuckDB and PostgreSQL)',
    async (tx, period, timeZone) => {
      const options = { period, timeZone };
      const js = metricsByPeriod(tx, options);
      await loadDuckDB(duck.db, tx);
      await loadPostgres(pg, tx);
      const base = { table: 'tx', columns: TX_COLUMNS, ...options };
      const d = await runDuckDB(duck.db, metricsByPeriodSql({ dialect: 'duckdb', ...base }));
      const p = await runPostgres(pg, metricsByPeriodSql({ dialect: 'postgres', ...base }));
      // start/end are local DATEs in SQL: compared as the zone's midnights after conversion
      const scale = moneyScale(tx);
      expectSameMetrics(periodMetricsFromRows(d, { timeZone }) as never, js, scale);
      expectSameMetrics(periodMetricsFromRows(p, { timeZone }) as never, js, scale);
    },
  );

  it('reads TIMESTAMPTZ columns as instants whatever the session time zone', async () => {
    // the same instants as timestamptz, read in a Los Angeles (UTC−8/−7) session: a CAST to
    // DATE would move evening purchases to the previous day; epoch arithmetic does not
    // the fixture moved to 02:00 UTC: 18:00 or 19:00 of the previous day in Los Angeles
    const early = ledger.map((t) => ({ ...t, date: new Date(t.date.getTime() - 10 * 3_600_000) }));
    const js = metricsByPeriod(early, { period: 'day' });
    expect(js[0]!.period).toBe('2024-01-05');
    await loadDuckDB(duck.db, early);
    await loadPostgres(pg, early);
    const view =
      "CREATE OR REPLACE VIEW txz AS SELECT customer_id, ts AT TIME ZONE 'UTC' AS ts, amount, order_id, kind FROM tx";
    await duck.db.run(view);
    await pg.exec(view);
    await duck.db.run("SET TimeZone = 'America/Los_Angeles'");
    await pg.exec("SET TimeZone = 'America/Los_Angeles'");
    try {
      const base = { table: 'txz', columns: TX_COLUMNS, period: 'day' as const };
      const scale = moneyScale(ledger);
      expectSameMetrics(
        await runDuckDB(duck.db, metricsByPeriodSql({ dialect: 'duckdb', ...base })),
        js,
        scale,
      );
      expectSameMetrics(
        await runPostgres(pg, metricsByPeriodSql({ dialect: 'postgres', ...base })),
        js,
        scale,
      );
    } finally {
      await duck.db.run("SET TimeZone = 'UTC'");
      await pg.exec("SET TimeZone = 'UTC'");
    }
  });
});
