import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidInputError } from '../../src/errors';
import { adjustedRandIndex } from '../../src/segment/kmeansAgreement';

describe('adjustedRandIndex', () => {
  it('runs its documented example', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 14);
  });

  it('matches a hand-computed case (and scikit-learn 1.2.1 adjusted_rand_score)', () => {
    // a = [0,0,0,1,1,1,2,2], b = [0,0,1,1,2,2,2,2]. Contingency n_ij:
    // a=0 → b {0:2, 1:1}; a=1 → b {1:1, 2:2}; a=2 → b {2:2}.
    // Σ C(n_ij) = 1 + 0 + 0 + 1 + 1 = 3; row sums 3,3,2 → Σ C = 3 + 3 + 1 = 7;
    // column sums 2,2,4 → Σ C = 1 + 1 + 6 = 8; C(8) = 28; expected = 7·8/28 = 2; max = 7.5;
    // ARI = (3 − 2)/(7.5 − 2) = 2/11. scikit-learn: 0.18181818181818182.
    const a = [0, 0, 0, 1, 1, 1, 2, 2];
    const b = [0, 0, 1, 1, 2, 2, 2, 2];
    expect(adjustedRandIndex(a, b)).toBeCloseTo(2 / 11, 14);
    // One partition all singletons, the other one cluster: scikit-learn gives 0.0.
    expect(adjustedRandIndex([0, 0, 0], [0, 1, 2])).toBe(0);
  });

  it('returns 1 for identical trivial partitions and accepts string labels', () => {
    expect(adjustedRandIndex([5, 5, 5], ['x', 'x', 'x'])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], ['a', 'b', 'c'])).toBe(1);
    expect(adjustedRandIndex(['a'], [3])).toBe(1);
    // '1' and 1 are different labels.
    expect(adjustedRandIndex([1, '1', 1, '1'], [0, 1, 0, 1])).toBe(1);
  });

  const labelling = fc
    .integer({ min: 2, max: 40 })
    .chain((n) =>
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
      ),
    );

  fcTest.prop([labelling])('is symmetric, ≤ 1, and 1 against itself', ([a, b]) => {
    const ab = adjustedRandIndex(a, b);
    expect(adjustedRandIndex(b, a)).toBeCloseTo(ab, 12);
    expect(ab).toBeLessThanOrEqual(1 + 1e-12);
    expect(adjustedRandIndex(a, a)).toBe(1);
    // Renaming labels does not matter.
    expect(
      adjustedRandIndex(
        a.map((x) => `c${(x * 7) % 5}`),
        b,
      ),
    ).toBeCloseTo(ab, 12);
  });

  it('rejects invalid input with typed errors', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(InvalidInputError);
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(
      'adjustedRandIndex: expected b the same length as a (2), received "length 1"',
    );
    try {
      adjustedRandIndex([], []);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InsufficientDataError);
      expect((e as InsufficientDataError).code).toBe('INSUFFICIENT_DATA');
    }
  });
});
