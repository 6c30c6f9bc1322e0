/**
 * Customer summaries and RFM on the UCI Online Retail line items (541,909 rows). Rows without a
 * CustomerID are kept as one-off guests (`guest:<InvoiceNo>`) so every line is summarized;
 * amount = Quantity × UnitPrice (cancellations are negative, so returns); orderId = InvoiceNo.
 * Observation end 2011-12-09 (the last day of the data).
 *
 * Cases: a plain single-pass group-by customer (orders, spend, first/last date in a Map) as the
 * baseline; summarizeCustomers (weekly periods; collapse 'day'); and the whole RFM pipeline
 * (summaries → rfmScores → rfmSegments).
 */
import { loadTransactions } from '../src/load/node';
import type { Transaction } from '../src/schema/index';
import { rfmScores } from '../src/segment/rfm';
import { rfmSegments } from '../src/segment/segments';
import { summarizeCustomers, summarizeCustomersWithReport } from '../src/summarize/index';
import { defineBench } from './_lib';
import { sharedData } from './_shared';

const path = sharedData('online-retail/online-retail-line-items.csv.gz');
const skip = path ? undefined : 'online-retail-line-items.csv.gz not found';
let records: Transaction[] = [];
const observationEnd = new Date('2011-12-09T23:59:59Z');

async function setup(): Promise<void> {
  const loaded = await loadTransactions(path as string, {
    columns: {
      customerId: (r) => (r.CustomerID ? r.CustomerID : `guest:${r.InvoiceNo}`),
      date: 'InvoiceDate',
      amount: (r) => Number(r.Quantity) * Number(r.UnitPrice),
      orderId: 'InvoiceNo',
      productId: 'StockCode',
    },
    dateFormat: 'yyyy-MM-dd HH:mm:ss',
  });
  if (loaded.stats.accepted !== 541_909) {
    throw new Error(`expected 541,909 accepted rows, got ${JSON.stringify(loaded.stats)}`);
  }
  records = loaded.records;
}

const BASELINE = 'group-by customer (baseline, 541,909 rows)';

await defineBench([
  {
    name: BASELINE,
    skip,
    setup,
    repeat: 3,
    run: () => {
      const groups = new Map<
        string,
        { spend: number; rows: number; first: number; last: number }
      >();
      for (const t of records) {
        const ms = t.date.getTime();
        const g = groups.get(t.customerId);
        if (g) {
          g.spend += t.amount;
          g.rows++;
          if (ms < g.first) g.first = ms;
          if (ms > g.last) g.last = ms;
        } else groups.set(t.customerId, { spend: t.amount, rows: 1, first: ms, last: ms });
      }
      return { rows: records.length, note: `${groups.size} customers` };
    },
  },
  {
    name: 'summarizeCustomersWithReport week/day (541,909 rows)',
    skip,
    setup,
    baseline: BASELINE,
    repeat: 3,
    run: () => {
      const r = summarizeCustomersWithReport(records, {
        observationEnd,
        unit: 'week',
        collapse: 'day',
      });
      return {
        rows: records.length,
        note: `${r.customers.length} customers, ${r.returnsOnly.length} returns-only`,
      };
    },
  },
  {
    name: 'summaries + rfmScores + rfmSegments (541,909 rows)',
    skip,
    setup,
    baseline: BASELINE,
    repeat: 3,
    run: () => {
      const s = summarizeCustomers(records, { observationEnd, unit: 'week', collapse: 'day' });
      const seg = rfmSegments(rfmScores(s));
      const champions = seg.filter((x) => x.segment === 'Champions').length;
      return { rows: records.length, note: `${seg.length} customers, ${champions} Champions` };
    },
  },
]);
