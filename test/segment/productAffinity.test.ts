import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidInputError } from '../../src/errors';
import { productAffinity } from '../../src/segment/productAffinity';
import { shuffle } from './_shuffle';

const t = (orderId: string | undefined, productId: string | undefined, amount = 1) => ({
  customerId: 'c',
  date: new Date(0),
  amount,
  ...(orderId === undefined ? {} : { orderId }),
  ...(productId === undefined ? {} : { productId }),
});

describe('productAffinity', () => {
  it('runs its documented example (hand-computed)', () => {
    const r = productAffinity(
      [t('1', 'tea'), t('1', 'cups'), t('2', 'tea'), t('2', 'cups'), t('3', 'tea'), t('4', 'jam')],
      {
        minSupport: 0.5,
      },
    );
    // 4 baskets: tea in 3 (0.75), cups in 2 (0.5), jam in 1 (0.25, below 0.5: pruned).
    // tea & cups in 2 → support 0.5; confidence cups→tea = 0.5/0.5 = 1, tea→cups = 0.5/0.75;
    // lift = 0.5 / (0.5 × 0.75) = 4/3.
    expect(r.baskets).toBe(4);
    expect(r.rules).toEqual([
      { antecedent: 'cups', consequent: 'tea', count: 2, support: 0.5, confidence: 1, lift: 4 / 3 },
      {
        antecedent: 'tea',
        consequent: 'cups',
        count: 2,
        support: 0.5,
        confidence: 0.5 / 0.75,
        lift: 4 / 3,
      },
    ]);
  });

  it('reports lift below 1 for products bought together less than chance, and counts skipped rows', () => {
    const rows = [
      t('1', 'a'),
      t('1', 'b'),
      t('2', 'a'),
      t('3', 'a'),
      t('4', 'b'),
      t('5', 'b'),
      t('1', 'a'), // same product twice in a basket counts once
      t('6', 'a', -1), // a return
      t(undefined, 'a'),
      t('7', undefined),
    ];
    const r = productAffinity(rows, { minSupport: 0.1 });
    // 5 baskets: a in 3 (0.6), b in 3 (0.6), both in 1 (0.2): lift = 0.2 / 0.36 = 0.5556.
    expect(r.baskets).toBe(5);
    expect(r.rules[0]).toMatchObject({ antecedent: 'a', consequent: 'b', count: 1, support: 0.2 });
    expect(r.rules[0]?.lift).toBeCloseTo(0.2 / 0.36, 12);
    expect(r.skipped).toEqual({ returns: 1, missingOrderId: 1, missingProductId: 1 });
  });

  it('throws typed errors for bad options, bad rows and no baskets', () => {
    expect(() => productAffinity([t('1', 'a')], { minSupport: 0 })).toThrow(
      'productAffinity: expected minSupport to be a number in (0, 1], received 0',
    );
    expect(() => productAffinity([{ ...t('1', 'a'), amount: Number.NaN }])).toThrow(
      InvalidInputError,
    );
    const e = (() => {
      try {
        productAffinity([t(undefined, 'a')]);
      } catch (err) {
        return err as InsufficientDataError;
      }
    })();
    expect(e).toBeInstanceOf(InsufficientDataError);
    expect(e?.code).toBe('INSUFFICIENT_DATA');
  });

  it('does not mutate its input', () => {
    const rows = [t('1', 'a'), t('1', 'b')];
    const copy = structuredClone(rows);
    productAffinity(rows, { minSupport: 0.5 });
    expect(rows).toEqual(copy);
  });

  fcTest.prop([
    fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom('a', 'b', 'c', 'd', 'e')), {
      minLength: 1,
      maxLength: 50,
    }),
    fc.constantFrom(0.1, 0.2, 0.3),
    fc.integer(),
  ])('keeps rules within their definitions and ignores row order', (pairs, minSupport, seed) => {
    const rows = pairs.map(([o, p]) => t(String(o), p));
    const r = productAffinity(rows, { minSupport });
    const baskets = new Map<string, Set<string>>();
    for (const [o, p] of pairs)
      baskets.set(String(o), (baskets.get(String(o)) ?? new Set()).add(p));
    const sup = (...ps: string[]) =>
      [...baskets.values()].filter((b) => ps.every((p) => b.has(p))).length / baskets.size;
    for (const x of r.rules) {
      expect(x.support).toBeCloseTo(sup(x.antecedent, x.consequent), 12);
      expect(x.support).toBeGreaterThanOrEqual(minSupport - 1e-9);
      expect(x.confidence).toBeCloseTo(x.support / sup(x.antecedent), 12);
      expect(x.lift).toBeCloseTo(x.confidence / sup(x.consequent), 12);
      expect(x.confidence).toBeLessThanOrEqual(1);
    }
    expect(productAffinity(shuffle(rows, seed), { minSupport }).rules).toEqual(r.rules);
  });
});
