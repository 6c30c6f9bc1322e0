import { describe, expect, it } from 'vitest';
import { pairIndex, prepareRfm, prepareSpend, subsampleRfm } from '../../src/models/summaryData';

describe('prepareRfm', () => {
  it('merges identical rows into weights and indexes distinct frequencies', () => {
    const rows = [
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 2, recency: 5, T: 10 },
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 2, recency: 5, T: 10, weight: 3 },
      { frequency: 2, recency: 6, T: 10 },
    ];
    const copy = structuredClone(rows);
    const d = prepareRfm('t', rows);
    expect(rows).toEqual(copy);
    expect(d.rows).toBe(5);
    expect(d.n).toBe(7); // 1 + 1 + 1 + 3 + 1
    expect(Array.from(d.x)).toEqual([0, 2, 2]);
    expect(Array.from(d.tx)).toEqual([0, 5, 6]);
    expect(Array.from(d.w)).toEqual([2, 4, 1]);
    expect(Array.from(d.xValues)).toEqual([0, 2]);
    expect(Array.from(d.xWeight)).toEqual([2, 5]);
    expect(Array.from(d.xIndex)).toEqual([0, 1, 1]);
  });

  it('treats −0 and +0 alike and accepts columns with a weights option', () => {
    const d = prepareRfm(
      't',
      { frequency: [0, 0], recency: [0, -0], T: [3, 3] },
      Float64Array.of(0.5, 2),
    );
    expect(d.x.length).toBe(1);
    expect(d.n).toBe(2.5);
  });

  it('skips compression when large data is almost all distinct, with the same totals', () => {
    const n = 60_000;
    const d = prepareRfm('t', {
      frequency: Float64Array.from({ length: n }, (_, i) => i % 7),
      recency: Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : 1 + i * 1e-4)),
      T: Float64Array.from({ length: n }, (_, i) => 20 + i * 1e-4),
    });
    expect(d.x.length).toBe(n);
    expect(d.n).toBe(n);
    expect(Array.from(d.xValues).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('finds distinct pairs and takes systematic subsamples', () => {
    const p = pairIndex(Float64Array.of(1, 2, 1, 1), Float64Array.of(5, 5, 5, 6));
    expect(p.count).toBe(3);
    expect(Array.from(p.id)).toEqual([0, 1, 0, 2]);
    expect(Array.from(p.first)).toEqual([0, 1, 3]);
    const d = prepareRfm('t', {
      frequency: [0, 1, 2, 3, 4],
      recency: [0, 1, 2, 3, 4],
      T: [9, 9, 9, 9, 9],
    });
    const s = subsampleRfm(d, 2);
    expect(Array.from(s.x)).toEqual([0, 2, 4]);
    expect(s.n).toBe(3);
  });
});

describe('prepareSpend', () => {
  it('merges identical (frequency, monetaryValue) rows', () => {
    const d = prepareSpend('t', [
      { frequency: 1, monetaryValue: 10 },
      { frequency: 1, monetaryValue: 10 },
      { frequency: 2, monetaryValue: 10 },
    ]);
    expect(Array.from(d.w)).toEqual([2, 1]);
    expect(d.n).toBe(3);
  });
  it('names the customer of an invalid row and checks weights', () => {
    expect(() =>
      prepareSpend('gg', [
        { customerId: 'ok', frequency: 1, monetaryValue: 1 },
        { customerId: 'bad', frequency: 0, monetaryValue: 1 },
      ]),
    ).toThrow(
      /gg: expected frequency an integer ≥ 1 \(repeat customers only\), received 0 \(customer "bad"\)/,
    );
    expect(() => prepareSpend('gg', [{ frequency: 1, monetaryValue: 1 }], [Number.NaN])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => prepareRfm('t', { frequency: [1, 2], recency: [0], T: [1, 2] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => prepareRfm('t', [{ frequency: 1, recency: 0, T: 1 }], [0])).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_DATA' }),
    );
  });
});
