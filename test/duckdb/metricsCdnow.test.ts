import { beforeAll, describe, expect, it } from 'vitest';
import { cohortRetentionDuckDB } from '../../src/duckdb/cohortRetentionDuckDB';
import { metricsByPeriodDuckDB } from '../../src/duckdb/metricsByPeriodDuckDB';
import { loadTransactions } from '../../src/load/node';
import { cohortRetention } from '../../src/metrics/cohortRetention';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import type { Transaction } from '../../src/schema/index';
import { sharedData } from '../_helpers/shared';
import { expectSameCohorts, expectSameMetrics, moneyScale } from '../sql/metricsCompare';

const master = sharedData('cdnow/CDNOW_master.txt');

/**
 * CDNOW_master read by DuckDB itself, independently of the JS loader: the whitespace-aligned
 * text split into fields with a regular expression (header line and CRs dropped).
 */
const cdnowRelation = (path: string) => `(
  SELECT f[1] AS customer_id, strptime(f[2], '%Y%m%d') AS ts, CAST(f[4] AS DOUBLE) AS dollars
  FROM (
    SELECT regexp_split_to_array(trim(line, ' ' || chr(13)), ' +') AS f
    FROM (SELECT unnest(string_split(content, chr(10))) AS line FROM read_text('${path}'))
    WHERE trim(line, ' ' || chr(13)) <> ''
  )
  WHERE f[1] <> 'customer_id'
)`;
const columns = { customerId: 'customer_id', date: 'ts', amount: 'dollars' };

const MONTHS = Array.from({ length: 18 }, (_, i) => {
  const y = 1997 + Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}`;
});

describe.skipIf(!master)('CDNOW_master read by DuckDB: runners equal the JS functions', () => {
  let tx: Transaction[] = [];
  beforeAll(async () => {
    const loaded = await loadTransactions(master!, {
      columns: { customerId: 'customer_id', amount: 'dollar_value', quantity: 'number_of_cds' },
      dateFormat: 'yyyyMMdd',
    });
    expect(loaded.stats.rejected).toBe(0);
    tx = loaded.records;
  });

  it('monthly metrics: 18 periods, 69,659 orders, new customers Jan–Mar 1997 summing to 23,570', async () => {
    const got = await metricsByPeriodDuckDB(
      { table: cdnowRelation(master!) },
      { columns, period: 'month' },
    );
    expectSameMetrics(got as never, metricsByPeriod(tx, { period: 'month' }), moneyScale(tx));
    expect(got.map((r) => r.period)).toEqual(MONTHS);
    const news = got.map((r) => r.newCustomers);
    expect(news.slice(3).every((n) => n === 0)).toBe(true);
    expect(news[0]! + news[1]! + news[2]!).toBe(23_570);
    expect(got.reduce((s, r) => s + r.orders, 0)).toBe(69_659);
  });

  it('monthly cohorts: Jan–Mar 1997 of 23,570 customers, every cell as in JS', async () => {
    const got = await cohortRetentionDuckDB(
      { table: cdnowRelation(master!) },
      { columns, period: 'month' },
    );
    expectSameCohorts(got, cohortRetention(tx, { period: 'month' }), moneyScale(tx));
    expect(got.cohorts.map((c) => c.cohort)).toEqual(['1997-01', '1997-02', '1997-03']);
    expect(got.cohorts.reduce((s, c) => s + c.customers, 0)).toBe(23_570);
    expect(got.cohorts.map((c) => c.cells.length)).toEqual([18, 17, 16]);
    expect(got.unattributed).toEqual({ transactions: 0, customers: 0, revenue: 0 });
  });
});
