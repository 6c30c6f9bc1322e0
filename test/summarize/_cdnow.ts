/**
 * CDNOW inputs for the summary and segment tests: `loadCdnowSample`/`loadCdnowMaster` go through
 * the library's loader; the `read*` functions are minimal independent readers (split on
 * whitespace; dates YYYYMMDD, UTC) used for direct computations that must not share code with
 * the library.
 */
import { readFileSync } from 'node:fs';
import { loadTransactions } from '../../src/load/node';
import type { Transaction } from '../../src/schema/index';

/** CDNOW_sample.txt through loadTransactions (no header; customerId = the sample id). */
export async function loadCdnowSample(path: string): Promise<Transaction[]> {
  const r = await loadTransactions(path, {
    header: false,
    names: ['master_id', 'sample_id', 'date', 'cds', 'dollars'],
    columns: { customerId: 'sample_id', date: 'date', amount: 'dollars', quantity: 'cds' },
    dateFormat: 'yyyyMMdd',
  });
  if (r.stats.rejected !== 0 || r.records.length !== 6919)
    throw new Error(`CDNOW_sample: unexpected load stats ${JSON.stringify(r.stats)}`);
  return r.records;
}

/** CDNOW_master.txt through loadTransactions (header customer_id date number_of_cds dollar_value). */
export async function loadCdnowMaster(path: string): Promise<Transaction[]> {
  const r = await loadTransactions(path, {
    columns: {
      customerId: 'customer_id',
      date: 'date',
      amount: 'dollar_value',
      quantity: 'number_of_cds',
    },
    dateFormat: 'yyyyMMdd',
  });
  if (r.stats.rejected !== 0 || r.records.length !== 69659)
    throw new Error(`CDNOW_master: unexpected load stats ${JSON.stringify(r.stats)}`);
  return r.records;
}

function ymd(s: string): Date {
  return new Date(Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8)));
}

/** CDNOW_master.txt (one header line): customer id, date, cds, dollars. */
export function readCdnowMaster(path: string): Transaction[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [id, date, cds, dollars] = l.trim().split(/\s+/) as string[];
      return {
        customerId: id as string,
        date: ymd(date as string),
        amount: Number(dollars),
        quantity: Number(cds),
      };
    });
}

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar. */
export function readCdnowSummary(
  path: string,
): { id: string; x: number; t_x: number; T: number; zbar: number }[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  return lines.slice(1).map((l) => {
    const [id, x, tx, T, zbar] = l.split(',') as string[];
    return {
      id: id as string,
      x: +(x as string),
      t_x: +(tx as string),
      T: +(T as string),
      zbar: +(zbar as string),
    };
  });
}
