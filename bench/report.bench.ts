/**
 * The whole nightly `report` (load → summaries → metrics → RFM → k-means → BG/NBD + Gamma-Gamma
 * → metrics.json, customers.csv, rejected.csv, report.html) on CDNOW_master and the Online
 * Retail line items, through the CLI's own entry (`runCli`), each in its own process so the
 * peak RSS is the report's. The baseline is loading the same file alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/run';
import { loadTransactions } from '../src/load/node';
import { defineBench } from './_lib';
import { sharedData } from './_shared';

const cdnow = sharedData('cdnow/CDNOW_master.txt');
const retail = sharedData('online-retail/online-retail-line-items.csv.gz');
const missing = (p: string | undefined, name: string) => (p ? undefined : `${name} not found`);

const cdnowArgs = [
  '--customer',
  'customer_id',
  '--date',
  'date',
  '--amount',
  'dollar_value',
  '--date-format',
  'yyyyMMdd',
  '--delimiter',
  'whitespace',
  '--observation-end',
  '1998-06-30',
  '--quiet',
];
const retailArgs = [
  '--customer',
  'CustomerID',
  '--date',
  'InvoiceDate',
  '--amount',
  'Quantity*UnitPrice',
  '--order-id',
  'InvoiceNo',
  '--normalize-id',
  'numeric',
  '--date-format',
  'yyyy-MM-dd HH:mm:ss',
  '--quiet',
];

async function report(path: string, args: string[]): Promise<{ rows: number; note: string }> {
  const out = mkdtempSync(join(tmpdir(), 'ca-bench-report-'));
  const code = await runCli(['report', path, ...args, '--out', out]);
  if (code !== 0) throw new Error(`report exited ${code}`);
  return { rows: 0, note: `exit ${code}, outputs in ${out}` };
}

await defineBench([
  {
    name: 'load CDNOW_master only',
    skip: missing(cdnow, 'CDNOW_master.txt'),
    run: async () => {
      const r = await loadTransactions(cdnow!, {
        delimiter: 'whitespace',
        columns: { customerId: 'customer_id', date: 'date', amount: 'dollar_value' },
        dateFormat: 'yyyyMMdd',
      });
      return { rows: r.stats.read };
    },
  },
  {
    name: 'report CDNOW_master (69,659 rows)',
    skip: missing(cdnow, 'CDNOW_master.txt'),
    baseline: 'load CDNOW_master only',
    run: () => report(cdnow!, cdnowArgs),
  },
  {
    name: 'load Online Retail only',
    skip: missing(retail, 'online-retail-line-items.csv.gz'),
    run: async () => {
      const r = await loadTransactions(retail!, {
        columns: {
          customerId: 'CustomerID',
          date: 'InvoiceDate',
          amount: (row) => Number(row.Quantity) * Number(row.UnitPrice),
          orderId: 'InvoiceNo',
        },
        normalizeId: 'numeric',
        dateFormat: 'yyyy-MM-dd HH:mm:ss',
      });
      return { rows: r.stats.read };
    },
  },
  {
    name: 'report Online Retail (541,909 rows)',
    skip: missing(retail, 'online-retail-line-items.csv.gz'),
    baseline: 'load Online Retail only',
    run: () => report(retail!, retailArgs),
  },
]);
