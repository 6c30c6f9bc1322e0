/**
 * Test helper: loads transactions into a real DuckDB (in memory) and a real PostgreSQL (PGlite,
 * WASM) so the generated period SQL can be executed and compared with the JS functions.
 * Table `tx(customer_id, ts, amount, order_id, kind)`: ts is a TIMESTAMP (UTC wall time).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '../../src/schema/index';

/** The column mapping of table `tx`. */
export const TX_COLUMNS = {
  customerId: 'customer_id',
  date: 'ts',
  amount: 'amount',
  orderId: 'order_id',
  kind: 'kind',
} as const;

const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV text (no header) of the rows; empty fields are NULL. */
export function toCsv(rows: readonly Transaction[]): string {
  const out: string[] = [];
  for (const t of rows) {
    const ts = t.date.toISOString().replace('T', ' ').replace('Z', '');
    out.push(
      [quote(t.customerId), ts, String(t.amount), quote(t.orderId ?? ''), t.kind ?? ''].join(','),
    );
  }
  return `${out.join('\n')}\n`;
}

const DDL = (text: string, dbl: string) =>
  `CREATE TABLE tx (customer_id ${text}, ts TIMESTAMP, amount ${dbl}, order_id ${text}, kind ${text})`;

/** An in-memory DuckDB database (time zone UTC). */
export async function duckdb(): Promise<{ db: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
  return {
    db,
    close: () => {
      db.closeSync();
      instance.closeSync();
    },
  };
}

/** (Re)creates table `tx` in DuckDB with the rows (through a temporary CSV file). */
export async function loadDuckDB(db: DuckDBConnection, rows: readonly Transaction[]) {
  await db.run('DROP TABLE IF EXISTS tx');
  await db.run(DDL('VARCHAR', 'DOUBLE'));
  if (rows.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'ca-period-'));
  try {
    const file = join(dir, 'tx.csv');
    writeFileSync(file, toCsv(rows));
    await db.run(
      `INSERT INTO tx SELECT * FROM read_csv('${file}', header = false, quote = '"', escape = '"',
        columns = {'customer_id': 'VARCHAR', 'ts': 'TIMESTAMP', 'amount': 'DOUBLE', 'order_id': 'VARCHAR', 'kind': 'VARCHAR'})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (Re)creates table `tx` in PostgreSQL with the rows (COPY from a blob). */
export async function loadPostgres(pg: PGlite, rows: readonly Transaction[]) {
  await pg.exec(`DROP TABLE IF EXISTS tx; ${DDL('TEXT', 'DOUBLE PRECISION')};`);
  if (rows.length === 0) return;
  await pg.query("COPY tx FROM '/dev/blob' WITH (FORMAT csv, NULL '')", [], {
    blob: new Blob([toCsv(rows)]),
  });
}

/** Runs SQL in DuckDB; BIGINT/HUGEINT → number, DATE → Date. */
export async function runDuckDB(db: DuckDBConnection, sql: string) {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS().map(plain);
}

/** Runs SQL in PostgreSQL; numeric strings → number. */
export async function runPostgres(pg: PGlite, sql: string) {
  const res = await pg.query<Record<string, unknown>>(sql);
  return res.rows.map(plain);
}

function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'bigint' ? Number(v) : v;
  }
  return out;
}

export { PGlite };
