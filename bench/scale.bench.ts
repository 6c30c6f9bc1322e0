/**
 * Scale (issue 7): the per-customer summary of synthetic transaction logs of 1M and 10M rows
 * (bench/generate.ts, seed 7: BG/NBD + Gamma-Gamma customers, date-ordered, 1 % same-day
 * returns), by
 * - the streaming JS path: `streamTransactions(path).batches()` into
 *   `summarizeCustomers(batches, { order: 'date' })`, and the loader alone for the split;
 * - the DuckDB path: `summarizeCustomersDuckDB(path, { columns, … })`;
 * - pandas (bench/peers/pandas_summary.py, Debian's python3-pandas) doing the same groupby;
 * then a BG/NBD fit on the resulting summaries' columns.
 *
 * All three summaries use collapse 'day', unit 'week' and observationEnd = the file's last day.
 * Each summary case records a checksum (customers, Σ frequency, Σ recency and T in days,
 * Σ orders, Σ monetary value, Σ total spend) next to the cached file, and its note says whether
 * it agrees with the others' (a peer doing different work is no comparison).
 *
 * Sizes: BENCH_SCALE_ROWS (comma-separated, default `1000000,10000000`).
 * Targets (docs/performance.md): JS 10M ≤ 1.0× pandas with peak RSS < 1.5 GB; DuckDB ≤ 1/3 of
 * pandas.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { summarizeCustomersDuckDB } from '../src/duckdb';
import { streamTransactions } from '../src/load/node';
import { bgNbd } from '../src/models/bgNbd';
import { type CustomerSummary, summarizeCustomers } from '../src/summarize/index';
import { defineBench, type RunOutput } from './_lib';
import { pythonSkip, runPythonJson } from './_shared';
import { cachedTransactionsCsv, type GeneratedCsv } from './generate';

const SEED = 7;
const UNIT = 'week';
const DAYS_PER_UNIT = 7;
const COLUMNS = { customerId: 'customer_id', date: 'date', amount: 'amount' } as const;
const sizes = (process.env.BENCH_SCALE_ROWS ?? '1000000,10000000').split(',').map(Number);
const PANDAS = new URL('./peers/pandas_summary.py', import.meta.url).pathname;

interface Checksum {
  customers: number;
  frequency: number;
  recencyDays: number;
  TDays: number;
  orders: number;
  monetaryValue: number;
  totalSpend: number;
}
type Engine = 'pandas' | 'js' | 'duckdb';

/**
 * DuckDB is an optional peer: without it the DuckDB cases are skipped, not failed. Resolved, not
 * imported: loading its native library into every case's process slowed the JS cases ~2×.
 */
let duckdbMissing: string | undefined;
try {
  createRequire(import.meta.url).resolve('@duckdb/node-api');
} catch {
  duckdbMissing = '@duckdb/node-api not installed (optional peer of customer-analytics/duckdb)';
}

const label = (rows: number) => (rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`);
const file = (rows: number) => cachedTransactionsCsv({ rows, seed: SEED });
const endOf = (g: GeneratedCsv) => new Date(`${g.observationEnd}T00:00:00Z`);

function checksumOf(rows: readonly CustomerSummary[]): Checksum {
  const c: Checksum = {
    customers: rows.length,
    frequency: 0,
    recencyDays: 0,
    TDays: 0,
    orders: 0,
    monetaryValue: 0,
    totalSpend: 0,
  };
  for (const s of rows) {
    c.frequency += s.frequency;
    c.recencyDays += Math.round(s.recency * DAYS_PER_UNIT);
    c.TDays += Math.round(s.T * DAYS_PER_UNIT);
    c.orders += s.orders;
    c.monetaryValue += s.monetaryValue;
    c.totalSpend += s.totalSpend;
  }
  return c;
}

/** Differences between two checksums: integers exactly, money sums to 1e-9 relative. */
function differences(a: Checksum, b: Checksum): string[] {
  const out: string[] = [];
  for (const k of Object.keys(a) as (keyof Checksum)[]) {
    const ok =
      k === 'monetaryValue' || k === 'totalSpend'
        ? Math.abs(a[k] - b[k]) <= 1e-9 * Math.max(1, Math.abs(a[k]))
        : a[k] === b[k];
    if (!ok) out.push(`${k} ${a[k]} vs ${b[k]}`);
  }
  return out;
}

/** Saves this engine's checksum and compares it with the other engines' of this run. */
function agreement(g: GeneratedCsv, engine: Engine, c: Checksum): string {
  // Named by run, so concurrent runs on the shared cached file never compare with each other.
  const run = (process.env.BENCH_RUN_ID ?? `pid-${process.pid}`).replace(/[^\w-]/g, '');
  const saved = (e: Engine) => `${g.path}.${run}.${e}.checksum.json`;
  writeFileSync(saved(engine), JSON.stringify(c));
  const parts = [
    `${c.customers.toLocaleString('en-US')} customers, Σx ${c.frequency}, ΣT ${c.TDays} d`,
  ];
  for (const other of ['pandas', 'js', 'duckdb'] as const) {
    if (other === engine || !existsSync(saved(other))) continue;
    const diff = differences(c, JSON.parse(readFileSync(saved(other), 'utf8')) as Checksum);
    parts.push(diff.length === 0 ? `= ${other}` : `DIFFERS from ${other}: ${diff.join('; ')}`);
  }
  return parts.join(', ');
}

/** Compares a columns summary's sums with this run's pandas checksum (fields columns carry). */
function columnsAgreement(g: GeneratedCsv, c: Omit<Checksum, 'orders' | 'totalSpend'>): string {
  const run = (process.env.BENCH_RUN_ID ?? `pid-${process.pid}`).replace(/[^\w-]/g, '');
  const path = `${g.path}.${run}.pandas.checksum.json`;
  const head = `${c.customers.toLocaleString('en-US')} customers, Σx ${c.frequency}, ΣT ${c.TDays} d`;
  if (!existsSync(path)) return head;
  const p = JSON.parse(readFileSync(path, 'utf8')) as Checksum;
  const diff = differences({ ...c, orders: 0, totalSpend: 0 }, { ...p, orders: 0, totalSpend: 0 });
  return diff.length === 0
    ? `${head}, = pandas`
    : `${head}, DIFFERS from pandas: ${diff.join('; ')}`;
}

function cases(rows: number) {
  const n = label(rows);
  const pandasName = `pandas summary ${n} rows`;
  let g: GeneratedCsv;
  const setup = async () => {
    g = await file(rows);
  };
  return [
    {
      name: `generate ${n}-row CSV (seed ${SEED})`,
      run: async (): Promise<RunOutput> => {
        const got = await file(rows);
        return {
          rows: got.rows,
          seconds: got.seconds,
          note: `${got.customers.toLocaleString('en-US')} customers, ${got.returns} returns, ${got.firstDate} … ${got.lastDate}${got.cached ? ' (cached file; seconds of its generation)' : ''}`,
        };
      },
    },
    {
      name: pandasName,
      skip: pythonSkip(['pandas']),
      setup,
      run: (): RunOutput => {
        const out = runPythonJson(PANDAS, [g.path, g.observationEnd, UNIT]);
        return {
          rows: g.rows,
          seconds: out.seconds as number,
          cpuSeconds: out.cpuSeconds as number,
          peakRssMB: out.peakRssMB as number,
          note: agreement(g, 'pandas', out.checksum as Checksum),
        };
      },
    },
    {
      name: `JS streaming summary ${n} rows`,
      peer: pandasName,
      setup,
      run: async (): Promise<RunOutput> => {
        const stream = streamTransactions(g.path, { columns: COLUMNS });
        const summaries = await summarizeCustomers(stream.batches(), {
          observationEnd: endOf(g),
          unit: UNIT,
          collapse: 'day',
          order: 'date',
        });
        const { read, rejected } = stream.stats;
        if (read !== g.rows || rejected !== 0) {
          throw new Error(`expected ${g.rows} rows read, 0 rejected; got ${read}, ${rejected}`);
        }
        return { rows: read, note: agreement(g, 'js', checksumOf(summaries)) };
      },
    },
    {
      // The loader alone (same stream, rows counted, no summary): how the JS time splits.
      name: `JS streaming load only ${n} rows`,
      setup,
      run: async (): Promise<RunOutput> => {
        const stream = streamTransactions(g.path, { columns: COLUMNS });
        let count = 0;
        for await (const batch of stream.batches()) count += batch.length;
        if (count !== g.rows) throw new Error(`expected ${g.rows} records, got ${count}`);
        return { rows: count, note: 'streamTransactions(path).batches(), records counted' };
      },
    },
    {
      name: `DuckDB summary ${n} rows`,
      peer: pandasName,
      skip: duckdbMissing,
      setup,
      run: async (): Promise<RunOutput> => {
        const summaries = await summarizeCustomersDuckDB(g.path, {
          columns: COLUMNS,
          observationEnd: endOf(g),
          unit: UNIT,
          collapse: 'day',
        });
        return { rows: g.rows, note: agreement(g, 'duckdb', checksumOf(summaries)) };
      },
    },
    {
      name: `DuckDB summary ${n} rows, as columns`,
      peer: pandasName,
      skip: duckdbMissing,
      setup,
      run: async (): Promise<RunOutput> => {
        const c = await summarizeCustomersDuckDB(g.path, {
          columns: COLUMNS,
          observationEnd: endOf(g),
          unit: UNIT,
          collapse: 'day',
          as: 'columns',
        });
        // Columns carry no orders or total spend: compare the fields they have with pandas'.
        const sum = (a: Float64Array, scale = 1) =>
          a.reduce((t, v) => t + Math.round(v * scale), 0);
        const mine = {
          customers: c.frequency.length,
          frequency: sum(c.frequency),
          recencyDays: sum(c.recency, DAYS_PER_UNIT),
          TDays: sum(c.T, DAYS_PER_UNIT),
          monetaryValue: c.monetaryValue.reduce((t, v) => t + v, 0),
        };
        return { rows: g.rows, note: columnsAgreement(g, mine) };
      },
    },
    bgNbdFit(rows, n),
  ];
}

/**
 * BG/NBD on the summaries' columns (computed in setup, by DuckDB when installed, else JS; the
 * peak RSS includes that setup).
 */
function bgNbdFit(rows: number, n: string) {
  let columns: { frequency: Float64Array; recency: Float64Array; T: Float64Array };
  return {
    name: `BG/NBD fit on the ${n}-row summaries`,
    setup: async () => {
      const g = await file(rows);
      const options = { observationEnd: endOf(g), unit: UNIT, collapse: 'day' } as const;
      if (duckdbMissing === undefined) {
        // as: 'columns' returns Float64Arrays: no million row objects in this process.
        columns = await summarizeCustomersDuckDB(g.path, {
          ...options,
          columns: COLUMNS,
          as: 'columns',
        });
      } else {
        const summaries = await summarizeCustomers(
          streamTransactions(g.path, { columns: COLUMNS }).batches(),
          options,
        );
        columns = {
          frequency: Float64Array.from(summaries, (s) => s.frequency),
          recency: Float64Array.from(summaries, (s) => s.recency),
          T: Float64Array.from(summaries, (s) => s.T),
        };
      }
    },
    run: (): RunOutput => {
      const fit = bgNbd.fit(columns);
      const p = fit.params;
      return {
        rows: fit.n,
        note: `${fit.n.toLocaleString('en-US')} customers; r ${p.r.toFixed(3)}, α ${p.alpha.toFixed(3)}, a ${p.a.toFixed(3)}, b ${p.b.toFixed(3)}; ${fit.iterations} iterations, converged ${fit.converged}`,
      };
    },
  };
}

await defineBench(sizes.flatMap(cases));
