/**
 * Load throughput and peak memory on a synthetic 1M-row CSV and the two biggest shared
 * transaction files, each against a baseline that only parses the text with csv-parse (no
 * mapping, coercion or validation): since our own tokenizer replaced csv-parse, a speed-up
 * above 1× means the whole load (parse, map, validate, account) beats parsing alone. Cases are
 * skipped when ../shared/data is missing; the 10M-row case runs with BENCH_LOAD_10M=1.
 */
import { appendFileSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { loadTransactions, streamTransactions } from '../src/load/node';
import { defineBench } from './_lib';
import { sharedData } from './_shared';

const cdnow = sharedData('cdnow/CDNOW_master.txt');
const retail = sharedData('online-retail/online-retail-line-items.csv.gz');
const missing = (p: string | undefined, name: string) =>
  p === undefined ? `../shared/data/${name} not found` : undefined;

const CDNOW_OPTIONS = {
  columns: { customerId: 'customer_id', amount: 'dollar_value', quantity: 'number_of_cds' },
  dateFormat: 'yyyyMMdd',
} as const;
const RETAIL_OPTIONS = {
  columns: {
    customerId: 'CustomerID',
    date: 'InvoiceDate',
    orderId: 'InvoiceNo',
    productId: 'StockCode',
    quantity: 'Quantity',
    amount: (r: Record<string, unknown>) => Number(r.Quantity) * Number(r.UnitPrice),
  },
  normalizeId: 'numeric',
} as const;

// A synthetic 1M-row CSV (written once in setup, ~30 MB): streaming it must not hold the text.
const MILLION = 1_000_000;
let synthetic = '';
const TEN_MILLION = process.env.BENCH_LOAD_10M === '1';
function writeSynthetic(rows = MILLION): void {
  const dir = mkdtempSync(join(tmpdir(), 'ca-bench-'));
  synthetic = join(dir, `${rows}.csv`);
  // Written in chunks of 10,000 rows so that setup itself stays small in memory (peak RSS is
  // measured over the whole process).
  writeFileSync(synthetic, 'customerId,date,amount\n');
  for (let start = 0; start < rows; start += 10_000) {
    const parts: string[] = [];
    for (let i = start; i < start + 10_000; i++) {
      // 50,000 customers, dates in 2023, amounts with cents; every 1000th amount is bad.
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + (i % 12)).padStart(2, '0');
      const amount = i % 1000 === 0 ? 'n/a' : ((i % 9973) / 100).toFixed(2);
      parts.push(`c${i % 50_000},2023-${month}-${day},${amount}\n`);
    }
    appendFileSync(synthetic, parts.join(''));
  }
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}

await defineBench([
  {
    name: 'synthetic 1M-row CSV: csv-parse only (baseline)',
    setup: writeSynthetic,
    run: async () => {
      let rows = -1;
      for await (const _ of createReadStream(synthetic).pipe(parse())) rows++;
      return { rows };
    },
  },
  {
    name: 'synthetic 1M-row CSV: streamTransactions, aggregate only',
    setup: writeSynthetic,
    baseline: 'synthetic 1M-row CSV: csv-parse only (baseline)',
    run: async () => {
      const stream = streamTransactions(synthetic);
      let total = 0;
      for await (const t of stream) total += t.amount;
      return {
        rows: stream.stats.read,
        note: `rejected ${stream.stats.rejected}, total ${total.toFixed(2)}`,
      };
    },
  },
  {
    name: 'synthetic 1M-row CSV: streamTransactions via batches(), aggregate only',
    setup: writeSynthetic,
    baseline: 'synthetic 1M-row CSV: csv-parse only (baseline)',
    run: async () => {
      const stream = streamTransactions(synthetic);
      let total = 0;
      for await (const batch of stream.batches()) for (const t of batch) total += t.amount;
      return {
        rows: stream.stats.read,
        note: `rejected ${stream.stats.rejected}, total ${total.toFixed(2)}`,
      };
    },
  },
  {
    name: 'synthetic 10M-row CSV: streamTransactions via batches(), aggregate only',
    skip: TEN_MILLION ? undefined : 'set BENCH_LOAD_10M=1 (writes a 240 MB file first)',
    setup: () => writeSynthetic(10 * MILLION),
    run: async () => {
      const stream = streamTransactions(synthetic);
      let total = 0;
      for await (const batch of stream.batches()) for (const t of batch) total += t.amount;
      return {
        rows: stream.stats.read,
        note: `rejected ${stream.stats.rejected}, total ${total.toFixed(2)}`,
      };
    },
  },
  {
    name: 'CDNOW_master: split lines only (baseline)',
    skip: missing(cdnow, 'cdnow/CDNOW_master.txt'),
    run: async () => {
      let rows = -1; // header
      let rest = '';
      for await (const chunk of createReadStream(cdnow!, { encoding: 'utf8' })) {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop()!;
        for (const l of lines) if (l.trim().split(/\s+/).length > 1) rows++;
      }
      if (rest.trim() !== '') rows++;
      return { rows };
    },
    repeat: 3,
  },
  {
    name: 'CDNOW_master: loadTransactions (69,659 rows)',
    skip: missing(cdnow, 'cdnow/CDNOW_master.txt'),
    baseline: 'CDNOW_master: split lines only (baseline)',
    run: async () => {
      const r = await loadTransactions(cdnow!, CDNOW_OPTIONS);
      return { rows: r.stats.read, note: `accepted ${r.stats.accepted}` };
    },
    repeat: 3,
  },
  {
    name: 'Online Retail: gunzip + csv-parse only (baseline)',
    skip: missing(retail, 'online-retail/online-retail-line-items.csv.gz'),
    run: async () => {
      let rows = -1; // header
      const parser = createReadStream(retail!).pipe(createGunzip()).pipe(parse());
      for await (const _ of parser) rows++;
      return { rows };
    },
  },
  {
    name: 'Online Retail: streamTransactions, aggregate only (541,909 rows)',
    skip: missing(retail, 'online-retail/online-retail-line-items.csv.gz'),
    baseline: 'Online Retail: gunzip + csv-parse only (baseline)',
    run: async () => {
      const stream = streamTransactions(retail!, RETAIL_OPTIONS);
      let revenue = 0;
      for await (const t of stream) revenue += t.amount;
      return {
        rows: stream.stats.read,
        note: `rejected ${stream.stats.rejected}, revenue ${revenue.toFixed(2)}`,
      };
    },
  },
  {
    name: 'Online Retail: streamTransactions via batches(), aggregate only (541,909 rows)',
    skip: missing(retail, 'online-retail/online-retail-line-items.csv.gz'),
    baseline: 'Online Retail: gunzip + csv-parse only (baseline)',
    run: async () => {
      const stream = streamTransactions(retail!, RETAIL_OPTIONS);
      let revenue = 0;
      for await (const batch of stream.batches()) for (const t of batch) revenue += t.amount;
      return {
        rows: stream.stats.read,
        note: `rejected ${stream.stats.rejected}, revenue ${revenue.toFixed(2)}`,
      };
    },
  },
  {
    name: 'Online Retail: loadTransactions, all records kept (541,909 rows)',
    skip: missing(retail, 'online-retail/online-retail-line-items.csv.gz'),
    baseline: 'Online Retail: gunzip + csv-parse only (baseline)',
    run: async () => {
      const r = await loadTransactions(retail!, RETAIL_OPTIONS);
      return {
        rows: r.stats.read,
        note: `accepted ${r.stats.accepted}, rejected ${r.stats.rejected}`,
      };
    },
  },
]);
