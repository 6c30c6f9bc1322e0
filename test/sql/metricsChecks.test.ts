import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidInputError } from '../../src/errors';
import { cohortRetention } from '../../src/metrics/cohortRetention';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import { assertPeriodChecks, periodChecksSql } from '../../src/sql/periodChecksSql';
import { cohortRetentionFromRows, periodMetricsFromRows } from '../../src/sql/periodRows';
import { duckdb, loadDuckDB, runDuckDB, TX_COLUMNS } from './metricsEngines';

let duck: Awaited<ReturnType<typeof duckdb>>;
beforeAll(async () => {
  duck = await duckdb();
});
afterAll(() => duck.close());

const columns = { customerId: 'customer_id', date: 'ts', amount: 'amount', kind: 'kind' };

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('periodChecksSql', () => {
  it('runs its documented example (on DuckDB)', async () => {
    await loadDuckDB(duck.db, [
      { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
      { customerId: 'b', date: new Date('2024-01-06'), amount: 5, kind: 'return' },
    ]);
    const sql = periodChecksSql({ dialect: 'duckdb', table: 'tx', columns, period: 'month' });
    const [row] = await runDuckDB(duck.db, sql);
    expect(row).toMatchObject({
      rows: 2,
      signMismatchRows: 1,
      signMismatchCustomer: 'b',
      signMismatchValue: 5,
      minPeriod: 24288, // 2024 × 12 + 0
      maxPeriod: 24288,
      invalidCustomerRows: 0,
      invalidDateRows: 0,
      invalidAmountRows: 0,
      invalidKindRows: 0,
      outOfRangeRows: 0,
      orderConflicts: 0,
    });
  });

  it('counts an order id under two customers once per order id', async () => {
    const d = new Date('2024-01-05');
    await loadDuckDB(duck.db, [
      { customerId: 'a', date: d, amount: 1, orderId: 'o1' },
      { customerId: 'b', date: d, amount: 1, orderId: 'o1' },
      { customerId: 'c', date: d, amount: 1, orderId: 'o1' },
      { customerId: 'a', date: d, amount: 1, orderId: 'o2' },
      { customerId: 'a', date: d, amount: 1, orderId: 'o2' },
    ]);
    const sql = periodChecksSql({
      dialect: 'duckdb',
      table: 'tx',
      columns: TX_COLUMNS,
      period: 'day',
    });
    const [row] = await runDuckDB(duck.db, sql);
    expect(row).toMatchObject({ orderConflicts: 1, orderConflictValue: 'o1' });
  });
});

describe('assertPeriodChecks', () => {
  const options = {
    dialect: 'duckdb' as const,
    table: 'tx',
    columns,
    period: 'month' as const,
    caller: 'nightly',
  };

  it('runs its documented example', () => {
    const e = thrown(() =>
      assertPeriodChecks(
        {
          rows: 2,
          signMismatchRows: 1,
          signMismatchCustomer: 'b',
          signMismatchValue: 5,
          minPeriod: 24288,
          maxPeriod: 24288,
        },
        options,
      ),
    ) as InvalidInputError;
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.message).toBe(
      'nightly: expected transactions.amount to be ≤ 0 for a return (1 rows), received 5 (customer "b")',
    );
    expect(e.issues[0]!.code).toBe('sign_mismatch');
    expect(
      assertPeriodChecks({ rows: 2, minPeriod: 24288, maxPeriod: 24290 }, options),
    ).toBeUndefined();
  });

  it('follows the JS order of checks and range rules', () => {
    // a bad customer id is reported before a bad amount, as the JS ledger checks id first
    const both = thrown(() =>
      assertPeriodChecks(
        { invalidCustomerRows: 2, invalidAmountRows: 1, minPeriod: 1, maxPeriod: 1 },
        options,
      ),
    ) as InvalidInputError;
    expect(both.issues[0]!.code).toBe('invalid_id');
    expect(both.message).toContain('(2 rows)');
    // no rows, no range → InsufficientDataError, like metricsByPeriod([])
    expect(
      thrown(() => assertPeriodChecks({ rows: 0, minPeriod: null, maxPeriod: null }, options)),
    ).toBeInstanceOf(InsufficientDataError);
    expect(thrown(() => metricsByPeriod([], { period: 'month' }))).toBeInstanceOf(
      InsufficientDataError,
    );
    // a day range of 5,000,001 periods is refused as in JS (too_many_periods)
    const many = thrown(() =>
      assertPeriodChecks(
        { rows: 2, minPeriod: 0, maxPeriod: 5_000_000 },
        { ...options, period: 'day' },
      ),
    ) as InvalidInputError;
    expect(many.issues[0]!.code).toBe('too_many_periods');
    // 5,000,000 periods are allowed
    expect(
      assertPeriodChecks(
        { rows: 2, minPeriod: 0, maxPeriod: 4_999_999 },
        { ...options, period: 'day' },
      ),
    ).toBeUndefined();
    // bigint and string counts (driver values) are read as numbers
    const big = thrown(() =>
      assertPeriodChecks({ invalidDateRows: 3n, minPeriod: 1n, maxPeriod: 2n }, options),
    );
    expect((big as InvalidInputError).issues[0]!.code).toBe('invalid_date');
  });
});

describe('periodMetricsFromRows', () => {
  it('runs its documented example', () => {
    const rows = periodMetricsFromRows([
      {
        period: '2024-01',
        start: new Date('2024-01-01'),
        end: new Date('2024-02-01'),
        activeCustomers: 2n,
        newCustomers: 2n,
        returningCustomers: 0n,
        orders: 2n,
        returnedOrders: 0n,
        revenue: 40,
        grossRevenue: 40,
        averageOrderValue: 20,
        repeatRate: 0,
        customersAtStart: 0n,
        churnedCustomers: 0n,
        churnRate: null,
      },
    ]);
    expect(rows[0]!.activeCustomers).toBe(2);
    // a JS row converts to itself: the converter is the identity on metricsByPeriod's output
    const js = metricsByPeriod([{ customerId: 'a', date: new Date('2024-01-05'), amount: 10 }], {
      period: 'week',
    });
    expect(periodMetricsFromRows(js as never)).toEqual(js);
  });

  it('reads driver strings and turns local DATEs into zone midnights; rejects bad values', () => {
    const row = {
      period: '2024-03',
      start: '2024-03-01',
      end: '2024-04-01',
      activeCustomers: '1',
      newCustomers: '1',
      returningCustomers: '0',
      orders: '1',
      returnedOrders: '0',
      revenue: '9.5',
      grossRevenue: '9.5',
      averageOrderValue: '9.5',
      repeatRate: '0',
      customersAtStart: '0',
      churnedCustomers: '0',
      churnRate: null,
    };
    const [m] = periodMetricsFromRows([row], { timeZone: 'Europe/London' });
    // London is UTC+0 on March 1 and UTC+1 on April 1 (BST from March 31)
    expect(m!.start.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(m!.end.toISOString()).toBe('2024-03-31T23:00:00.000Z');
    expect(m!.revenue).toBe(9.5);
    const e = thrown(() =>
      periodMetricsFromRows([{ ...row, orders: 'many' }]),
    ) as InvalidInputError;
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.message).toBe(
      'periodMetricsFromRows: expected rows[0].orders to be a finite number, received "many"',
    );
    const d = thrown(() => periodMetricsFromRows([{ ...row, start: 'soon' }])) as InvalidInputError;
    expect(d.issues[0]!.code).toBe('invalid_date');
  });
});

describe('cohortRetentionFromRows', () => {
  it('runs its documented example', () => {
    const r = cohortRetentionFromRows(
      [
        {
          cohort: '2024-01',
          start: new Date('2024-01-01'),
          customers: 2,
          offset: 0,
          period: '2024-01',
          activeCustomers: 2,
          retentionRate: 1,
          orders: 2,
          revenue: 40,
        },
      ],
      { transactions: 0, customers: 0, revenue: 0 },
      'month',
    );
    expect(r.cohorts[0]!.cells[0]!.retentionRate).toBe(1);
  });

  it('rebuilds a JS cohort table from its long form; rejects cells out of order', () => {
    const js = cohortRetention(
      [
        { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
        { customerId: 'a', date: new Date('2024-03-05'), amount: 4 },
        { customerId: 'b', date: new Date('2024-02-05'), amount: 6 },
      ],
      { period: 'month' },
    );
    const long = js.cohorts.flatMap((c) =>
      c.cells.map((x) => ({ cohort: c.cohort, start: c.start, customers: c.customers, ...x })),
    );
    expect(cohortRetentionFromRows(long, js.unattributed, 'month')).toEqual(js);
    const e = thrown(() =>
      cohortRetentionFromRows([long[1]!], js.unattributed, 'month'),
    ) as InvalidInputError;
    expect(e.issues[0]!.code).toBe('out_of_order');
    expect(e.message).toBe('cohortRetentionFromRows: expected rows[0].offset to be 0, received 1');
  });
});
