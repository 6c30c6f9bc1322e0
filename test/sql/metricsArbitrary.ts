/**
 * Test helper: random small ledgers for the period SQL properties. Dates cover 2020-12-20 …
 * 2022-01-10 (ISO weeks 53 and 1 across two new years, month and quarter ends) with
 * millisecond times; amounts in cents; `kind` sometimes absent (the amount's sign decides);
 * order ids shared by a customer's rows (an order can span periods, as in the JS tests).
 */
import { fc } from '@fast-check/vitest';
import type { Transaction } from '../../src/schema/index';

const T0 = Date.UTC(2020, 11, 20);
const DAY = 86_400_000;

export const transaction = fc
  .record({
    c: fc.integer({ min: 0, max: 6 }),
    day: fc.integer({ min: 0, max: 386 }),
    ms: fc.integer({ min: 0, max: DAY - 1 }),
    cents: fc.integer({ min: 0, max: 50_000 }),
    ret: fc.boolean(),
    kind: fc.boolean(),
    order: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  })
  .map(({ c, day, ms, cents, ret, kind, order }): Transaction => {
    const t: Transaction = {
      customerId: `c${c}`,
      date: new Date(T0 + day * DAY + ms),
      amount: (ret ? -cents : cents) / 100,
    };
    // without kind, a zero amount is a purchase: only mark returns explicitly then
    if (kind || (ret && cents === 0)) t.kind = ret ? 'return' : 'purchase';
    if (order !== undefined) t.orderId = `c${c}-o${order}`;
    return t;
  });

export const ledgers = fc.array(transaction, { minLength: 1, maxLength: 40 });

/** Ledgers with at least one purchase (cohortRetention needs a cohort to say anything). */
export const withPurchase = ledgers.filter((tx) =>
  tx.some((t) => t.kind !== 'return' && t.amount >= 0),
);
