import { describe, expect, it } from 'vitest';
import type { RfmScore } from '../../src/segment/rfm';
import { summarizeSegments } from '../../src/segment/segmentSummary';
import { DEFAULT_SEGMENT_RULES, rfmSegments } from '../../src/segment/segments';

const score = (customerId: string, cell: string, totalSpend = 10): RfmScore => {
  const [r, f, m] = [...cell].map(Number) as [number, number, number];
  return { customerId, r, f, m, cell, score: r + f + m, recencyDays: 1, orders: 1, totalSpend };
};

describe('summarizeSegments', () => {
  it('runs its documented example', () => {
    const first = summarizeSegments(
      rfmSegments([
        {
          customerId: 'a',
          r: 5,
          f: 5,
          m: 5,
          cell: '555',
          score: 15,
          recencyDays: 1,
          orders: 9,
          totalSpend: 900,
        },
        {
          customerId: 'b',
          r: 1,
          f: 1,
          m: 1,
          cell: '111',
          score: 3,
          recencyDays: 300,
          orders: 1,
          totalSpend: 100,
        },
      ]),
    )[0];
    expect(first).toEqual({
      segment: 'Champions',
      action: DEFAULT_SEGMENT_RULES[0]?.action,
      customers: 1,
      customerShare: 0.5,
      revenue: 900,
      revenueShare: 0.9,
    });
  });

  it('counts customers and revenue per segment in rule order (hand-computed)', () => {
    const out = summarizeSegments(
      rfmSegments([score('a', '555', 60), score('b', '555', 30), score('c', '111', 10)]),
    );
    expect(out.map((x) => x.segment)).toEqual([
      ...DEFAULT_SEGMENT_RULES.map((x) => x.name),
      'Others',
    ]);
    // Champions: 2 of 3 customers, 90 of 100 revenue.
    expect(out[0]).toMatchObject({
      segment: 'Champions',
      customers: 2,
      customerShare: 2 / 3,
      revenue: 90,
      revenueShare: 0.9,
    });
    expect(out.find((x) => x.segment === 'Lost')).toMatchObject({
      customers: 1,
      revenueShare: 0.1,
    });
    expect(out.find((x) => x.segment === 'Others')).toMatchObject({
      customers: 0,
      customerShare: 0,
    });
  });
});
