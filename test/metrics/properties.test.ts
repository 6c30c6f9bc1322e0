import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CustomerAnalyticsError } from '../../src/errors';
import { cohortRetention } from '../../src/metrics/cohortRetention';
import { csat } from '../../src/metrics/csat';
import { historicalClv } from '../../src/metrics/historicalClv';
import { purchaseFrequency, repeatPurchaseRate, returnRate } from '../../src/metrics/loyalty';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import { nps } from '../../src/metrics/nps';
import { churnRate, retentionRate } from '../../src/metrics/retention';
import { averageOrderValue, averageRevenuePerCustomer } from '../../src/metrics/value';
import type { Transaction } from '../../src/schema/index';

const DAY = 86_400_000;
const T0 = Date.UTC(2023, 0, 1);

/** Transactions over two years; amounts are multiples of 0.25 so sums are exact in any order. */
const transaction = fc
  .record({
    c: fc.integer({ min: 0, max: 7 }),
    day: fc.integer({ min: 0, max: 730 }),
    minute: fc.integer({ min: 0, max: 1439 }),
    quarters: fc.integer({ min: 0, max: 40_000 }),
    ret: fc.boolean(),
    order: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  })
  .map(({ c, day, minute, quarters, ret, order }): Transaction => {
    const t: Transaction = {
      customerId: `c${c}`,
      date: new Date(T0 + day * DAY + minute * 60_000),
      amount: (ret ? -quarters : quarters) / 4,
      kind: ret ? 'return' : 'purchase',
    };
    if (order !== undefined) t.orderId = `c${c}-o${order}`;
    return t;
  });
const ledgers = fc.array(transaction, { minLength: 1, maxLength: 60 });
const withPurchase = ledgers.filter((tx) => tx.some((t) => t.kind === 'purchase'));
const period = fc.constantFrom('day', 'week', 'month', 'quarter' as const);

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);

describe('metrics invariants (fast-check)', () => {
  test.prop([ledgers, period, fc.integer({ min: 1, max: 3 })])(
    'metricsByPeriod: rates in [0, 1], counts reconcile, nothing dropped',
    (tx, unit, w) => {
      const rows = metricsByPeriod(tx, { period: unit, inactivityPeriods: w });
      for (const r of rows) {
        expect(inUnit(r.repeatRate) && inUnit(r.churnRate)).toBe(true);
        expect(r.newCustomers).toBeLessThanOrEqual(r.activeCustomers);
        if (r.churnedCustomers !== null)
          expect(r.churnedCustomers).toBeLessThanOrEqual(r.customersAtStart);
        expect(Number.isFinite(r.revenue)).toBe(true);
      }
      const buyers = new Set(tx.filter((t) => t.kind === 'purchase').map((t) => t.customerId));
      expect(rows.reduce((s, r) => s + r.newCustomers, 0)).toBe(buyers.size);
      expect(rows.reduce((s, r) => s + r.revenue, 0)).toBe(tx.reduce((s, t) => s + t.amount, 0));
    },
  );

  test.prop([ledgers, fc.constantFrom('week', 'month', 'quarter' as const)])(
    'cohortRetention: rates in [0, 1], period 0 = 1, cells + unattributed = total revenue',
    (tx, unit) => {
      const r = cohortRetention(tx, { period: unit });
      let revenue = r.unattributed.revenue;
      for (const c of r.cohorts) {
        expect(c.cells[0]!.retentionRate).toBe(1);
        for (const cell of c.cells) {
          expect(inUnit(cell.retentionRate)).toBe(true);
          revenue += cell.revenue;
        }
      }
      expect(revenue).toBe(tx.reduce((s, t) => s + t.amount, 0));
    },
  );

  test.prop([ledgers, period, fc.integer()])(
    'row and customer order do not matter',
    (tx, unit, seed) => {
      const a = shuffled(tx, seed);
      expect(metricsByPeriod(a, { period: unit })).toEqual(metricsByPeriod(tx, { period: unit }));
      if (unit !== 'day') {
        expect(cohortRetention(a, { period: unit })).toEqual(cohortRetention(tx, { period: unit }));
      }
      expect(historicalClv(a)).toEqual(historicalClv(tx));
      // relabelling customers (a permutation of the ids: ×5 + seed mod 8) changes no aggregate
      const rename = (id: string) => `k${(Number(id.slice(1)) * 5 + seed) & 7}`;
      const relabelled = a.map((t) => {
        const r: Transaction = { ...t, customerId: rename(t.customerId) };
        if (t.orderId !== undefined) r.orderId = `${r.customerId}-${t.orderId}`;
        return r;
      });
      expect(metricsByPeriod(relabelled, { period: unit })).toEqual(
        metricsByPeriod(tx, { period: unit }),
      );
    },
  );

  test.prop([withPurchase, fc.constantFrom(0.5, 2, 3, 10, 0.1, 1234.5)])(
    'scaling every amount by k scales AOV and ARPU by k and leaves rates unchanged',
    (tx, k) => {
      const scaled = tx.map((t) => ({ ...t, amount: t.amount * k }));
      const close = (x: number, y: number) =>
        expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
      close(averageOrderValue(scaled), k * averageOrderValue(tx));
      close(averageRevenuePerCustomer(scaled), k * averageRevenuePerCustomer(tx));
      expect(repeatPurchaseRate(scaled)).toBe(repeatPurchaseRate(tx));
      expect(purchaseFrequency(scaled)).toBe(purchaseFrequency(tx));
      const byPeriod = metricsByPeriod(tx, { period: 'month' });
      const byPeriodScaled = metricsByPeriod(scaled, { period: 'month' });
      byPeriod.forEach((r, i) => {
        const s = byPeriodScaled[i]!;
        expect([s.repeatRate, s.churnRate, s.activeCustomers, s.orders]).toEqual([
          r.repeatRate,
          r.churnRate,
          r.activeCustomers,
          r.orders,
        ]);
        if (r.averageOrderValue !== null) close(s.averageOrderValue!, k * r.averageOrderValue);
      });
    },
  );

  test.prop([withPurchase])(
    'transaction-form rates stay in [0, 1] or throw a typed error',
    (tx) => {
      expect(inUnit(repeatPurchaseRate(tx))).toBe(true);
      try {
        expect(inUnit(returnRate(tx))).toBe(true);
      } catch (e) {
        // more returned orders than orders is impossible, so it is an InvalidInputError
        expect(e).toBeInstanceOf(CustomerAnalyticsError);
        expect((e as CustomerAnalyticsError).code).toBe('INVALID_INPUT');
      }
    },
  );

  test.prop([fc.nat(10_000), fc.nat(10_000), fc.nat(10_000)])(
    'count formulas: churn and retention in [0, 1] for every valid triple',
    (a, b, c) => {
      const start = Math.max(a, 1);
      const lost = b % (start + 1);
      expect(inUnit(churnRate({ customersAtStart: start, customersLost: lost }))).toBe(true);
      const kept = start - lost;
      // (kept + c − c) / start = 1 − lost/start
      const r = retentionRate({
        customersAtStart: start,
        customersAtEnd: kept + c,
        newCustomers: c,
      });
      expect(inUnit(r)).toBe(true);
      expect(r).toBe(kept / start);
    },
  );

  test.prop([fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1 }), fc.integer()])(
    'csat in [0, 1] and independent of response order',
    (xs, seed) => {
      const v = csat(xs);
      expect(inUnit(v)).toBe(true);
      expect(csat(shuffled(xs, seed))).toBe(v);
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1 })])(
    'nps in [−100, 100]',
    (xs) => {
      const v = nps(xs);
      expect(v).toBeGreaterThanOrEqual(-100);
      expect(v).toBeLessThanOrEqual(100);
    },
  );
});
