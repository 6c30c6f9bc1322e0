import { describe, expect, it } from 'vitest';
import { conversionRate } from '../../src/metrics/conversion';
import {
  purchaseFrequency,
  repeatPurchaseRate,
  repeatPurchasesPerCustomer,
  returnRate,
} from '../../src/metrics/loyalty';
import type { Transaction } from '../../src/schema/index';
import { expectInsufficient, expectInvalid } from './_expect';

const d = new Date('2024-01-01');
// a: orders o1 (2 lines) and o2; b: one order and a return (order r1); c: one order without id
const tx: Transaction[] = [
  { customerId: 'a', date: d, amount: 30, orderId: 'o1' },
  { customerId: 'a', date: d, amount: 10, orderId: 'o1' },
  { customerId: 'a', date: d, amount: 20, orderId: 'o2' },
  { customerId: 'b', date: d, amount: 50, orderId: 'o3' },
  { customerId: 'b', date: d, amount: -15, orderId: 'r1', kind: 'return' },
  { customerId: 'c', date: d, amount: 5 },
];

describe('conversionRate', () => {
  it('runs its documented example', () => {
    // 36 / 1200 = 0.03
    expect(conversionRate({ conversions: 36, leads: 1200 })).toBe(0.03);
  });
  it('throws typed errors', () => {
    expectInsufficient(() => conversionRate({ conversions: 0, leads: 0 }), 'leads above 0');
    expectInvalid(() => conversionRate({ conversions: 5, leads: 4 }), 'at most leads (4)');
    expectInvalid(() => conversionRate({ conversions: -1, leads: 4 }), 'conversions');
  });
});

describe('repeatPurchaseRate', () => {
  it('runs its documented examples', () => {
    // 30 / 120 = 0.25
    expect(repeatPurchaseRate({ repeatCustomers: 30, customers: 120 })).toBe(0.25);
    // a bought twice, b once: 1/2
    expect(
      repeatPurchaseRate([
        { customerId: 'a', date: d, amount: 10 },
        { customerId: 'a', date: d, amount: 5 },
        { customerId: 'b', date: d, amount: 7 },
      ]),
    ).toBe(0.5);
  });
  it('groups lines by orderId and ignores returns', () => {
    // a: 2 orders (o1, o2) → repeat; b: 1 order (+ a return) → not; c: 1 → not: 1/3
    expect(repeatPurchaseRate(tx)).toBe(1 / 3);
  });
  it('throws typed errors', () => {
    expectInsufficient(() => repeatPurchaseRate([]), 'purchasing customers above 0');
    expectInsufficient(
      () => repeatPurchaseRate([{ customerId: 'z', date: d, amount: -3 }]),
      'purchasing customers above 0',
    );
    expectInvalid(
      () => repeatPurchaseRate({ repeatCustomers: 3, customers: 2 }),
      'at most customers (2)',
    );
    expectInvalid(
      () => repeatPurchaseRate([{ customerId: '', date: d, amount: 1 }]),
      'transactions[0].customerId to be a non-empty string',
    );
    // a missing id on the first row, and after a valid row
    expectInvalid(
      () => repeatPurchaseRate([{ date: d, amount: 1 } as never]),
      'transactions[0].customerId to be a non-empty string, received undefined',
    );
    expectInvalid(
      () =>
        repeatPurchaseRate([
          { customerId: 'a', date: d, amount: 1 },
          { date: d, amount: 1 } as never,
        ]),
      'transactions[1].customerId',
    );
    expectInvalid(
      () => repeatPurchaseRate([null as never]),
      'transactions[0] to be a transaction object',
    );
  });
});

describe('repeatPurchasesPerCustomer (the seed form)', () => {
  it('runs its documented example', () => {
    // 45 / 100 = 0.45
    expect(repeatPurchasesPerCustomer({ repeatPurchases: 45, customers: 100 })).toBe(0.45);
    // a: 2 orders, b: 1 → (3 − 2)/2 = 0.5
    expect(
      repeatPurchasesPerCustomer([
        { customerId: 'a', date: d, amount: 10 },
        { customerId: 'a', date: d, amount: 5 },
        { customerId: 'b', date: d, amount: 7 },
      ]),
    ).toBe(0.5);
  });
  it('from transactions: (orders − buyers) / buyers', () => {
    // orders o1, o2, o3, c's row = 4; buyers 3 → (4 − 3)/3
    expect(repeatPurchasesPerCustomer(tx)).toBe(1 / 3);
    expectInsufficient(() => repeatPurchasesPerCustomer([]), 'purchasing customers');
  });
});

describe('purchaseFrequency', () => {
  it('runs its documented example', () => {
    // 300 / 120 = 2.5
    expect(purchaseFrequency({ orders: 300, customers: 120 })).toBe(2.5);
    expect(purchaseFrequency([{ customerId: 'a', date: new Date(0), amount: 1 }])).toBe(1);
  });
  it('from transactions: orders over purchasing customers', () => {
    // 4 orders / 3 buyers
    expect(purchaseFrequency(tx)).toBe(4 / 3);
    expectInsufficient(() => purchaseFrequency({ orders: 3, customers: 0 }), 'customers above 0');
  });
});

describe('returnRate', () => {
  it('runs its documented example', () => {
    // 6 / 150 = 0.04
    expect(returnRate({ returnedOrders: 6, orders: 150 })).toBe(0.04);
    expect(returnRate([{ customerId: 'a', date: new Date(0), amount: 5 }])).toBe(0);
  });
  it('from transactions: returned orders over purchase orders', () => {
    // 1 returned order (r1) / 4 orders
    expect(returnRate(tx)).toBe(0.25);
  });
  it('a return reusing its purchase orderId counts that order once', () => {
    const t: Transaction[] = [
      { customerId: 'a', date: d, amount: 10, orderId: 'x' },
      { customerId: 'a', date: d, amount: 10, orderId: 'x' },
      { customerId: 'a', date: d, amount: -10, orderId: 'x', kind: 'return' },
      { customerId: 'a', date: d, amount: -10, orderId: 'x', kind: 'return' },
      { customerId: 'b', date: d, amount: 10, orderId: 'y' },
    ];
    // returned orders {x} = 1, orders {x, y} = 2
    expect(returnRate(t)).toBe(0.5);
  });
  it('throws typed errors', () => {
    expectInvalid(() => returnRate({ returnedOrders: 3, orders: 2 }), 'at most orders (2)');
    expectInsufficient(() => returnRate([]), 'orders above 0');
    expectInvalid(
      () => returnRate([{ customerId: 'a', date: d, amount: -5, kind: 'purchase' }]),
      'transactions[0].amount to be ≥ 0 for a purchase, received -5',
    );
    expectInvalid(
      () => returnRate([{ customerId: 'a', date: d, amount: 5, kind: 'return' }]),
      'to be ≤ 0 for a return',
    );
    expectInvalid(
      () =>
        returnRate([
          { customerId: 'a', date: d, amount: 5, orderId: 'o' },
          { customerId: 'b', date: d, amount: 5, orderId: 'o' },
        ]),
      'transactions[1].orderId to belong to one customer (it also belongs to "a")',
    );
    expectInvalid(
      () => returnRate([{ customerId: 'a', date: new Date(Number.NaN), amount: 5 }]),
      'transactions[0].date to be a valid Date',
    );
    expectInvalid(
      () => returnRate([{ customerId: 'a', date: d, amount: Number.POSITIVE_INFINITY }]),
      'transactions[0].amount to be a finite number',
    );
  });
  it('does not mutate its input', () => {
    const copy = structuredClone(tx);
    returnRate(tx);
    repeatPurchaseRate(tx);
    expect(tx).toEqual(copy);
  });
});
