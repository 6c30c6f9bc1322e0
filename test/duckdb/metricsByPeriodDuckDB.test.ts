import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsByPeriodDuckDB } from '../../src/duckdb/metricsByPeriodDuckDB';
import { CustomerAnalyticsError, InsufficientDataError, InvalidInputError } from '../../src/errors';
import { churnByPeriod } from '../../src/metrics/churnByPeriod';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import type { Transaction } from '../../src/schema/index';
import { ledger } from '../metrics/_fixture';
import { expectClose } from '../sql/metricsCompare';
import { duckdb, loadDuckDB, TX_COLUMNS } from '../sql/metricsEngines';

let duck: Awaited<ReturnType<typeof duckdb>>;
let dir: string;
beforeAll(async () => {
  duck = await duckdb();
  dir = mkdtempSync(join(tmpdir(), 'ca-metrics-duckdb-'));
});
afterAll(() => {
  duck.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The runner's result equals metricsByPeriod's: every field, money to 1e-12 relative. */
function expectSame(
  actual: readonly Record<string, unknown>[],
  js: readonly Record<string, unknown>[],
) {
  expect(actual.map((r) => Object.keys(r))).toEqual(js.map((r) => Object.keys(r)));
  const money = ['revenue', 'grossRevenue', 'averageOrderValue'];
  const strip = (rows: readonly Record<string, unknown>[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !money.includes(k))));
  expect(strip(actual)).toEqual(strip(js));
  js.forEach((m, i) => {
    for (const k of money)
      expectClose(actual[i]![k], m[k] as number | null, Math.abs((m[k] as number) ?? 1), k, 1e-12);
  });
}

async function errorOf(p: Promise<unknown>): Promise<CustomerAnalyticsError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CustomerAnalyticsError);
    return e as CustomerAnalyticsError;
  }
  throw new Error('expected a rejection');
}

const onTable = { table: 'tx', connection: undefined as never };

describe('metricsByPeriodDuckDB', () => {
  it('runs its documented example (a CSV path)', async () => {
    const file = join(dir, 'tx.csv');
    writeFileSync(
      file,
      'customer_id,ts,amount\na,2024-01-05,10\nb,2024-01-20,30\na,2024-03-02,20\n',
    );
    const rows = await metricsByPeriodDuckDB(file, {
      columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
      period: 'month',
    });
    expect(rows.map((m) => [m.period, m.activeCustomers, m.revenue, m.churnRate])).toEqual([
      ['2024-01', 2, 40, null],
      ['2024-02', 0, 0, 1],
      ['2024-03', 1, 20, null],
    ]);
  });

  it("reads a CSV's ids as text and amounts as doubles past the rows DuckDB samples", async () => {
    // 25,000 whole-number ids and amounts, then '0042' (42 as a number) and an amount of 1.5.
    const data: Transaction[] = [];
    for (let i = 1; i <= 25_000; i++)
      data.push({ customerId: String(i), date: new Date('2024-01-02T00:00:00Z'), amount: 1 });
    data.push({ customerId: '0042', date: new Date('2024-02-03T00:00:00Z'), amount: 1.5 });
    data.push({ customerId: '42', date: new Date('2024-02-04T00:00:00Z'), amount: 2 });
    const file = join(dir, 'numeric-ids.csv');
    const lines = data.map(
      (t) => `${t.customerId},${t.date.toISOString().slice(0, 10)},${t.amount}`,
    );
    writeFileSync(file, `customer_id,ts,amount\n${lines.join('\n')}\n`);
    const options = { period: 'month' as const };
    const rows = await metricsByPeriodDuckDB(file, {
      columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
      ...options,
    });
    expectSame(rows as never, metricsByPeriod(data, options) as never);
    expect(rows.map((m) => [m.activeCustomers, m.revenue])).toEqual([
      [25_000, 25_000],
      [2, 3.5],
    ]);
  });

  it('returns exactly what metricsByPeriod returns on the fixture (table on a connection)', async () => {
    await loadDuckDB(duck.db, ledger);
    onTable.connection = duck.db as never;
    for (const period of ['day', 'week', 'month', 'quarter'] as const) {
      for (const inactivityPeriods of [1, 3]) {
        const options = { period, inactivityPeriods };
        const got = await metricsByPeriodDuckDB(onTable, { columns: TX_COLUMNS, ...options });
        expectSame(got as never, metricsByPeriod(ledger, options) as never);
      }
    }
    // explicit range wider than the data: empty leading/trailing periods, as in JS
    const range = {
      period: 'month' as const,
      start: new Date('2023-11-15'),
      end: new Date('2024-06-01'),
    };
    const got = await metricsByPeriodDuckDB(onTable, { columns: TX_COLUMNS, ...range });
    expect(got.map((r) => r.period)).toEqual([
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    expectSame(got as never, metricsByPeriod(ledger, range) as never);
  });

  it('buckets by local calendar days in a time zone, like the JS calendar', async () => {
    // 2024-03-31T23:30Z is April 1 in Berlin (UTC+2 after the DST switch on March 31);
    // 2024-01-31T23:30Z is February 1 there (UTC+1). Period starts are local midnights.
    const tx: Transaction[] = [
      { customerId: 'a', date: new Date('2024-01-31T23:30:00Z'), amount: 10 },
      { customerId: 'b', date: new Date('2024-03-31T23:30:00Z'), amount: 7 },
      { customerId: 'a', date: new Date('2024-03-31T21:30:00Z'), amount: 3 },
      { customerId: 'c', date: new Date('2024-12-29T23:30:00Z'), amount: 1 },
    ];
    await loadDuckDB(duck.db, tx);
    onTable.connection = duck.db as never;
    for (const period of ['day', 'week', 'month', 'quarter'] as const) {
      const options = { period, timeZone: 'Europe/Berlin' };
      const js = metricsByPeriod(tx, options);
      const got = await metricsByPeriodDuckDB(onTable, { columns: TX_COLUMNS, ...options });
      expectSame(got as never, js as never);
    }
    const months = await metricsByPeriodDuckDB(onTable, {
      columns: TX_COLUMNS,
      period: 'month',
      timeZone: 'Europe/Berlin',
    });
    // Feb holds a's 10 (local Feb 1), March a's 3, April b's 7
    expect(months.slice(0, 3).map((m) => [m.period, m.revenue])).toEqual([
      ['2024-02', 10],
      ['2024-03', 3],
      ['2024-04', 7],
    ]);
    expect(months[0]!.start.toISOString()).toBe('2024-01-31T23:00:00.000Z');
  });

  it('throws the typed errors metricsByPeriod throws on the same rows', async () => {
    const good: Transaction = {
      customerId: 'a',
      date: new Date('2024-01-05T00:00:00Z'),
      amount: 10,
    };
    const cases: [string, Transaction[], string][] = [
      [
        'kind return with a positive amount',
        [good, { ...good, kind: 'return', amount: 5 }],
        'sign_mismatch',
      ],
      [
        'purchase with a negative amount',
        [good, { ...good, kind: 'purchase', amount: -5 }],
        'sign_mismatch',
      ],
      ['unknown kind', [good, { ...good, kind: 'gift' as never }], 'invalid_enum'],
      [
        'order id under two customers',
        [
          { ...good, orderId: 'o1' },
          { ...good, customerId: 'b', orderId: 'o1' },
        ],
        'order_customer_mismatch',
      ],
    ];
    onTable.connection = duck.db as never;
    for (const [what, rows, code] of cases) {
      await loadDuckDB(duck.db, rows);
      let jsCode: string | undefined;
      try {
        metricsByPeriod(rows, { period: 'month' });
      } catch (e) {
        jsCode = (e as InvalidInputError).issues[0]!.code;
      }
      const e = await errorOf(
        metricsByPeriodDuckDB(onTable, { columns: TX_COLUMNS, period: 'month' }),
      );
      expect(e, what).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).issues[0]!.code, what).toBe(code);
      expect(jsCode, what).toBe(code);
      expect(e.message, what).toMatch(
        /^metricsByPeriodDuckDB: expected transactions\.\w+ .*\(1 rows\), received/,
      );
    }
  });

  it('reports NULL and non-finite fields instead of dropping the rows', async () => {
    onTable.connection = duck.db as never;
    const q = (sql: string) => duck.db.run(sql);
    const cases: [string, string, RegExp][] = [
      [
        "(NULL, TIMESTAMP '2024-01-05', 1)",
        'invalid_id',
        /customerId to be a non-empty string \(1 rows\), received null/,
      ],
      ["(' ', TIMESTAMP '2024-01-05', 1)", 'invalid_id', /received " "/],
      [
        "('x', NULL, 1)",
        'invalid_date',
        /date to be a valid date \(1 rows\), received null \(customer "x"\)/,
      ],
      ["('x', TIMESTAMP '2024-01-05', NULL)", 'invalid_number', /amount to be a finite number/],
      ["('x', TIMESTAMP '2024-01-05', 'NaN')", 'invalid_number', /received NaN \(customer "x"\)/],
      ["('x', TIMESTAMP '2024-01-05', 'inf')", 'invalid_number', /received Infinity/],
    ];
    for (const [values, code, message] of cases) {
      await q('DROP TABLE IF EXISTS tx');
      await q(
        'CREATE TABLE tx (customer_id VARCHAR, ts TIMESTAMP, amount DOUBLE, order_id VARCHAR, kind VARCHAR)',
      );
      await q(
        `INSERT INTO tx VALUES ('a', TIMESTAMP '2024-01-01', 1, NULL, NULL), (${values.slice(1, -1)}, NULL, NULL)`,
      );
      const e = (await errorOf(
        metricsByPeriodDuckDB(onTable, { columns: TX_COLUMNS, period: 'month' }),
      )) as InvalidInputError;
      expect(e.issues[0]!.code, values).toBe(code);
      expect(e.message, values).toMatch(message);
    }
  });

  it('checks the range like metricsByPeriod: out of range, end before start, no data', async () => {
    await loadDuckDB(duck.db, ledger);
    onTable.connection = duck.db as never;
    const run = (o: object) =>
      metricsByPeriodDuckDB(onTable, { columns: TX_COLUMNS, period: 'month', ...o });
    // the fixture runs Jan 5 – Apr 30 2024: a range ending in March leaves d's April row out
    const out = (await errorOf(run({ end: new Date('2024-03-15') }))) as InvalidInputError;
    expect(out.issues[0]!.code).toBe('out_of_range');
    expect(out.message).toContain(
      '(2024-01 … 2024-03) (1 rows), received "2024-04" (customer "d")',
    );
    expect(() => metricsByPeriod(ledger, { period: 'month', end: new Date('2024-03-15') })).toThrow(
      /out_of_range|inside options.start/,
    );
    // only end, before all data: last < first
    const before = (await errorOf(run({ end: new Date('2023-06-01') }))) as InvalidInputError;
    expect(before.issues[0]!.code).toBe('invalid_range');
    await loadDuckDB(duck.db, []);
    expect(await errorOf(run({}))).toBeInstanceOf(InsufficientDataError);
    // an explicit range over an empty table gives empty periods, as in JS
    const range = { start: new Date('2024-01-01'), end: new Date('2024-02-01') };
    const empty = await run(range);
    expectSame(empty as never, metricsByPeriod([], { period: 'month', ...range }) as never);
    expect(empty.map((r) => [r.period, r.activeCustomers, r.orders])).toEqual([
      ['2024-01', 0, 0],
      ['2024-02', 0, 0],
    ]);
  });

  it('rejects bad options and sources with typed errors naming them', async () => {
    const columns = TX_COLUMNS;
    const bad: [unknown, object, string][] = [
      ['', { columns, period: 'month' }, 'invalid_source'],
      [{ table: 'tx' }, { columns, period: 'year' }, 'invalid_enum'],
      [{ table: 'tx' }, { columns: { ...columns, amount: '' }, period: 'month' }, 'invalid_column'],
      [
        { table: 'tx' },
        { columns: { ...columns, amount: 'x; DROP TABLE tx' }, period: 'month' },
        'invalid_column',
      ],
      [{ table: 'tx' }, { columns, period: 'month', inactivityPeriods: 0 }, 'invalid_count'],
      [
        { table: 'tx' },
        { columns, period: 'month', timeZone: 'Mars/Olympus' },
        'invalid_time_zone',
      ],
      [{ table: 'tx' }, { columns, period: 'month', start: new Date('x') }, 'invalid_date'],
    ];
    for (const [source, options, code] of bad) {
      const e = (await errorOf(
        metricsByPeriodDuckDB(source as never, options as never),
      )) as InvalidInputError;
      expect(e.issues[0]!.code, code).toBe(code);
    }
  });

  it('does not mutate its options', async () => {
    await loadDuckDB(duck.db, ledger);
    const options = {
      columns: { ...TX_COLUMNS },
      period: 'month' as const,
      start: new Date('2024-01-01'),
    };
    const copy = structuredClone(options);
    await metricsByPeriodDuckDB({ table: 'tx', connection: duck.db as never }, options);
    expect(options).toEqual(copy);
  });

  it('leaves no temporary table on the caller connection, also after an error', async () => {
    await loadDuckDB(duck.db, ledger);
    const source = { table: 'tx', connection: duck.db as never };
    await metricsByPeriodDuckDB(source, { columns: TX_COLUMNS, period: 'month' });
    await errorOf(
      metricsByPeriodDuckDB(source, {
        columns: TX_COLUMNS,
        period: 'month',
        end: new Date('2024-01-31'),
      }),
    );
    const left = await duck.db.runAndReadAll(
      "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'ca_period_%'",
    );
    expect(Number(left.getRowObjectsJS()[0]!.n)).toBe(0);
  });

  it('gives churnByPeriod as its rows with a churn rate (as docs/metrics.md says)', async () => {
    await loadDuckDB(duck.db, ledger);
    for (const inactivityPeriods of [1, 2]) {
      const options = { period: 'month' as const, inactivityPeriods };
      const rows = await metricsByPeriodDuckDB(
        { table: 'tx', connection: duck.db as never },
        { columns: TX_COLUMNS, ...options },
      );
      const derived = rows
        .filter((m) => m.churnRate !== null)
        .map((m) => ({
          period: m.period,
          start: m.start,
          customersAtStart: m.customersAtStart,
          customersLost: m.churnedCustomers,
          customersRetained: m.customersAtStart - m.churnedCustomers!,
          churnRate: m.churnRate,
          retentionRate: (m.customersAtStart - m.churnedCustomers!) / m.customersAtStart,
        }));
      expect(derived).toEqual(churnByPeriod(ledger, options));
      expect(derived.length).toBeGreaterThan(0);
    }
  });
});
