import { describe, expect, it } from 'vitest';
import { churnByPeriod } from '../../src/metrics/churnByPeriod';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import { churnRate } from '../../src/metrics/retention';
import type { Transaction } from '../../src/schema/index';
import { expectInsufficient, expectInvalid } from './_expect';
import { ledger } from './_fixture';

describe('metricsByPeriod', () => {
  it('runs its documented example', () => {
    const tx = [
      { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
      { customerId: 'b', date: new Date('2024-01-20'), amount: 30 },
      { customerId: 'a', date: new Date('2024-03-02'), amount: 20 },
    ];
    expect(
      metricsByPeriod(tx, { period: 'month' }).map((m) => [
        m.period,
        m.activeCustomers,
        m.revenue,
        m.churnRate,
      ]),
    ).toEqual([
      ['2024-01', 2, 40, null],
      ['2024-02', 0, 0, 1],
      ['2024-03', 1, 20, null],
    ]);
  });

  it('matches the hand-computed monthly table of the fixture', () => {
    const rows = metricsByPeriod(ledger, { period: 'month' });
    const pick = rows.map((r) => ({
      period: r.period,
      active: r.activeCustomers,
      new: r.newCustomers,
      returning: r.returningCustomers,
      orders: r.orders,
      returned: r.returnedOrders,
      revenue: r.revenue,
      gross: r.grossRevenue,
      aov: r.averageOrderValue,
      repeat: r.repeatRate,
      base: r.customersAtStart,
      churned: r.churnedCustomers,
      churn: r.churnRate,
    }));
    expect(pick).toEqual([
      // Jan: a (o1, o2), b → 2 active, both new; 3 orders; 10+30+5 = 45; AOV 15;
      // a has 2 orders → repeat 1/2; no earlier period → base 0, churn null
      {
        period: '2024-01',
        active: 2,
        new: 2,
        returning: 0,
        orders: 3,
        returned: 0,
        revenue: 45,
        gross: 45,
        aov: 15,
        repeat: 0.5,
        base: 0,
        churned: 0,
        churn: null,
      },
      // Feb: b (o9), c → 2 active, c new; orders o9 + c = 2; b's return is 1 returned order;
      // revenue 8 − 10 + 25 + 15 = 38, gross 48; AOV 38/2 = 19; base Jan {a, b}: a silent → 1/2
      {
        period: '2024-02',
        active: 2,
        new: 1,
        returning: 1,
        orders: 2,
        returned: 1,
        revenue: 38,
        gross: 48,
        aov: 19,
        repeat: 0,
        base: 2,
        churned: 1,
        churn: 0.5,
      },
      // Mar: a → 1 active; revenue 20 − 5 (e's return) = 15; base Feb {b, c}: both silent → 2/2
      {
        period: '2024-03',
        active: 1,
        new: 0,
        returning: 1,
        orders: 1,
        returned: 1,
        revenue: 15,
        gross: 20,
        aov: 15,
        repeat: 0,
        base: 2,
        churned: 2,
        churn: 1,
      },
      // Apr: d new; revenue 12; base Mar {a}: a silent → 1/1
      {
        period: '2024-04',
        active: 1,
        new: 1,
        returning: 0,
        orders: 1,
        returned: 0,
        revenue: 12,
        gross: 12,
        aov: 12,
        repeat: 0,
        base: 1,
        churned: 1,
        churn: 1,
      },
    ]);
    expect(rows[0]!.start.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(rows[0]!.end.toISOString()).toBe('2024-02-01T00:00:00.000Z');
    // each churn rate is churnRate() of the same counts
    expect(rows[1]!.churnRate).toBe(churnRate({ customersAtStart: 2, customersLost: 1 }));
  });

  it('widens the inactivity window: w = 2 months', () => {
    const rows = metricsByPeriod(ledger, { period: 'month', inactivityPeriods: 2 });
    // Feb: of Jan {a, b}, a buys again in Mar and b in Feb → 0 lost;
    // Mar: of Feb {b, c}, neither buys in Mar or Apr → 2/2; Apr: window runs past the data → null
    expect(rows.map((r) => [r.churnedCustomers, r.churnRate])).toEqual([
      [0, null],
      [0, 0],
      [2, 1],
      [null, null],
    ]);
  });

  it('shows empty periods inside an explicit range with zeros', () => {
    const rows = metricsByPeriod(ledger, {
      period: 'month',
      start: new Date('2023-12-15T00:00:00Z'),
      end: new Date('2024-06-30T00:00:00Z'),
    });
    expect(rows.map((r) => r.period)).toEqual([
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    expect(rows[0]).toMatchObject({
      activeCustomers: 0,
      orders: 0,
      revenue: 0,
      averageOrderValue: null,
      repeatRate: null,
      customersAtStart: 0,
      churnedCustomers: 0,
      churnRate: null,
    });
    // May: base Apr {d}, d silent in May → 1/1; Jun: empty base → churn null
    expect(rows[5]).toMatchObject({
      activeCustomers: 0,
      customersAtStart: 1,
      churnedCustomers: 1,
      churnRate: 1,
    });
    expect(rows[6]).toMatchObject({ customersAtStart: 0, churnedCustomers: 0, churnRate: null });
  });

  it('counts an order once in each period its lines fall in', () => {
    const tx: Transaction[] = [
      { customerId: 'a', date: new Date('2024-01-31T23:00:00Z'), amount: 1, orderId: 'x' },
      { customerId: 'a', date: new Date('2024-02-01T00:30:00Z'), amount: 2, orderId: 'x' },
      { customerId: 'a', date: new Date('2024-01-31T23:30:00Z'), amount: 3, orderId: 'x' },
    ];
    expect(metricsByPeriod(tx, { period: 'month' }).map((r) => [r.orders, r.revenue])).toEqual([
      [1, 4],
      [1, 2],
    ]);
    // In London (GMT in winter) the same; in Tokyo (UTC+9) all three are on Feb 1 local time
    expect(
      metricsByPeriod(tx, { period: 'month', timeZone: 'Asia/Tokyo' }).map((r) => [
        r.period,
        r.orders,
        r.revenue,
      ]),
    ).toEqual([['2024-02', 1, 6]]);
  });

  it('buckets ISO weeks Monday–Sunday and days', () => {
    const tx: Transaction[] = [
      { customerId: 'a', date: new Date('2024-01-07T23:59:59Z'), amount: 1 }, // Sunday → W01
      { customerId: 'a', date: new Date('2024-01-08T00:00:00Z'), amount: 1 }, // Monday → W02
    ];
    const weeks = metricsByPeriod(tx, { period: 'week' });
    expect(weeks.map((w) => [w.period, w.start.toISOString()])).toEqual([
      ['2024-W01', '2024-01-01T00:00:00.000Z'],
      ['2024-W02', '2024-01-08T00:00:00.000Z'],
    ]);
    expect(metricsByPeriod(tx, { period: 'day' }).map((d) => d.period)).toEqual([
      '2024-01-07',
      '2024-01-08',
    ]);
    expect(metricsByPeriod(tx, { period: 'quarter' }).map((d) => [d.period, d.orders])).toEqual([
      ['2024-Q1', 2],
    ]);
  });

  it('throws typed errors on bad input', () => {
    expectInsufficient(() => metricsByPeriod([], { period: 'month' }), 'at least 1 transaction');
    expectInvalid(() => metricsByPeriod(ledger, { period: 'year' as never }), 'options.period');
    expectInvalid(
      () => metricsByPeriod(ledger, { period: 'month', inactivityPeriods: 0 }),
      'options.inactivityPeriods to be a positive integer, received 0',
    );
    expectInvalid(
      () => metricsByPeriod(ledger, { period: 'month', timeZone: 'Nowhere/Land' }),
      'options.timeZone',
    );
    const e = expectInvalid(
      () => metricsByPeriod(ledger, { period: 'month', end: new Date('2024-03-01') }),
      'transactions[9].date to fall inside options.start … options.end (2024-01 … 2024-03)',
    );
    expect(e.issues[0]!.customerId).toBe('d');
    expectInvalid(
      () =>
        metricsByPeriod(ledger, {
          period: 'month',
          start: new Date('2024-05-01'),
          end: new Date('2024-01-01'),
        }),
      'options.end to be on or after options.start',
    );
    expectInvalid(() => metricsByPeriod(undefined as never, { period: 'month' }), 'transactions');
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(ledger);
    metricsByPeriod(ledger, { period: 'week', timeZone: 'Europe/Paris' });
    expect(ledger).toEqual(copy);
  });
});

describe('churnByPeriod', () => {
  it('runs its documented example', () => {
    const tx = [
      { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
      { customerId: 'b', date: new Date('2024-01-20'), amount: 30 },
      { customerId: 'a', date: new Date('2024-02-02'), amount: 20 },
    ];
    // Feb: base Jan {a, b}; b silent in Feb → lost 1 of 2
    expect(churnByPeriod(tx, { period: 'month' })).toEqual([
      {
        period: '2024-02',
        start: new Date('2024-02-01T00:00:00Z'),
        customersAtStart: 2,
        customersLost: 1,
        customersRetained: 1,
        churnRate: 0.5,
        retentionRate: 0.5,
      },
    ]);
  });

  it('agrees with metricsByPeriod and leaves out unobservable periods', () => {
    // w = 2 on the fixture: only Feb (0/2) and Mar (2/2) are observable with a base
    const rows = churnByPeriod(ledger, { period: 'month', inactivityPeriods: 2 });
    expect(
      rows.map((r) => [r.period, r.customersLost, r.customersAtStart, r.retentionRate]),
    ).toEqual([
      ['2024-02', 0, 2, 1],
      ['2024-03', 2, 2, 0],
    ]);
    expectInsufficient(() => churnByPeriod([], { period: 'week' }), 'at least 1 transaction');
  });
});
