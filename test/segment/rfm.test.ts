import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { rfmScores } from '../../src/segment/rfm';
import { summarizeCustomers } from '../../src/summarize/index';
import { sharedData } from '../_helpers/shared';
import { loadCdnowMaster } from '../summarize/_cdnow';
import { shuffle } from './_shuffle';

const row = (
  customerId: string,
  daysSinceLastPurchase: number,
  orders: number,
  totalSpend: number,
) => ({
  customerId,
  daysSinceLastPurchase,
  orders,
  totalSpend,
});
const counts = (xs: number[], bins: number) => {
  const c = new Array(bins).fill(0);
  for (const x of xs) c[x - 1]++;
  return c;
};

describe('rfmScores', () => {
  it('runs its documented example', () => {
    const s = rfmScores([row('a', 1, 9, 900), row('b', 30, 2, 50), row('c', 300, 1, 20)], {
      bins: 3,
    });
    expect(s.map((x) => x.cell)).toEqual(['333', '222', '111']);
    expect(s[0]).toEqual({
      customerId: 'a',
      r: 3,
      f: 3,
      m: 3,
      cell: '333',
      score: 9,
      recencyDays: 1,
      orders: 9,
      totalSpend: 900,
    });
  });

  it('keeps a tie block whole and fills the other scores by fair share (hand-computed)', () => {
    // orders 1,1,1,1,1,2,3,4,5,6 with 5 bins: score 1 must take the block of five 1s (fair share 2).
    // Then 5 customers over 4 scores → share 1.25: {2} (adding {3} gives |2 − 1.25| = 0.75, not
    // closer than 0.25); 4 over 3 → 1.33: {3}; 3 over 2 → 1.5: {4} (adding {5}: |2 − 1.5| = 0.5,
    // not strictly closer than 0.5); score 5 takes the rest {5, 6}.
    const orders = [1, 1, 1, 1, 1, 2, 3, 4, 5, 6];
    const s = rfmScores(orders.map((o, i) => row(`c${i}`, i, o, i)));
    expect(s.map((x) => x.f)).toEqual([1, 1, 1, 1, 1, 2, 3, 4, 5, 5]);
    // Recency reversed: fewer days → higher score; 10 distinct values → 2 per score.
    expect(s.map((x) => x.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('splits distinct values into sizes ⌊n/bins⌋ or ⌈n/bins⌉', () => {
    // 23 customers, 5 bins: shares 4.6 → sizes of 4 or 5 that sum to 23.
    const s = rfmScores(Array.from({ length: 23 }, (_, i) => row(`c${i}`, i, i, i * 1.5)));
    const c = counts(
      s.map((x) => x.m),
      5,
    );
    expect(c.reduce((a, b) => a + b, 0)).toBe(23);
    for (const k of c) expect([4, 5]).toContain(k);
  });

  fcTest.prop([fc.integer({ min: 1, max: 300 }), fc.integer({ min: 2, max: 9 })])(
    'without ties, every score holds ⌊n/bins⌋ or ⌈n/bins⌉ customers',
    (n, bins) => {
      fc.pre(n >= bins);
      const s = rfmScores(
        Array.from({ length: n }, (_, i) => row(`c${i}`, i, i, i)),
        { bins },
      );
      for (const k of ['r', 'f', 'm'] as const) {
        const c = counts(
          s.map((x) => x[k]),
          bins,
        );
        for (const size of c) expect([Math.floor(n / bins), Math.ceil(n / bins)]).toContain(size);
      }
    },
  );

  it('measures recency from asOf when given', () => {
    const d = (x: string) => new Date(`${x}T10:00:00Z`);
    const s = rfmScores(
      [
        { ...row('a', 999, 1, 1), lastPurchase: d('2024-01-30') },
        { ...row('b', 0, 1, 1), lastPurchase: d('2024-01-01') },
      ],
      { bins: 2, asOf: d('2024-01-31') },
    );
    expect(s.map((x) => [x.recencyDays, x.r])).toEqual([
      [1, 2],
      [30, 1],
    ]);
  });

  it('returns [] for no customers', () => {
    expect(rfmScores([])).toEqual([]);
  });

  it('throws InvalidInputError with the customer for bad input', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as InvalidInputError;
      }
      throw new Error('did not throw');
    };
    const e1 = err(() => rfmScores([row('a', 1, 1, 1)], { bins: 10 }));
    expect(e1).toBeInstanceOf(InvalidInputError);
    expect(e1.code).toBe('INVALID_INPUT');
    expect(e1.message).toBe('rfmScores: expected bins to be an integer in 2..9, received 10');
    expect(err(() => rfmScores([row('a', 1, 1, 1), row('a', 2, 2, 2)])).issues[0]?.code).toBe(
      'duplicate',
    );
    expect(err(() => rfmScores([row('x', 1, Number.NaN, 1)])).message).toBe(
      'rfmScores: expected orders to be a finite number ≥ 0, received NaN (customer "x")',
    );
    expect(err(() => rfmScores([row('x', -1, 1, 1)])).message).toMatch(
      /recency days .* received -1/,
    );
    expect(err(() => rfmScores([row('x', 1, 1, Number.POSITIVE_INFINITY)])).message).toMatch(
      /totalSpend/,
    );
    expect(
      err(() => rfmScores([row('x', 1, 1, 1)], { asOf: new Date(Number.NaN) })).message,
    ).toMatch(/asOf/);
    expect(err(() => rfmScores([row('x', 1, 1, 1)], { asOf: new Date() })).message).toMatch(
      /lastPurchase/,
    );
  });

  it('does not mutate its input', () => {
    const rows = [row('a', 1, 2, 3), row('b', 4, 5, 6)];
    const copy = structuredClone(rows);
    rfmScores(rows);
    expect(rows).toEqual(copy);
  });

  const arb = fc.array(
    fc.record({
      daysSinceLastPurchase: fc.integer({ min: 0, max: 30 }),
      orders: fc.integer({ min: 1, max: 8 }),
      totalSpend: fc.integer({ min: -10, max: 50 }),
    }),
    { minLength: 1, maxLength: 80 },
  );
  fcTest.prop([arb, fc.integer({ min: 2, max: 9 }), fc.integer()])(
    'never splits ties, is monotone, and does not depend on input order',
    (vals, bins, seed) => {
      const rows = vals.map((v, i) => ({ customerId: `c${i}`, ...v }));
      const s = rfmScores(rows, { bins });
      const shuffled = shuffle(rows, seed);
      const byId = new Map(rfmScores(shuffled, { bins }).map((x) => [x.customerId, x.cell]));
      for (const x of s) expect(byId.get(x.customerId)).toBe(x.cell);
      for (const a of s)
        for (const b of s) {
          if (a.totalSpend === b.totalSpend) expect(a.m).toBe(b.m);
          if (a.totalSpend < b.totalSpend) expect(a.m).toBeLessThanOrEqual(b.m);
          if (a.recencyDays < b.recencyDays) expect(a.r).toBeGreaterThanOrEqual(b.r);
          if (a.orders === b.orders) expect(a.f).toBe(b.f);
        }
      for (const x of s) for (const k of [x.r, x.f, x.m]) expect(k >= 1 && k <= bins).toBe(true);
      // Scores used are 1..k with no gap (k = min(bins, distinct values)).
      const used = [...new Set(s.map((x) => x.m))].sort((a, b) => a - b);
      expect(used).toEqual(used.map((_, i) => i + 1));
      expect(used.length).toBe(Math.min(bins, new Set(rows.map((r) => r.totalSpend)).size));
    },
  );
});

const master = sharedData('cdnow/CDNOW_master.txt');
describe.skipIf(!master)('rfmScores on CDNOW_master (to 1998-06-30)', () => {
  it('gives shares as even as the tie blocks allow (documented in docs/segments.md)', async () => {
    const summaries = summarizeCustomers(await loadCdnowMaster(master as string), {
      observationEnd: new Date('1998-06-30T00:00:00Z'),
      unit: 'day',
    });
    const s = rfmScores(summaries);
    const n = s.length;
    expect(n).toBe(23570);
    const largestTie = (xs: number[]) => {
      const c = new Map<number, number>();
      for (const x of xs) c.set(x, (c.get(x) ?? 0) + 1);
      return Math.max(...c.values());
    };
    // R and M: every share within one largest tie block of the fair share n/5 = 4,714.
    for (const [k, vals] of [
      ['r', s.map((x) => x.recencyDays)],
      ['m', s.map((x) => x.totalSpend)],
    ] as const) {
      const c = counts(
        s.map((x) => x[k]),
        5,
      );
      for (const size of c) expect(Math.abs(size - n / 5)).toBeLessThanOrEqual(largestTie(vals));
    }
    expect(
      counts(
        s.map((x) => x.r),
        5,
      ),
    ).toEqual([4735, 4712, 4702, 4702, 4719]);
    expect(
      counts(
        s.map((x) => x.m),
        5,
      ),
    ).toEqual([4817, 4688, 4689, 4688, 4688]);
    // F: 11,908 customers (50.5%) have a single order, so F = 1 is that block; the other 11,662
    // split by fair share over F = 2..5 along the blocks 2 (4,079), 3 (2,217), 4 + 5 (2,436), ≥ 6.
    const f = counts(
      s.map((x) => x.f),
      5,
    );
    expect(f[0]).toBe(summaries.filter((x) => x.orders === 1).length);
    expect(f).toEqual([11908, 4079, 2217, 2436, 2930]);
  });
});
