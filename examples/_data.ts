/**
 * Where the examples get their data: ../shared/data when it is there, otherwise the seeded
 * simulator (BG/NBD purchases + Gamma-Gamma spend), so every example runs on a fresh clone.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulateTransactions, type Transaction } from 'customer-analytics';
import { loadTransactions } from 'customer-analytics/node';

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared/data (override with SHARED_DATA_DIR). */
export const SHARED = process.env.SHARED_DATA_DIR ?? resolve(here, '../../shared/data');

/** Path of a shared dataset, or undefined. */
export function shared(rel: string): string | undefined {
  const p = resolve(SHARED, rel);
  return existsSync(p) ? p : undefined;
}

/** CDNOW_master transactions (or a simulated store of the same shape) and the observation end. */
export async function cdnowOrSimulated(): Promise<{
  source: string;
  transactions: Transaction[];
  observationEnd: Date;
}> {
  const path = shared('cdnow/CDNOW_master.txt');
  if (path) {
    const { records, stats } = await loadTransactions(path, {
      delimiter: 'whitespace',
      columns: { customerId: 'customer_id', date: 'date', amount: 'dollar_value' },
      dateFormat: 'yyyyMMdd',
    });
    if (stats.rejected > 0) throw new Error(`CDNOW: ${stats.rejected} rows rejected`);
    return {
      source: 'CDNOW_master.txt',
      transactions: records,
      observationEnd: new Date('1998-06-30T00:00:00Z'),
    };
  }
  const sim = simulateTransactions({
    transactionModel: 'bgNbd',
    transactionParams: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    monetaryParams: { p: 6.25, q: 3.74, v: 15.44 },
    customers: 5000,
    T: 78,
    acquisitionSpan: 12,
    seed: 42,
    start: new Date('1997-01-01T00:00:00Z'),
    unit: 'week',
  });
  return {
    source: 'simulated store (seed 42)',
    transactions: sim.transactions,
    observationEnd: sim.observationEnd,
  };
}
