import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidInputError } from '../../src/errors';
import { valueTiers } from '../../src/segment/tiers';
import { shuffle } from './_shuffle';

const rows = (spends: number[]) =>
  spends.map((totalSpend, i) => ({ customerId: `c${i}`, totalSpend }));

describe('valueTiers', () => {
  it('runs its documented example (hand-computed 80/15/5 split)', () => {
    const r = valueTiers(rows([40, 30, 10, 10, 5, 3, 2]));
    // Total 100. Revenue above each: 0, 40, 70, 70 (tie block enters at 70) → high (< 80%);
    // 90 → medium (< 95%); 95 → low (a share exactly on the cut goes down); 98 → low.
    expect(r.customers.map((c) => c.tier)).toEqual([
      'high',
      'high',
      'high',
      'high',
      'medium',
      'low',
      'low',
    ]);
    expect(r.customers.map((c) => c.revenueShareBefore)).toEqual([
      0, 0.4, 0.7, 0.7, 0.9, 0.95, 0.98,
    ]);
    expect(r.tiers).toEqual([
      { tier: 'high', customers: 4, customerShare: 4 / 7, revenue: 90, revenueShare: 0.9 },
      { tier: 'medium', customers: 1, customerShare: 1 / 7, revenue: 5, revenueShare: 0.05 },
      { tier: 'low', customers: 2, customerShare: 2 / 7, revenue: 5, revenueShare: 0.05 },
    ]);
  });

  it('uses caller shares and puts non-positive spenders in low', () => {
    // Shares 50/30/20 on total 100 (the −5 is excluded from the total): 60 → high; 25 enters at
    // 60% → medium; 15 enters at 85% → low; 0 and −5 → low.
    const r = valueTiers(rows([60, 25, 15, 0, -5]), {
      shares: { high: 0.5, medium: 0.3, low: 0.2 },
    });
    expect(r.customers.map((c) => c.tier)).toEqual(['high', 'medium', 'low', 'low', 'low']);
    expect(r.tiers[2]).toMatchObject({ customers: 3, revenue: 10, revenueShare: 0.1 });
  });

  it('throws typed errors for bad shares, bad spend and no positive revenue', () => {
    expect(() => valueTiers(rows([1]), { shares: { high: 0.8, medium: 0.15, low: 0.1 } })).toThrow(
      'valueTiers: expected shares to sum to 1, received 1.05',
    );
    expect(() => valueTiers(rows([1]), { shares: { high: 1.2, medium: 0, low: -0.2 } })).toThrow(
      InvalidInputError,
    );
    expect(() => valueTiers([{ customerId: 'x', totalSpend: Number.NaN }])).toThrow(
      'valueTiers: expected totalSpend to be a finite number, received NaN (customer "x")',
    );
    const e = (() => {
      try {
        valueTiers(rows([0, -3]));
      } catch (err) {
        return err as InsufficientDataError;
      }
    })();
    expect(e).toBeInstanceOf(InsufficientDataError);
    expect(e?.code).toBe('INSUFFICIENT_DATA');
    expect(() => valueTiers([])).toThrow(InsufficientDataError);
  });

  it('does not mutate its input', () => {
    const input = rows([3, 1, 2]);
    const copy = structuredClone(input);
    valueTiers(input);
    expect(input).toEqual(copy);
  });

  const rank = { high: 0, medium: 1, low: 2 } as const;
  fcTest.prop([
    fc.array(fc.integer({ min: -20, max: 500 }), { minLength: 1, maxLength: 60 }),
    fc.integer(),
  ])(
    'is monotone in spend, never splits ties, covers every customer and ignores order',
    (spends, seed) => {
      fc.pre(spends.some((s) => s > 0));
      const input = rows(spends);
      const r = valueTiers(input);
      const s = valueTiers(shuffle(input, seed));
      const byId = new Map(s.customers.map((c) => [c.customerId, c.tier]));
      for (const c of r.customers) expect(byId.get(c.customerId)).toBe(c.tier);
      for (const a of r.customers)
        for (const b of r.customers) {
          if (a.totalSpend === b.totalSpend) expect(a.tier).toBe(b.tier);
          if (a.totalSpend > b.totalSpend) expect(rank[a.tier]).toBeLessThanOrEqual(rank[b.tier]);
        }
      expect(r.tiers.reduce((n, t) => n + t.customers, 0)).toBe(spends.length);
      // The high tier covers at least 80% of positive revenue unless its last block is the whole rest.
      const pos = spends.filter((x) => x > 0).reduce((a, b) => a + b, 0);
      const high = r.customers
        .filter((c) => c.tier === 'high')
        .reduce((a, c) => a + c.totalSpend, 0);
      expect(high / pos).toBeGreaterThanOrEqual(0.8 - 1e-9);
    },
  );
});
