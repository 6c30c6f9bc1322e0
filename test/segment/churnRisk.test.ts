import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import type { Interaction } from '../../src/schema/index';
import { churnRisk } from '../../src/segment/churnRisk';
import { shuffle } from './_shuffle';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const exampleRows = () => {
  const rows = ['2024-01-01', '2024-01-11', '2024-01-21', '2024-01-31'].map((day) => ({
    customerId: 'steady',
    date: d(day),
    amount: 10,
  }));
  rows.push(
    { customerId: 'quiet', date: d('2024-01-01'), amount: 10 },
    { customerId: 'quiet', date: d('2024-01-11'), amount: 10 },
  );
  return rows;
};
const asOf = d('2024-02-05');

describe('churnRisk', () => {
  it('runs its documented example, with the hand-computed signals', () => {
    const r = churnRisk(exampleRows(), { asOf, recentDays: 30 });
    expect(r.map((x) => [x.customerId, x.rank])).toEqual([
      ['quiet', 1],
      ['steady', 2],
    ]);
    // Window = Jan 7..Feb 5 (30 days). quiet: 25 days since, median gap 10 → g = 2.5,
    // gap = 1 − 1/2.5 = 0.6; before the window 1 purchase over Jan 1..Jan 6 (6 days) = 1/6 per
    // day, inside 1/30 → frequency = 1 − (1/30)/(1/6) = 0.8; score = (0.6 + 0.8) / 2 = 0.7.
    const [quiet, steady] = r;
    expect(quiet?.signals.gap).toBeCloseTo(0.6, 12);
    expect(quiet?.signals.frequency).toBeCloseTo(0.8, 12);
    expect(quiet?.score).toBeCloseTo(0.7, 12);
    expect(quiet?.reasons).toEqual([
      'purchase rate fell to 1 per 30 days from 5', // 30 × 1/6 = 5
      'no purchase for 25 days, 2.50× the usual 10-day gap',
    ]);
    // steady: 5 days since, g = 0.5 → gap 0; 3 of 4 inside: 1 − (3/30)/(1/6) = 0.4 → score 0.2.
    expect(steady?.signals).toEqual({ gap: 0, frequency: expect.closeTo(0.4, 12) });
    expect(steady?.score).toBeCloseTo(0.2, 12);
    expect(steady?.reasons).toEqual([]);
  });

  it('adds P(alive) and interactions as signals, weighted', () => {
    const pAlive = new Map([
      ['quiet', 0.9],
      ['steady', 0.1],
    ]);
    // quiet (0.6 + 0.8 + 0.1) / 3 = 0.5; steady (0 + 0.4 + 0.9) / 3 = 0.4333.
    const r1 = churnRisk(exampleRows(), { asOf, recentDays: 30, probabilityAlive: pAlive });
    expect(r1.map((x) => [x.customerId, Number(x.score.toFixed(4))])).toEqual([
      ['quiet', 0.5],
      ['steady', 0.4333],
    ]);
    expect(r1[1]?.reasons).toContain('P(alive) 0.10 from the fitted model');
    // Weight 5 on P(alive): quiet (0.6 + 0.8 + 5 × 0.1) / 7 = 0.2714; steady (0.4 + 4.5) / 7 = 0.7.
    const r2 = churnRisk(exampleRows(), {
      asOf,
      recentDays: 30,
      probabilityAlive: { quiet: 0.9, steady: 0.1 },
      weights: { probabilityAlive: 5 },
    });
    expect(r2.map((x) => [x.customerId, Number(x.score.toFixed(4))])).toEqual([
      ['steady', 0.7],
      ['quiet', 0.2714],
    ]);
    // Interactions: steady had 4 in Dec 8..Jan 6 and 1 in Jan 7..Feb 5 → 1 − 1/4 = 0.75.
    const inter: Interaction[] = [
      '2023-12-10',
      '2023-12-20',
      '2023-12-30',
      '2024-01-05',
      '2024-02-01',
    ].map((day) => ({
      customerId: 'steady',
      date: d(day),
      kind: 'visit',
    }));
    const r3 = churnRisk(exampleRows(), { asOf, recentDays: 30, interactions: inter });
    const steady = r3.find((x) => x.customerId === 'steady');
    expect(steady?.signals.interactions).toBe(0.75);
    expect(steady?.reasons).toEqual(['interactions fell to 1 in the last 30 days from 4']);
    expect(steady?.score).toBeCloseTo((0 + 0.4 + 0.75) / 3, 12);
  });

  it('breaks score ties by days since the last purchase', () => {
    // Both bought once before the window and not since: frequency = 1 − 0 = 1, score 1 each.
    const rows = [
      { customerId: 'a', date: d('2023-12-01'), amount: 5 },
      { customerId: 'b', date: d('2023-10-01'), amount: 5 },
    ];
    const r = churnRisk(rows, { asOf, recentDays: 30 });
    expect(r.map((x) => [x.customerId, x.score, x.daysSinceLastPurchase])).toEqual([
      ['b', 1, 127], // Oct 1 → Feb 5: 30 + 30 + 31 + 31 + 5
      ['a', 1, 66], // Dec 1 → Feb 5: 30 + 31 + 5
    ]);
  });

  it('throws InvalidInputError for bad options and P(alive)', () => {
    expect(() => churnRisk(exampleRows(), { asOf, probabilityAlive: { quiet: 1.2 } })).toThrow(
      'churnRisk: expected probabilityAlive to be a number in [0, 1], received 1.2 (customer "quiet")',
    );
    expect(() => churnRisk(exampleRows(), { asOf, gapMultiple: -1 })).toThrow(InvalidInputError);
    expect(() => churnRisk(exampleRows(), { asOf, weights: { gap: 0 } })).toThrow(/weights.gap/);
    expect(() => churnRisk(exampleRows(), { asOf: undefined as never })).toThrow(/asOf/);
    expect(() =>
      churnRisk(exampleRows(), {
        asOf,
        interactions: [{ customerId: 'a', date: new Date('x'), kind: 'visit' }],
      }),
    ).toThrow(InvalidInputError);
  });

  it('does not mutate its input', () => {
    const rows = exampleRows();
    const copy = structuredClone(rows);
    churnRisk(rows, { asOf });
    expect(rows).toEqual(copy);
  });

  fcTest.prop([
    fc.array(
      fc.record({ c: fc.constantFrom('a', 'b', 'c', 'd'), n: fc.integer({ min: 0, max: 300 }) }),
      { maxLength: 40 },
    ),
    fc.integer(),
  ])(
    'scores stay in [0, 1], ranks are 1..n by score, and row order does not matter',
    (specs, seed) => {
      const rows = specs.map((s) => ({
        customerId: s.c,
        date: new Date(asOf.getTime() - s.n * 86_400_000),
        amount: 5,
      }));
      const r = churnRisk(rows, { asOf });
      expect(r.map((x) => x.rank)).toEqual(r.map((_, i) => i + 1));
      for (let i = 0; i < r.length; i++) {
        const x = r[i];
        expect(x && x.score >= 0 && x.score <= 1).toBe(true);
        if (i > 0) expect((r[i - 1]?.score ?? 0) >= (x?.score ?? 0)).toBe(true);
      }
      const s = churnRisk(shuffle(rows, seed), { asOf });
      expect(s.map((x) => [x.customerId, x.score])).toEqual(r.map((x) => [x.customerId, x.score]));
    },
  );
});
