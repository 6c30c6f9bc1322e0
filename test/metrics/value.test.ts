import { describe, expect, it } from 'vitest';
import { customerValuePerPeriod, discountedClv, simpleClv } from '../../src/metrics/clv';
import { historicalClv } from '../../src/metrics/historicalClv';
import { averageOrderValue, averageRevenuePerCustomer } from '../../src/metrics/value';
import type { Transaction } from '../../src/schema/index';
import { expectInsufficient, expectInvalid } from './_expect';

const d = new Date('2024-01-01');

describe('averageOrderValue', () => {
  it('runs its documented examples', () => {
    // 1250 / 50 = 25
    expect(averageOrderValue({ revenue: 1250, orders: 50 })).toBe(25);
    // (30 + 10 + 20) / 2 orders (o1 has two lines) = 30
    expect(
      averageOrderValue([
        { customerId: 'a', date: d, amount: 30, orderId: 'o1' },
        { customerId: 'a', date: d, amount: 10, orderId: 'o1' },
        { customerId: 'b', date: d, amount: 20, orderId: 'o2' },
      ]),
    ).toBe(30);
  });
  it('nets returns in revenue but does not count them as orders', () => {
    // revenue 100 + 50 − 30 = 120 over 2 purchase orders = 60
    const tx: Transaction[] = [
      { customerId: 'a', date: d, amount: 100 },
      { customerId: 'b', date: d, amount: 50 },
      { customerId: 'a', date: d, amount: -30 },
    ];
    expect(averageOrderValue(tx)).toBe(60);
  });
  it('throws typed errors', () => {
    expectInsufficient(() => averageOrderValue({ revenue: 10, orders: 0 }), 'orders above 0');
    expectInsufficient(() => averageOrderValue([]), 'orders above 0');
    expectInvalid(() => averageOrderValue({ revenue: Number.NaN, orders: 1 }), 'revenue');
    expectInvalid(() => averageOrderValue({ revenue: 1, orders: -2 }), 'orders');
  });
});

describe('averageRevenuePerCustomer', () => {
  it('runs its documented examples', () => {
    // 1250 / 20 = 62.5
    expect(averageRevenuePerCustomer({ revenue: 1250, customers: 20 })).toBe(62.5);
    // 8 over a base of 4 customers = 2
    expect(
      averageRevenuePerCustomer([{ customerId: 'a', date: new Date(0), amount: 8 }], {
        customers: 4,
      }),
    ).toBe(2);
  });
  it('defaults the base to the distinct customers seen', () => {
    // (100 − 30 + 50) / 2 customers = 60
    const tx: Transaction[] = [
      { customerId: 'a', date: d, amount: 100 },
      { customerId: 'b', date: d, amount: 50 },
      { customerId: 'a', date: d, amount: -30 },
    ];
    expect(averageRevenuePerCustomer(tx)).toBe(60);
    expectInvalid(
      () => averageRevenuePerCustomer(tx, { customers: 1 }),
      'options.customers to be at least the 2 customers in the transactions, received 1',
    );
    expectInsufficient(() => averageRevenuePerCustomer([]), 'customers above 0');
  });
});

describe('simpleClv (the seed: ARPU / churn)', () => {
  it('runs its documented example', () => {
    // 50 / 0.05 = 1000
    expect(simpleClv({ averageRevenuePerCustomer: 50, churnRate: 0.05 })).toBeCloseTo(1000, 10);
  });
  it('throws on zero churn and churn outside [0, 1]', () => {
    expectInsufficient(
      () => simpleClv({ averageRevenuePerCustomer: 50, churnRate: 0 }),
      'churnRate above 0',
    );
    expectInvalid(
      () => simpleClv({ averageRevenuePerCustomer: 50, churnRate: 1.5 }),
      'churnRate to be a fraction in [0, 1], received 1.5',
    );
  });
});

describe('customerValuePerPeriod (the seed CV)', () => {
  it('runs its documented example', () => {
    // 1200 / 24 = 50
    expect(customerValuePerPeriod({ lifetimeValue: 1200, lifecyclePeriods: 24 })).toBe(50);
  });
  it('throws typed errors', () => {
    expectInsufficient(
      () => customerValuePerPeriod({ lifetimeValue: 10, lifecyclePeriods: 0 }),
      'lifecyclePeriods above 0',
    );
    expectInvalid(
      () => customerValuePerPeriod({ lifetimeValue: 10, lifecyclePeriods: -1 }),
      'lifecyclePeriods',
    );
  });
});

describe('discountedClv', () => {
  it('runs its documented example', () => {
    // 100 × 0.8 / (1 + 0.1 − 0.8) = 80 / 0.3 = 266.666…
    expect(discountedClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1 })).toBeCloseTo(
      266.6667,
      4,
    );
  });
  it('equals the summed geometric series Σ m rᵗ/(1+d)ᵗ', () => {
    // Gupta & Lehmann margin multiple: brute-force 2,000 terms of the series
    const m = 40;
    const r = 0.9;
    const dr = 0.01;
    let series = 0;
    for (let t = 1; t <= 2000; t++) series += m * (r / (1 + dr)) ** t;
    expect(discountedClv({ margin: m, retentionRate: r, discountRate: dr })).toBeCloseTo(series, 9);
  });
  it('is finite with retention 1 and positive discounting, and throws when it diverges', () => {
    // 10 × 1 / 0.05 = 200
    expect(discountedClv({ margin: 10, retentionRate: 1, discountRate: 0.05 })).toBeCloseTo(
      200,
      10,
    );
    expectInsufficient(
      () => discountedClv({ margin: 10, retentionRate: 1, discountRate: 0 }),
      'above 0',
    );
    expectInvalid(
      () => discountedClv({ margin: 10, retentionRate: 0.5, discountRate: -0.1 }),
      'discountRate',
    );
    expectInvalid(
      () => discountedClv({ margin: 10, retentionRate: 2, discountRate: 0.1 }),
      'retentionRate',
    );
  });
});

describe('extreme inputs', () => {
  it('stay finite or throw instead of returning Infinity', () => {
    // counts near 2^53 keep exact shares
    expect(
      averageOrderValue({ revenue: Number.MAX_SAFE_INTEGER, orders: Number.MAX_SAFE_INTEGER }),
    ).toBe(1);
    expect(simpleClv({ averageRevenuePerCustomer: 1e-300, churnRate: 1e-300 })).toBe(1);
    // 50 / 5e-324 overflows: reported, not returned
    expectInvalid(
      () => simpleClv({ averageRevenuePerCustomer: 50, churnRate: 5e-324 }),
      'simpleClv: expected result to be finite (inputs too extreme), received Infinity',
    );
    expectInvalid(
      () => customerValuePerPeriod({ lifetimeValue: 1e308, lifecyclePeriods: 1e-10 }),
      'received Infinity',
    );
    expectInvalid(
      () => discountedClv({ margin: 1e308, retentionRate: 1, discountRate: 1e-10 }),
      'received Infinity',
    );
    // retention 1 with discount 1e-20: 1 + 1e-20 − 1 is 0 in binary64 → treated as divergent
    expectInsufficient(
      () => discountedClv({ margin: 1, retentionRate: 1, discountRate: 1e-20 }),
      'above 0',
    );
  });
});

describe('historicalClv', () => {
  it('runs its documented example', () => {
    // a: 100 − 20 = 80, margin 80 × 0.25 = 20; b: 40, margin 10
    const out = historicalClv(
      [
        { customerId: 'b', date: d, amount: 40 },
        { customerId: 'a', date: d, amount: 100 },
        { customerId: 'a', date: d, amount: -20 },
      ],
      { marginRate: 0.25 },
    );
    expect(out).toEqual([
      { customerId: 'a', revenue: 80, margin: 20, orders: 1, firstDate: d, lastDate: d },
      { customerId: 'b', revenue: 40, margin: 10, orders: 1, firstDate: d, lastDate: d },
    ]);
  });
  it('sums money exactly, counts orders by orderId and tracks first/last dates', () => {
    const tx: Transaction[] = Array.from({ length: 10 }, (_, i) => ({
      customerId: 'x',
      date: new Date(Date.UTC(2024, 0, 1 + i)),
      amount: 0.1,
      orderId: `o${i % 3}`,
    }));
    const [x] = historicalClv(tx);
    // ten 0.1s add to exactly 1 with compensated summation; orders o0, o1, o2 = 3
    expect(x).toMatchObject({ revenue: 1, margin: 1, orders: 3 });
    expect(x!.firstDate.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(x!.lastDate.toISOString()).toBe('2024-01-10T00:00:00.000Z');
  });
  it('returns [] for no transactions and rejects a bad margin rate', () => {
    expect(historicalClv([])).toEqual([]);
    expectInvalid(() => historicalClv([], { marginRate: Number.NaN }), 'marginRate');
  });
});
