/**
 * Test engines for the summary SQL: a DuckDB in-memory database and a PGlite (PostgreSQL 18 in
 * WASM) database, each loaded with the same transactions (table `tx`: customer_id, ts, amount,
 * order_id, kind), and the row-for-row comparison with summarizeCustomers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { expect } from 'vitest';
import type { Transaction } from '../../src/schema/index';
import type { SummarySqlColumns } from '../../src/sql/summary';
import type { CustomerSummary } from '../../src/summarize/customers';

/** The column mapping of table `tx`. */
export const TX_COLUMNS: SummarySqlColumns = {
  customerId: 'customer_id',
  date: 'ts',
  amount: 'amount',
  orderId: 'order_id',
  kind: 'kind',
};

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** `YYYY-MM-DD HH:MM:SS.mmm` of the instant, in UTC (a timestamp without time zone). */
export const utcWallTime = (d: Date) => d.toISOString().slice(0, 23).replace('T', ' ');

/** Transactions as CSV (header; strings quoted; an absent orderId/kind is an empty, NULL field). */
export function toCsv(rows: readonly Transaction[]): string {
  const lines = ['customer_id,ts,amount,order_id,kind'];
  for (const t of rows)
    lines.push(
      [
        quote(t.customerId),
        utcWallTime(t.date),
        // String() round-trips a double exactly (shortest representation), including 1e-7.
        String(t.amount),
        t.orderId === undefined ? '' : quote(t.orderId),
        t.kind ?? '',
      ].join(','),
    );
  return `${lines.join('\n')}\n`;
}

const DDL =
  'customer_id VARCHAR, ts TIMESTAMP, amount DOUBLE PRECISION, order_id VARCHAR, kind VARCHAR';

/** An in-memory DuckDB with table `tx` holding `rows` (loaded from a temporary CSV). */
export async function duckdbWith(rows: readonly Transaction[]) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const dir = mkdtempSync(join(tmpdir(), 'ca-sql-'));
  const file = join(dir, 'tx.csv');
  writeFileSync(file, toCsv(rows));
  await connection.run(`CREATE TABLE tx (${DDL.replace('DOUBLE PRECISION', 'DOUBLE')})`);
  await connection.run(
    `INSERT INTO tx SELECT * FROM read_csv('${file}', header = true, quote = '"', escape = '"',
      columns = {'customer_id': 'VARCHAR', 'ts': 'TIMESTAMP', 'amount': 'DOUBLE', 'order_id': 'VARCHAR', 'kind': 'VARCHAR'})`,
  );
  rmSync(dir, { recursive: true, force: true });
  return {
    connection,
    async query(sql: string): Promise<Record<string, unknown>[]> {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS();
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A PGlite database (PostgreSQL) with table `tx`; `load` replaces its rows (COPY from a blob). */
export async function pglite() {
  const pg = new PGlite();
  await pg.exec(`CREATE TABLE tx (${DDL})`);
  return {
    pg,
    async load(rows: readonly Transaction[]) {
      await pg.exec('TRUNCATE tx');
      await pg.query(`COPY tx FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], {
        blob: new Blob([toCsv(rows)]),
      });
    },
    async query(sql: string): Promise<Record<string, unknown>[]> {
      return (await pg.query<Record<string, unknown>>(sql)).rows;
    },
    close: () => pg.close(),
  };
}

/** Rows of an engine as CustomerSummary (numbers as numbers, instants as Dates). */
export function asSummaries(rows: readonly Record<string, unknown>[]): CustomerSummary[] {
  return rows.map((r) => ({
    customerId: r.customerId as string,
    frequency: Number(r.frequency),
    recency: Number(r.recency),
    T: Number(r.T),
    monetaryValue: Number(r.monetaryValue),
    orders: Number(r.orders),
    totalSpend: Number(r.totalSpend),
    firstPurchase: r.firstPurchase as Date,
    lastPurchase: r.lastPurchase as Date,
    daysSinceLastPurchase: Number(r.daysSinceLastPurchase),
  }));
}

/** |a − b| ≤ 1e-9 · max(1, |b|): 1e-9 relative, absolute below one currency unit. */
export function closeMoney(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * Asserts row-for-row equality with the JS summaries: same customers in the same order;
 * frequency, recency, T, orders, daysSinceLastPurchase and the instants exactly; monetaryValue
 * and totalSpend to 1e-9 relative (SQL sums in another order than the compensated JS sum).
 */
export function expectSameSummaries(
  actual: readonly CustomerSummary[],
  expected: readonly CustomerSummary[],
): void {
  expect(actual.map((s) => s.customerId)).toEqual(expected.map((s) => s.customerId));
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as CustomerSummary;
    const e = expected[i] as CustomerSummary;
    const exact =
      a.frequency === e.frequency &&
      a.recency === e.recency &&
      a.T === e.T &&
      a.orders === e.orders &&
      a.daysSinceLastPurchase === e.daysSinceLastPurchase &&
      a.firstPurchase.getTime() === e.firstPurchase.getTime() &&
      a.lastPurchase.getTime() === e.lastPurchase.getTime();
    if (
      !exact ||
      !closeMoney(a.monetaryValue, e.monetaryValue) ||
      !closeMoney(a.totalSpend, e.totalSpend)
    )
      bad.push(`${e.customerId}: got ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`);
    if (bad.length >= 5) break;
  }
  expect(bad).toEqual([]);
}
