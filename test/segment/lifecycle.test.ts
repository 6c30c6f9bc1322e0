import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { lifecycleStages } from '../../src/segment/lifecycle';
import { shuffle } from './_shuffle';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const asOf = d('2024-06-30');
/** A purchase `daysAgo` days before asOf. */
const buy = (customerId: string, daysAgo: number, amount = 10) => ({
  customerId,
  date: new Date(asOf.getTime() - daysAgo * 86_400_000),
  amount,
});

describe('lifecycleStages', () => {
  it('runs its documented example', () => {
    const r = lifecycleStages(
      [
        { customerId: 'new', date: d('2024-06-20'), amount: 10 },
        { customerId: 'old', date: d('2023-01-01'), amount: 10 },
      ],
      { asOf: d('2024-06-30') },
    );
    expect(r.customers.map((c) => c.stage)).toEqual(['acquisition', 'lapsed']);
  });

  it('applies each rule in order (hand-computed, recent window = days 0..89 before asOf)', () => {
    const rows = [
      buy('lapsed', 400),
      buy('lapsed', 200), // 200 days > 180 → lapsed
      buy('acq', 10), // one purchase, inside the window
      buy('conv', 120),
      buy('conv', 10), // second purchase inside the window
      buy('oneOld', 120), // one purchase before the window: rate 1 → 0 → decline
      // decl: 8 purchase days before the window over 300 − 89 = 211 days (8/211 = 0.0379/day)
      // and 1 inside (1/90 = 0.0111/day < 0.5 × 0.0379 = 0.0190) → decline.
      ...[300, 270, 240, 210, 180, 150, 120, 95, 60].map((n) => buy('decl', n)),
      // upg: before the window 3 days over 170 − 89 = 81 days (0.0370/day), inside 3/90 = 0.0333
      // (≥ 0.5×, no decline); spend per day 20 vs 10 ≥ 1.25× → upgrade.
      ...[170, 140, 110].map((n) => buy('upg', n, 10)),
      ...[80, 50, 20].map((n) => buy('upg', n, 20)),
      // ret: same days, flat spend → retention.
      ...[170, 140, 110, 80, 50, 20].map((n) => buy('ret', n, 10)),
      buy('refund', 5, -7),
      buy('acq', -3), // after asOf: excluded and counted
    ];
    const r = lifecycleStages(rows, { asOf });
    expect(Object.fromEntries(r.customers.map((c) => [c.customerId, c.stage]))).toEqual({
      acq: 'acquisition',
      conv: 'conversion',
      decl: 'decline',
      lapsed: 'lapsed',
      oneOld: 'decline',
      ret: 'retention',
      upg: 'upgrade',
    });
    expect(r.returnsOnly).toEqual(['refund']);
    expect(r.excludedAfterAsOf).toBe(1);
    const decl = r.customers.find((c) => c.customerId === 'decl');
    expect(decl).toMatchObject({
      purchaseDays: 9,
      recentPurchases: 1,
      earlierPurchases: 8,
      daysSinceLastPurchase: 60,
    });
    // 90 × 8/211 = 3.41 per 90 days before the window.
    expect(decl?.reason).toBe(
      '1 purchases in the last 90 days vs 3.41 per 90 days before (< 0.5×)',
    );
    expect(r.customers.find((c) => c.customerId === 'upg')?.reason).toBe(
      'spend per purchase 20 in the last 90 days vs 10 before (≥ 1.25×)',
    );
  });

  it('honours configured thresholds', () => {
    const rows = [buy('a', 200), buy('a', 100)];
    expect(lifecycleStages(rows, { asOf }).customers[0]?.stage).toBe('decline');
    expect(lifecycleStages(rows, { asOf, lapsedDays: 60 }).customers[0]?.stage).toBe('lapsed');
    expect(lifecycleStages(rows, { asOf, recentDays: 120 }).customers[0]?.stage).toBe('conversion');
  });

  it('throws InvalidInputError for a bad asOf, threshold or row', () => {
    expect(() => lifecycleStages([], { asOf: new Date('x') })).toThrow(
      'lifecycleStages: expected asOf to be a valid Date, received Invalid Date',
    );
    expect(() => lifecycleStages([], { asOf, recentDays: 0 })).toThrow(
      'lifecycleStages: expected recentDays to be a positive integer, received 0',
    );
    expect(() =>
      lifecycleStages([{ customerId: 'a', date: asOf, amount: Number.NaN }], { asOf }),
    ).toThrow(InvalidInputError);
  });

  it('does not mutate its input', () => {
    const rows = [buy('a', 3), buy('a', 100)];
    const copy = structuredClone(rows);
    lifecycleStages(rows, { asOf });
    expect(rows).toEqual(copy);
  });

  fcTest.prop([
    fc.array(
      fc.record({
        c: fc.constantFrom('a', 'b', 'c'),
        n: fc.integer({ min: 0, max: 400 }),
        amt: fc.integer({ min: 1, max: 50 }),
      }),
      {
        maxLength: 40,
      },
    ),
    fc.integer(),
  ])('gives every buyer exactly one stage, independent of row order', (specs, seed) => {
    const rows = specs.map((s) => buy(s.c, s.n, s.amt));
    const a = lifecycleStages(rows, { asOf });
    const b = lifecycleStages(shuffle(rows, seed), { asOf });
    expect(b.customers.map((c) => [c.customerId, c.stage])).toEqual(
      a.customers.map((c) => [c.customerId, c.stage]),
    );
    expect(a.customers.map((c) => c.customerId)).toEqual(
      [...new Set(rows.map((r) => r.customerId))].sort(),
    );
  });
});
