import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  summarizeCustomersDuckDB,
  summarizeCustomersDuckDBWithReport,
} from '../../src/duckdb/customers';
import { InvalidInputError } from '../../src/errors';
import type { Transaction } from '../../src/schema/index';
import { toSummaryColumns } from '../../src/summarize/columns';
import { summarizeCustomers, summarizeCustomersWithReport } from '../../src/summarize/customers';
import { closeMoney, expectSameSummaries, TX_COLUMNS, toCsv } from '../sql/_summaryEngines';
import { d, tx } from '../summarize/_tx';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ca-duckdb-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

// The rules of summarizeCustomers in one small log (returns, kind 'return', orders, end day).
const rows: Transaction[] = [
  tx('c1', '2024-01-15', 10, { orderId: 'A' }),
  tx('c1', '2024-01-20', 5, { orderId: 'A' }),
  tx('c1', '2024-02-10', -3),
  tx('c1', '2024-03-05', 8, { orderId: 'B' }),
  tx('c1', '2024-03-06', 2, { kind: 'return', orderId: 'R' }),
  tx('c1', '2024-03-31T23:59:59.999Z', 1),
  tx('c1', '2024-04-01', 4),
  tx('c2', '2023-12-31', 20.5, { orderId: 'X' }), // Sunday: ISO week of Monday 2023-12-25
  tx('c2', '2024-01-01', 1.25, { orderId: 'Y' }),
  tx('c2', '2024-03-31', 3.1),
  tx('r', '2024-01-10', -7),
  tx('z', '2024-04-02', 9),
];
const end = d('2024-03-31T12:00:00Z');

describe('summarizeCustomersDuckDB', () => {
  it('runs its documented example (a CSV file)', async () => {
    const path = file(
      'tx.csv',
      'customer,day,amount\na,1997-01-01,29.33\na,1997-01-18,29.73\na,1997-08-02,14.96\n',
    );
    const out = await summarizeCustomersDuckDB(path, {
      columns: { customerId: 'customer', date: 'day', amount: 'amount' },
      observationEnd: d('1997-09-30'),
      unit: 'week',
      collapse: 'day',
    });
    // Jan 1 = day 0, Aug 2 = day 213, Sep 30 = day 272 of 1997 (Fader–Hardie's CDNOW convention).
    expect(out).toEqual([
      {
        customerId: 'a',
        frequency: 2,
        recency: 213 / 7, // 30.43 in the published summary
        T: 272 / 7, // 38.86
        monetaryValue: (29.73 + 14.96) / 2, // 22.345
        orders: 3,
        totalSpend: 74.02, // DuckDB's compensated fsum: exactly the cents, as the JS path
        firstPurchase: d('1997-01-01'),
        lastPurchase: d('1997-08-02'),
        daysSinceLastPurchase: 59,
      },
    ]);
  });

  it('reads CSV, gzip CSV, Parquet and tables alike, equal to summarizeCustomers', async () => {
    const csv = file('rules.csv', toCsv(rows));
    const gz = file('rules.csv.gz', gzipSync(toCsv(rows)));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run("SET TimeZone = 'UTC'");
      await connection.run(`CREATE TABLE tx AS SELECT * FROM read_csv('${csv}')`);
      const parquet = join(dir, 'rules.parquet');
      await connection.run(`COPY tx TO '${parquet}' (FORMAT parquet)`);
      const sources = [
        csv,
        gz,
        parquet,
        { table: 'tx', connection },
        { table: 'main.tx', connection },
        { table: '(SELECT * FROM tx)', connection },
      ];
      for (const unit of ['day', 'week', 'month'] as const)
        for (const collapse of ['period', 'day'] as const) {
          const js = summarizeCustomers(rows, { observationEnd: end, unit, collapse });
          for (const source of sources) {
            const got = await summarizeCustomersDuckDB(source, {
              columns: TX_COLUMNS,
              observationEnd: end,
              unit,
              collapse,
            });
            expectSameSummaries(got, js);
          }
        }
      // The caller's connection stays open and usable.
      expect((await connection.runAndReadAll('SELECT 1 AS x')).getRowObjectsJS()).toEqual([
        { x: 1 },
      ]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it("returns Float64Array columns with as: 'columns', equal to toSummaryColumns of the rows", async () => {
    const csv = file('cols.csv', toCsv(rows));
    const options = { columns: TX_COLUMNS, observationEnd: end, unit: 'week' as const };
    const got = await summarizeCustomersDuckDB(csv, { ...options, as: 'columns' });
    const want = toSummaryColumns(summarizeCustomers(rows, options));
    expect(got.customerId).toEqual(want.customerId);
    expect(got.frequency).toBeInstanceOf(Float64Array);
    expect(got.frequency).toEqual(want.frequency);
    expect(got.recency).toEqual(want.recency);
    expect(got.T).toEqual(want.T);
    const off = [...got.monetaryValue].filter(
      (m, i) => !closeMoney(m, want.monetaryValue[i] as number),
    );
    expect(off).toEqual([]);
  });

  it('sorts customer ids in JS order (UTF-16), like summarizeCustomers', async () => {
    // U+FF21 (fullwidth A) sorts after U+1F600 (an emoji) in UTF-8 bytes, before it in UTF-16.
    const ids = ['\uFF21', '\u{1F600}', 'b', 'B'];
    const data = ids.map((id, i) => tx(id, `2024-01-0${i + 1}`, 1));
    const csv = file('ids.csv', toCsv(data));
    const got = await summarizeCustomersDuckDB(csv, {
      columns: TX_COLUMNS,
      observationEnd: end,
      unit: 'day',
    });
    expect(got.map((s) => s.customerId)).toEqual(['B', 'b', '\u{1F600}', '\uFF21']);
    expect(got.map((s) => s.customerId)).toEqual(
      summarizeCustomers(data, { observationEnd: end, unit: 'day' }).map((s) => s.customerId),
    );
  });

  it('reads id columns of a CSV as text and amounts as doubles, whatever rows DuckDB samples', async () => {
    // 25,000 numeric ids first (DuckDB's sniffer samples about 20,000 rows), then ids that are
    // not numbers or lose their leading zeros as numbers; order ids likewise.
    const data: Transaction[] = [];
    for (let i = 1; i <= 25_000; i++)
      data.push(tx(String(i), '2024-01-02', 1, { orderId: String(i) }));
    data.push(tx('0042', '2024-01-03', 2, { orderId: '007' }));
    data.push(tx('42', '2024-01-04', 3, { orderId: '7' }));
    data.push(tx('A17', '2024-01-05', 4, { orderId: 'X-1' }));
    // …and a fractional amount after 25,000 whole ones (detected as BIGINT, 1.5 would become 2).
    data.push(tx('42', '2024-01-06', 1.5));
    const text = ['customer_id,ts,amount,order_id'];
    for (const t of data)
      text.push(
        `${t.customerId},${t.date.toISOString().slice(0, 10)},${t.amount},${t.orderId ?? ''}`,
      );
    const path = file('numeric-ids.csv', `${text.join('\n')}\n`);
    const columns = {
      customerId: 'customer_id',
      date: 'ts',
      amount: 'amount',
      orderId: 'order_id',
    };
    const options = { observationEnd: end, unit: 'day' as const };
    const want = summarizeCustomers(data, options);
    const got = await summarizeCustomersDuckDB(path, { ...options, columns });
    expectSameSummaries(got, want);
    const ids = new Set(got.map((s) => s.customerId));
    expect(['0042', '42', 'A17'].filter((id) => ids.has(id))).toEqual(['0042', '42', 'A17']);
    // The caller's own types win, matched in any letter case (DuckDB's names are case-blind).
    const typed = await summarizeCustomersDuckDB(path, {
      ...options,
      columns: { ...columns, customerId: 'Customer_ID' },
      csv: { types: { CUSTOMER_ID: 'VARCHAR', ORDER_ID: 'VARCHAR', Amount: 'DOUBLE' } },
    });
    expectSameSummaries(typed, want);
  });

  it('rejects bad options with InvalidInputError naming the field and value', async () => {
    const ok = { columns: TX_COLUMNS, observationEnd: end, unit: 'day' as const };
    const cases: [unknown, unknown, RegExp][] = [
      [
        '',
        ok,
        /summarizeCustomersDuckDB: expected source to be a file path or \{ table \}, received ""/,
      ],
      [{ tbl: 'x' }, ok, /expected source to be a file path or \{ table \}, received object/],
      [
        'x.csv',
        { ...ok, csv: { delimiter: 3 } },
        /expected csv.delimiter to be a non-empty string, received 3/,
      ],
      [
        'x.csv',
        { ...ok, csv: { types: { a: 'INT; DROP' } } },
        /expected csv.types.a to be a DuckDB type name/,
      ],
      [
        'x.csv',
        { ...ok, timeZone: 'Asia/Shanghai' },
        /expected timeZone to be 'UTC' or undefined \(DuckDB path\), received "Asia\/Shanghai"/,
      ],
      ['x.csv', { ...ok, as: 'arrow' }, /expected as to be 'rows' or 'columns', received "arrow"/],
      [
        'x.csv',
        { ...ok, columns: { date: 'd', amount: 'a' } },
        /expected columns.customerId to be a column name or SQL expression, received undefined/,
      ],
      ['x.csv', { ...ok, unit: 'year' }, /expected unit to be one of/],
      [
        'x.csv',
        { ...ok, observationEnd: '2024-01-01' },
        /expected observationEnd to be a valid Date, received "2024-01-01"/,
      ],
      [
        { table: 't', connection: {} },
        ok,
        /expected source.connection to be a @duckdb\/node-api connection/,
      ],
    ];
    for (const [source, options, message] of cases) {
      const error = await summarizeCustomersDuckDB(source as string, options as typeof ok).catch(
        (e: unknown) => e,
      );
      expect(error, String(message)).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).code).toBe('INVALID_INPUT');
      expect((error as Error).message).toMatch(message);
    }
  });

  it("accepts timeZone 'UTC' (the only zone of this path) with the same result", async () => {
    const csv = file('utc.csv', toCsv(rows));
    const options = { columns: TX_COLUMNS, observationEnd: end, unit: 'month' as const };
    const utc = await summarizeCustomersDuckDB(csv, { ...options, timeZone: 'UTC' });
    expectSameSummaries(utc, summarizeCustomers(rows, { ...options, timeZone: 'UTC' }));
  });

  it("lets DuckDB's own errors through (a missing file)", async () => {
    await expect(
      summarizeCustomersDuckDB(join(dir, 'missing.csv'), {
        columns: TX_COLUMNS,
        observationEnd: end,
        unit: 'day',
      }),
    ).rejects.toThrow(/No files found|does not exist/);
  });

  it('does not mutate its options', async () => {
    const csv = file('mut.csv', toCsv(rows));
    const options = {
      columns: { ...TX_COLUMNS },
      observationEnd: new Date(end),
      unit: 'month' as const,
      csv: { header: true },
    };
    const copy = structuredClone(options);
    await summarizeCustomersDuckDB(csv, options);
    expect(options).toEqual(copy);
  });
});

describe('summarizeCustomersDuckDBWithReport', () => {
  it('runs its documented example (NULL customer counted, returns-only and late rows reported)', async () => {
    const path = file(
      'report.csv',
      'customer,day,amount\na,2024-01-01,10\nb,2024-01-02,-5\na,2024-02-01,7\n,2024-01-03,4\n',
    );
    const r = await summarizeCustomersDuckDBWithReport(path, {
      columns: { customerId: 'customer', date: 'day', amount: 'amount' },
      observationEnd: d('2024-01-31'),
      unit: 'day',
    });
    expect(r.customers.map((c) => [c.customerId, c.frequency, c.totalSpend])).toEqual([
      ['a', 0, 10],
    ]);
    expect(r.returnsOnly).toEqual([{ customerId: 'b', returns: 1, amount: -5 }]);
    expect(r.excludedAfterEnd).toBe(1);
    expect(r.customersOnlyAfterEnd).toEqual([]);
    expect(r.rowsRead).toBe(4);
    expect(r.excludedMissing).toEqual({ rows: 1, customerId: 1, date: 0, amount: 0 });
  });

  it('equals summarizeCustomersWithReport and reconciles every row', async () => {
    const csv = file('rep.csv', `${toCsv(rows)}"c3",,1,,\n"c3",2024-01-01 00:00:00.000,,,\n`);
    const options = { observationEnd: end, unit: 'week' as const };
    const r = await summarizeCustomersDuckDBWithReport(csv, { ...options, columns: TX_COLUMNS });
    const js = summarizeCustomersWithReport(rows, options);
    expectSameSummaries(r.customers, js.customers);
    expect(r.returnsOnly).toEqual(js.returnsOnly); // [{ r, 1, −7 }]
    expect(r.excludedAfterEnd).toBe(js.excludedAfterEnd); // c1's Apr 1 row and z's row
    expect(r.customersOnlyAfterEnd).toEqual(js.customersOnlyAfterEnd); // ['z']
    expect(r.excludedMissing).toEqual({ rows: 2, customerId: 0, date: 1, amount: 1 });
    expect(r.rowsRead).toBe(rows.length + 2);
  });
});
