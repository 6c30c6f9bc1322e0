import { beforeAll, describe, expect, it } from 'vitest';
import { cohortRetentionDuckDB } from '../../src/duckdb/cohortRetentionDuckDB';
import { metricsByPeriodDuckDB } from '../../src/duckdb/metricsByPeriodDuckDB';
import { loadTransactions } from '../../src/load/node';
import { cohortRetention } from '../../src/metrics/cohortRetention';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import type { Transaction } from '../../src/schema/index';
import { sharedData } from '../_helpers/shared';
import { expectSameCohorts, expectSameMetrics, moneyScale } from '../sql/metricsCompare';

const retail = sharedData('online-retail/online-retail-line-items.csv.gz');

/**
 * The line items read by DuckDB straight from the gzip CSV. Lines without a customer are
 * filtered here, as the JS loader rejects them (135,080 lines); ids are kept as text
 * (`17850.0`), which partitions customers exactly as the loader's normalized `17850`.
 */
const relation = (path: string) => `(
  SELECT * FROM read_csv('${path}', types = {'InvoiceNo': 'VARCHAR', 'CustomerID': 'VARCHAR'})
  WHERE CustomerID IS NOT NULL
)`;
const columns = {
  customerId: 'CustomerID',
  date: 'InvoiceDate',
  amount: 'Quantity * UnitPrice',
  orderId: 'InvoiceNo',
};

describe.skipIf(!retail)('Online Retail line items: DuckDB runners equal the JS functions', () => {
  let tx: Transaction[] = [];
  beforeAll(async () => {
    const r = await loadTransactions(retail!, {
      columns: {
        customerId: 'CustomerID',
        date: 'InvoiceDate',
        orderId: 'InvoiceNo',
        amount: (row) => Number(row.Quantity) * Number(row.UnitPrice),
      },
      normalizeId: 'numeric',
    });
    expect([r.stats.accepted, r.stats.rejected]).toEqual([406_829, 135_080]);
    tx = r.records;
  }, 60_000);

  it('monthly metrics (multi-line invoices, cancellations as returned orders)', async () => {
    const got = await metricsByPeriodDuckDB(
      { table: relation(retail!) },
      { columns, period: 'month' },
    );
    const js = metricsByPeriod(tx, { period: 'month' });
    expectSameMetrics(got as never, js, moneyScale(tx));
    // 13 months Dec 2010 – Dec 2011; every invoice with a customer is an order or a returned order
    expect(got.map((m) => m.period)).toEqual([
      '2010-12',
      '2011-01',
      '2011-02',
      '2011-03',
      '2011-04',
      '2011-05',
      '2011-06',
      '2011-07',
      '2011-08',
      '2011-09',
      '2011-10',
      '2011-11',
      '2011-12',
    ]);
    const invoices = new Set(tx.map((t) => t.orderId)).size;
    expect(got.reduce((s, m) => s + m.orders + m.returnedOrders, 0)).toBe(invoices);
  });

  it('monthly cohorts; returns before a first purchase are unattributed as in JS', async () => {
    const got = await cohortRetentionDuckDB(
      { table: relation(retail!) },
      { columns, period: 'month' },
    );
    const js = cohortRetention(tx, { period: 'month' });
    expectSameCohorts(got, js, moneyScale(tx));
    expect(got.cohorts[0]!.cohort).toBe('2010-12');
  });
});
