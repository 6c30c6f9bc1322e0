import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { dedupe } from '../../src/prep/dedupe';
import { dropMissing, isMissing } from '../../src/prep/missing';
import { oneHot } from '../../src/prep/oneHot';
import { minMaxScale, zScore } from '../../src/prep/scale';

describe('isMissing', () => {
  it('runs its documented example', () => {
    expect(isMissing(' ')).toBe(true);
    expect(isMissing(Number.NaN)).toBe(true);
    expect(isMissing(0)).toBe(false);
    expect(isMissing(' ', false)).toBe(false);
    expect(isMissing(new Date(Number.NaN))).toBe(true);
    expect(isMissing(false)).toBe(false);
  });
});

describe('dropMissing', () => {
  it('runs its documented example', () => {
    const rows = [
      { id: 'a', age: 31, city: 'Paris' },
      { id: 'b', age: null, city: 'Lyon' },
      { id: 'c', age: 40, city: ' ' },
    ];
    const r = dropMissing(rows, { columns: ['age'] });
    expect(r.rows).toEqual([rows[0], rows[2]]);
    expect(r.dropped).toEqual([{ index: 1, columns: ['age'] }]);
    // Without columns every key is checked (pandas dropna()): the blank city also drops c.
    expect(dropMissing(rows).dropped).toEqual([
      { index: 1, columns: ['age'] },
      { index: 2, columns: ['city'] },
    ]);
  });

  test.prop([
    fc.array(fc.record({ a: fc.oneof(fc.integer(), fc.constant(null), fc.constant('')) })),
  ])('kept + dropped = input, in order, without mutation', (rows) => {
    const before = structuredClone(rows);
    const r = dropMissing(rows);
    expect(r.rows.length + r.dropped.length).toBe(rows.length);
    expect(r.rows.every((x) => !isMissing(x.a))).toBe(true);
    expect(rows).toEqual(before);
  });
});

describe('dedupe', () => {
  it('runs its documented example', () => {
    expect(
      dedupe([
        { id: 'a', amount: 5 },
        { id: 'a', amount: 5 },
        { id: 'a', amount: 7 },
      ]),
    ).toEqual({
      rows: [
        { id: 'a', amount: 5 },
        { id: 'a', amount: 7 },
      ],
      removed: [1],
    });
  });

  it('compares text, numbers and dates by value, with subset and keep: last', () => {
    const rows = [
      { id: 'a', n: 5, d: new Date('2024-01-01T00:00:00Z') },
      { id: 'a', n: '5', d: new Date('2024-01-01T00:00:00Z') },
      { id: 'a', n: 5, d: new Date('2024-01-01T00:00:00Z') },
      { id: 'b', n: Number.NaN, d: new Date('2024-01-02T00:00:00Z') },
      { id: 'b', n: Number.NaN, d: new Date('2024-01-02T00:00:00Z') },
    ];
    expect(dedupe(rows).removed).toEqual([2, 4]);
    expect(dedupe(rows, { keep: 'last' }).removed).toEqual([0, 3]);
    expect(dedupe(rows, { columns: ['id'] }).removed).toEqual([1, 2, 4]);
  });
});

describe('oneHot', () => {
  it('runs its documented example', () => {
    expect(
      oneHot(
        [
          { id: 1, city: 'Paris' },
          { id: 2, city: 'Lyon' },
          { id: 3, city: null },
        ],
        'city',
      ),
    ).toEqual({
      rows: [
        { id: 1, city_Lyon: 0, city_Paris: 1 },
        { id: 2, city_Lyon: 1, city_Paris: 0 },
        { id: 3, city_Lyon: 0, city_Paris: 0 },
      ],
      columns: ['city_Lyon', 'city_Paris'],
      categories: ['Lyon', 'Paris'],
    });
  });

  it('supports explicit categories, dropFirst and prefixes; rejects unknown categories', () => {
    const rows = [{ g: 'm' }, { g: 'f' }];
    expect(
      oneHot(rows, 'g', {
        categories: ['f', 'm', 'o'],
        dropFirst: true,
        prefix: 'sex',
        separator: '=',
      }),
    ).toEqual({
      rows: [
        { 'sex=m': 1, 'sex=o': 0 },
        { 'sex=m': 0, 'sex=o': 0 },
      ],
      columns: ['sex=m', 'sex=o'],
      categories: ['f', 'm', 'o'],
    });
    expect(() => oneHot(rows, 'g', { categories: ['f'] })).toThrow(
      'oneHot: expected g one of the given categories, received "m" (line 0)',
    );
    expect(() => oneHot(rows, 'g', { categories: ['f', 'f'] })).toThrow(InvalidInputError);
    expect(() => oneHot([{ g: 'x', g_x: 1 }], 'g')).toThrow(InvalidInputError);
    expect(rows).toEqual([{ g: 'm' }, { g: 'f' }]);
  });

  it('a category named __proto__ becomes a column, not a prototype', () => {
    const { rows } = oneHot([{ c: '__proto__' }], 'c', { prefix: '', separator: '' });
    expect(Object.keys(rows[0]!)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.prop([fc.array(fc.constantFrom('a', 'b', 'c', null), { maxLength: 30 })])(
    'each row has at most one 1 and exactly one when not missing',
    (values) => {
      const { rows, columns } = oneHot(
        values.map((v) => ({ v })),
        'v',
      );
      rows.forEach((r, i) => {
        const ones = columns.reduce((s, c) => s + (r[c] as number), 0);
        expect(ones).toBe(values[i] === null ? 0 : 1);
      });
    },
  );
});

describe('minMaxScale', () => {
  it('runs its documented example', () => {
    expect(minMaxScale([10, 20, 40])).toEqual([0, 0.3333333333333333, 1]);
    expect(minMaxScale([5, 5, 5])).toEqual([0, 0, 0]);
  });

  it('maps onto a custom range; hand-computed: [1,2,3] → [-1,0,1]', () => {
    // low + (x − 1)/(3 − 1) × 2 with low = −1.
    expect(minMaxScale([1, 2, 3], { range: [-1, 1] })).toEqual([-1, 0, 1]);
    expect(minMaxScale([7], { range: [2, 3] })).toEqual([2]); // constant → low, as scikit-learn
    expect(minMaxScale([])).toEqual([]);
  });

  it('rejects non-finite values and bad ranges with typed errors', () => {
    expect(() => minMaxScale([1, Number.NaN])).toThrow(
      'minMaxScale: expected values[1] a finite number, received NaN',
    );
    expect(() => minMaxScale([1], { range: [1, 1] })).toThrow(InvalidInputError);
  });

  test.prop([fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1 })])(
    'stays within [0, 1], hits both ends, keeps order, does not mutate',
    (values) => {
      const copy = [...values];
      const s = minMaxScale(values);
      expect(values).toEqual(copy);
      expect(s.every((x) => x >= 0 && x <= 1)).toBe(true);
      if (Math.min(...values) !== Math.max(...values)) {
        expect(Math.min(...s)).toBe(0);
        expect(Math.max(...s)).toBe(1);
      }
      for (let i = 1; i < values.length; i++) {
        if (values[i]! > values[i - 1]!) expect(s[i]!).toBeGreaterThanOrEqual(s[i - 1]!);
      }
    },
  );
});

describe('zScore', () => {
  it('runs its documented example (mean 5, population sd 2)', () => {
    expect(zScore([2, 4, 4, 4, 5, 5, 7, 9])).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
  });

  it('uses the sample SD with ddof: 1 and gives zeros for constant input', () => {
    // [1, 2, 3]: mean 2, sample sd = sqrt((1 + 0 + 1)/2) = 1 → [-1, 0, 1].
    expect(zScore([1, 2, 3], { ddof: 1 })).toEqual([-1, 0, 1]);
    expect(zScore([4, 4])).toEqual([0, 0]);
    expect(zScore([4], { ddof: 1 })).toEqual([0]);
    expect(zScore([])).toEqual([]);
    // A spread so small its squares would underflow (found by fast-check): still sd 1.
    const tiny = zScore([4.0834685681589464e-162, 0, 0]);
    expect(tiny[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(tiny[1]).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(() => zScore([1, Number.POSITIVE_INFINITY])).toThrow(InvalidInputError);
  });

  test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2 })])(
    'has mean 0 and population sd 1 unless constant',
    (values) => {
      const z = zScore(values);
      const n = z.length;
      const mean = z.reduce((a, b) => a + b, 0) / n;
      expect(Math.abs(mean)).toBeLessThan(1e-9);
      const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
      if (z.some((x) => x !== 0)) expect(sd).toBeCloseTo(1, 9);
      else expect(sd).toBe(0);
    },
  );
});
