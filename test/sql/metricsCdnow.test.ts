import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransactions } from '../../src/load/node';
import { cohortRetention } from '../../src/metrics/cohortRetention';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import type { Transaction } from '../../src/schema/index';
import { cohortRetentionSql, cohortUnattributedSql } from '../../src/sql/cohortRetentionSql';
import { metricsByPeriodSql } from '../../src/sql/metricsByPeriodSql';
import { cohortRetentionFromRows } from '../../src/sql/periodRows';
import { sharedData } from '../_helpers/shared';
import { expectSameCohorts, expectSameMetrics, moneyScale } from './metricsCompare';
import { loadPostgres, PGlite, runPostgres, TX_COLUMNS } from './metricsEngines';

const master = sharedData('cdnow/CDNOW_master.txt');

describe.skipIf(!master)('CDNOW_master on PostgreSQL: period SQL equals the JS functions', () => {
  let tx: Transaction[] = [];
  let pg: PGlite;
  beforeAll(async () => {
    const loaded = await loadTransactions(master!, {
      columns: { customerId: 'customer_id', amount: 'dollar_value', quantity: 'number_of_cds' },
      dateFormat: 'yyyyMMdd',
    });
    expect(loaded.stats.rejected).toBe(0);
    tx = loaded.records;
    pg = await PGlite.create();
    await loadPostgres(pg, tx);
  });
  afterAll(async () => {
    await pg?.close();
  });
  const base = { table: 'tx', columns: TX_COLUMNS };

  it('monthly metrics: 18 periods, new customers summing to 23,570', async () => {
    const js = metricsByPeriod(tx, { period: 'month' });
    const rows = await runPostgres(
      pg,
      metricsByPeriodSql({ dialect: 'postgres', ...base, period: 'month' }),
    );
    expectSameMetrics(rows, js, moneyScale(tx));
    expect(rows).toHaveLength(18);
    expect(rows.reduce((s, r) => s + (r.newCustomers as number), 0)).toBe(23_570);
  });

  it('weekly metrics with a 4-week inactivity window', async () => {
    const options = { period: 'week' as const, inactivityPeriods: 4 };
    const rows = await runPostgres(
      pg,
      metricsByPeriodSql({ dialect: 'postgres', ...base, ...options }),
    );
    expectSameMetrics(rows, metricsByPeriod(tx, options), moneyScale(tx));
  });

  it('monthly cohorts: three cohorts of 23,570 customers, every cell as in JS', async () => {
    const options = { ...base, period: 'month' as const };
    const cells = await runPostgres(pg, cohortRetentionSql({ dialect: 'postgres', ...options }));
    const [lost] = await runPostgres(
      pg,
      cohortUnattributedSql({ dialect: 'postgres', ...options }),
    );
    const got = cohortRetentionFromRows(cells, lost!, 'month');
    expectSameCohorts(got, cohortRetention(tx, { period: 'month' }), moneyScale(tx));
    expect(got.cohorts.reduce((s, c) => s + c.customers, 0)).toBe(23_570);
  });
});
