/**
 * metricsByPeriod and cohortRetention on the UCI Online Retail line items (541,909 rows).
 * Rows without a CustomerID (25 %) are kept as one-off guests (`guest:<InvoiceNo>`) so every
 * line goes through; amount = Quantity × UnitPrice (cancellations are negative, so returns);
 * orderId = InvoiceNo. The baseline is a plain single-pass group-by (customer × UTC month:
 * revenue and line count in a Map) over the same records, for a ratio.
 */

import { loadTransactions } from '../src/load/node';
import { cohortRetention } from '../src/metrics/cohortRetention';
import { metricsByPeriod } from '../src/metrics/metricsByPeriod';
import type { Transaction } from '../src/schema/index';
import { defineBench } from './_lib';
import { sharedData } from './_shared';

const path = sharedData('online-retail/online-retail-line-items.csv.gz');
const skip = path ? undefined : 'online-retail-line-items.csv.gz not found';
let records: Transaction[] = [];

async function setup(): Promise<void> {
  const loaded = await loadTransactions(path!, {
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

const BASELINE = 'group-by customer × month (baseline, 541,909 rows)';

await defineBench([
  {
    name: BASELINE,
    skip,
    setup,
    repeat: 3,
    run: () => {
      const groups = new Map<string, { revenue: number; lines: number }>();
      for (const t of records) {
        const key = `${t.customerId}|${t.date.getUTCFullYear()}-${t.date.getUTCMonth()}`;
        const g = groups.get(key);
        if (g) {
          g.revenue += t.amount;
          g.lines++;
        } else groups.set(key, { revenue: t.amount, lines: 1 });
      }
      return { rows: records.length, note: `${groups.size} groups` };
    },
  },
  {
    name: 'metricsByPeriod month UTC (541,909 rows)',
    skip,
    setup,
    repeat: 3,
    baseline: BASELINE,
    run: () => {
      const rows = metricsByPeriod(records, { period: 'month' });
      // Sanity note: every one of the 25,900 invoices is an order or a returned order (no
      // invoice mixes signs or spans two months in this data).
      const orders = rows.reduce((s, r) => s + r.orders, 0);
      const returned = rows.reduce((s, r) => s + r.returnedOrders, 0);
      return {
        rows: records.length,
        note: `${rows.length} periods, ${orders} orders + ${returned} returned = ${orders + returned} invoices`,
      };
    },
  },
  {
    name: 'metricsByPeriod day UTC (541,909 rows)',
    skip,
    setup,
    repeat: 3,
    baseline: BASELINE,
    run: () => {
      const rows = metricsByPeriod(records, { period: 'day' });
      return { rows: records.length, note: `${rows.length} periods` };
    },
  },
  {
    name: 'metricsByPeriod week Europe/London (541,909 rows)',
    skip,
    setup,
    repeat: 3,
    baseline: BASELINE,
    run: () => {
      const rows = metricsByPeriod(records, { period: 'week', timeZone: 'Europe/London' });
      return { rows: records.length, note: `${rows.length} periods` };
    },
  },
  {
    name: 'cohortRetention month UTC (541,909 rows)',
    skip,
    setup,
    repeat: 3,
    baseline: BASELINE,
    run: () => {
      const r = cohortRetention(records, { period: 'month' });
      return { rows: records.length, note: `${r.cohorts.length} cohorts` };
    },
  },
  {
    name: 'cohortRetention week Europe/London (541,909 rows)',
    skip,
    setup,
    repeat: 3,
    baseline: BASELINE,
    run: () => {
      const r = cohortRetention(records, { period: 'week', timeZone: 'Europe/London' });
      return { rows: records.length, note: `${r.cohorts.length} cohorts` };
    },
  },
]);
