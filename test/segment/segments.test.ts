import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { type RfmScore, rfmScores } from '../../src/segment/rfm';
import { summarizeSegments } from '../../src/segment/segmentSummary';
import {
  DEFAULT_SEGMENT_RULES,
  rfmSegments,
  type SegmentRule,
  validateSegmentRules,
} from '../../src/segment/segments';
import { summarizeCustomers } from '../../src/summarize/index';
import { sharedData } from '../_helpers/shared';
import { loadCdnowMaster } from '../summarize/_cdnow';
import { shuffle } from './_shuffle';

const score = (customerId: string, cell: string, totalSpend = 10): RfmScore => {
  const [r, f, m] = [...cell].map(Number) as [number, number, number];
  return { customerId, r, f, m, cell, score: r + f + m, recencyDays: 1, orders: 1, totalSpend };
};

describe('rfmSegments', () => {
  it('runs its documented example', () => {
    const s = rfmSegments([score('a', '555'), score('b', '111'), score('c', '515')]);
    expect(s.map((x) => x.segment)).toEqual(['Champions', 'Lost', 'New Customers']);
    expect(s[0]?.action).toMatch(/^Reward and retain/);
    expect(s[0]).toMatchObject({ customerId: 'a', cell: '555' });
  });

  it("follows the rfm package's table, first match wins (hand-checked cells)", () => {
    // Each cell checked by hand against the rules in order (issue #4 table):
    const expected: Record<string, string> = {
      '555': 'Champions',
      '355': 'Potential Loyalist', // R3–5 F3–5 M2–5
      '222': 'Loyal Customers', // R2–4 F2–4 M2–4
      '315': 'Promising', // F1 fails the two above; R3–4 F1–3 M3–5
      '411': 'New Customers', // M1 fails Promising; R4–5 F1–3 M1–5
      '135': "Can't Lose Them", // R1 fails rules 1–5; R1–2 F3–4 M4–5
      '125': 'At Risk', // F2 fails Can't Lose Them; R1–2 F2–5 M4–5
      '153': 'Need Attention', // M3 fails the two above; R1–3 F3–5 M3–5
      '311': 'About To Sleep', // R2–3 F1–3 M1–4
      '111': 'Lost',
      '251': 'Others', // R2 F5 M1 matches no rule
    };
    const out = rfmSegments(Object.keys(expected).map((cell) => score(cell, cell)));
    expect(Object.fromEntries(out.map((x) => [x.cell, x.segment]))).toEqual(expected);
  });

  it('gives each of the 125 cells exactly the first matching rule, else Others', () => {
    const cells: RfmScore[] = [];
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) cells.push(score(`${r}${f}${m}`, `${r}${f}${m}`));
    const out = rfmSegments(cells);
    expect(out).toHaveLength(125);
    const within = (v: number, [lo, hi]: readonly [number, number]) => lo <= v && v <= hi;
    for (const c of out) {
      const matches = DEFAULT_SEGMENT_RULES.filter(
        (x) => within(c.r, x.r) && within(c.f, x.f) && within(c.m, x.m),
      );
      expect(c.segment).toBe(matches[0]?.name ?? 'Others');
    }
  });

  it('uses caller rules instead of the defaults', () => {
    const rules: SegmentRule[] = [
      { name: 'VIP', r: [2, 3], f: [2, 3], m: [3, 3], action: 'Call them.' },
      { name: 'Everyone', r: [1, 3], f: [1, 3], m: [1, 3], action: 'Email them.' },
    ];
    const out = rfmSegments([score('a', '333'), score('b', '113')], rules);
    expect(out.map((x) => [x.segment, x.action])).toEqual([
      ['VIP', 'Call them.'],
      ['Everyone', 'Email them.'],
    ]);
  });

  it('throws InvalidInputError for malformed rules and scores', () => {
    const bad = [
      { name: 'X', r: [3, 1], f: [1, 5], m: [1, 5], action: '' },
    ] as unknown as SegmentRule[];
    const call = () => rfmSegments([score('a', '111')], bad);
    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(
      'rfmSegments: expected rules[0].r to be an inclusive range [low, high] with low ≤ high, received array(2)',
    );
    try {
      call();
    } catch (e) {
      expect((e as InvalidInputError).issues[0]?.code).toBe('invalid_rule');
    }
    expect(() => rfmSegments([{ ...score('a', '111'), r: 1.5 }])).toThrow(
      'rfmSegments: expected r to be an integer score in 1..5 (the default rules are for 5 bins), received 1.5 (customer "a")',
    );
    // Scores from 7 bins cannot be read with the 5-bin default table…
    expect(() => rfmSegments([score('a', '711')])).toThrow(/received 7 \(customer "a"\)/);
    // …but can with caller rules.
    const rules: SegmentRule[] = [
      { name: 'Top', r: [6, 7], f: [1, 7], m: [1, 7], action: 'Keep.' },
    ];
    expect(rfmSegments([score('a', '711')], rules)[0]?.segment).toBe('Top');
    expect(() => rfmSegments('x' as never)).toThrow(InvalidInputError);
  });

  it('does not mutate its input', () => {
    const scores = [score('a', '555'), score('b', '111')];
    const copy = structuredClone(scores);
    rfmSegments(scores);
    expect(scores).toEqual(copy);
  });

  fcTest.prop([
    fc.array(
      fc.tuple(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
      ),
      { maxLength: 50 },
    ),
  ])('covers every customer exactly once, with a segment from the rules or Others', (cells) => {
    const scores = cells.map(([r, f, m], i) => score(`c${i}`, `${r}${f}${m}`));
    const out = rfmSegments(scores);
    expect(out.map((x) => x.customerId)).toEqual(scores.map((x) => x.customerId));
    const names = new Set([...DEFAULT_SEGMENT_RULES.map((x) => x.name), 'Others']);
    for (const x of out) expect(names.has(x.segment)).toBe(true);
    const total = summarizeSegments(out).reduce((s, x) => s + x.customers, 0);
    expect(total).toBe(scores.length);
  });
});

describe('validateSegmentRules', () => {
  it('runs its documented example', () => {
    expect(
      validateSegmentRules([
        { name: 'VIP', r: [4, 5], f: [4, 5], m: [4, 5], action: 'Call them.' },
      ]),
    ).toBeUndefined();
    expect(() =>
      validateSegmentRules([{ name: 'Bad', r: [5, 4], f: [1, 5], m: [1, 5], action: '' }]),
    ).toThrow(
      'rfmSegments: expected rules[0].r to be an inclusive range [low, high] with low ≤ high, received array(2)',
    );
    expect(() =>
      validateSegmentRules([{ name: '', r: [1, 1], f: [1, 1], m: [1, 1], action: '' }]),
    ).toThrow(/rules\[0\]\.name/);
    expect(() => validateSegmentRules('x' as never)).toThrow(InvalidInputError);
  });
});

const master = sharedData('cdnow/CDNOW_master.txt');
describe.skipIf(!master)('RFM segments on CDNOW_master', () => {
  it('puts every customer in exactly one segment, with counts stable under input reordering', async () => {
    const txs = await loadCdnowMaster(master as string);
    const opts = { observationEnd: new Date('1998-06-30T00:00:00Z'), unit: 'day' } as const;
    const count = (rows: typeof txs) => {
      const seg = rfmSegments(rfmScores(summarizeCustomers(rows, opts)));
      expect(new Set(seg.map((x) => x.customerId)).size).toBe(seg.length);
      return summarizeSegments(seg).map((x) => [x.segment, x.customers]);
    };
    const base = count(txs);
    expect(base.reduce((s, x) => s + (x[1] as number), 0)).toBe(23570);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(count(shuffle(txs, seed))).toEqual(base);
      }),
      { numRuns: 2 },
    );
  });
});
