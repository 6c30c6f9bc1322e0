import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { silhouetteScore } from '../../src/segment/silhouette';

/** Seeded uniform numbers (LCG, Numerical Recipes constants) for test fixtures. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** n points around each centre, uniform in a ±spread box. */
function blobs(centres: number[][], perBlob: number, spread: number, seed: number) {
  const rnd = lcg(seed);
  const points: number[][] = [];
  const labels: number[] = [];
  centres.forEach((c, j) => {
    for (let i = 0; i < perBlob; i++) {
      points.push(c.map((v) => v + (rnd() * 2 - 1) * spread));
      labels.push(j);
    }
  });
  return { points, labels };
}

describe('silhouetteScore', () => {
  it('runs its documented example (hand-computed)', () => {
    // 1-D points 0, 2 | 6, 10, Euclidean distance:
    // x=0:  a = 2, b = (6 + 10)/2 = 8 → s = (8 − 2)/8 = 3/4
    // x=2:  a = 2, b = (4 + 8)/2 = 6  → s = (6 − 2)/6 = 2/3
    // x=6:  a = 4, b = (6 + 4)/2 = 5  → s = (5 − 4)/5 = 1/5
    // x=10: a = 4, b = (10 + 8)/2 = 9 → s = (9 − 4)/9 = 5/9
    // mean = (135 + 120 + 36 + 100)/180/4 = 391/720 (scikit-learn 1.2.1: 0.5430555555555555)
    expect(silhouetteScore([[0], [2], [6], [10]], [0, 0, 1, 1])).toBeCloseTo(391 / 720, 14);
  });

  it('scores a singleton cluster 0 (hand-computed, matches scikit-learn)', () => {
    // Add x=20 alone in cluster 2. b uses the nearest other cluster:
    // x=0: b = min(8, 20) = 8 → 3/4; x=2: min(6, 18) = 6 → 2/3; x=6: min(5, 14) = 5 → 1/5;
    // x=10: min(9, 10) = 9 → 5/9; x=20: singleton → 0. mean = (391/180)/5 = 391/900.
    // scikit-learn 1.2.1 silhouette_score: 0.4344444444444444
    const s = silhouetteScore([[0], [2], [6], [10], [20]], [0, 0, 1, 1, 2]);
    expect(s).toBeCloseTo(391 / 900, 14);
  });

  it('matches scikit-learn on a 2-D case', () => {
    // sklearn.metrics.silhouette_score(X, L), scikit-learn 1.2.1 (Debian python3-sklearn):
    // X = [[0,0],[1,0],[0,1],[5,5],[6,5],[5,7],[1,6]], L = [0,0,0,1,1,1,1] → 0.6647764589532584
    const X = [
      [0, 0],
      [1, 0],
      [0, 1],
      [5, 5],
      [6, 5],
      [5, 7],
      [1, 6],
    ];
    expect(silhouetteScore(X, [0, 0, 0, 1, 1, 1, 1])).toBeCloseTo(0.6647764589532584, 12);
  });

  it('uses labels only as names, gives 0 for duplicates split across clusters', () => {
    const a = silhouetteScore([[0], [2], [6], [10]], [0, 0, 1, 1]);
    expect(silhouetteScore([[0], [2], [6], [10]], [7, 7, -3, -3])).toBe(a);
    // Identical points, 3 per cluster: a = b = 0 → s = 0.
    expect(silhouetteScore([[1], [1], [1], [1]], [0, 0, 1, 1])).toBe(0);
  });

  it('is exact when sampleSize ≥ n, and a seeded, reproducible estimate above it', () => {
    const { points, labels } = blobs(
      [
        [0, 0, 0],
        [3, 0, 0],
        [0, 3, 1],
      ],
      1000,
      1.2,
      7,
    );
    const exact = silhouetteScore(points, labels, { sampleSize: 3000 });
    const sampled = silhouetteScore(points, labels, { sampleSize: 2500, seed: 3 });
    expect(silhouetteScore(points, labels, { sampleSize: 2500, seed: 3 })).toBe(sampled);
    expect(sampled).not.toBe(exact);
    // A 2,500-of-3,000 sample: the estimate is within 0.01 of the exact mean width.
    expect(Math.abs(sampled - exact)).toBeLessThan(0.01);
    const small = silhouetteScore(points, labels, { sampleSize: 300, seed: 3 });
    expect(Math.abs(small - exact)).toBeLessThan(0.05);
  });

  it('samples 10,000 points by default above 10,000 (seed 0 by default)', () => {
    const { points, labels } = blobs([[0], [2]], 5001, 1.5, 11); // n = 10,002
    const byDefault = silhouetteScore(points, labels);
    expect(byDefault).toBe(silhouetteScore(points, labels, { sampleSize: 10_000, seed: 0 }));
    expect(byDefault).not.toBe(silhouetteScore(points, labels, { sampleSize: 10_002 }));
  });

  fcTest.prop([
    fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
      minLength: 3,
      maxLength: 30,
    }),
    fc.integer({ min: 0, max: 1000 }),
  ])('stays in [−1, 1] and ignores point order', (pts, seed) => {
    const labels = pts.map((_, i) => i % 2);
    const s = silhouetteScore(pts, labels);
    expect(s).toBeGreaterThanOrEqual(-1);
    expect(s).toBeLessThanOrEqual(1);
    const rnd = lcg(seed);
    const order = pts.map((_, i) => i).sort(() => rnd() - 0.5);
    const shuffled = silhouetteScore(
      order.map((i) => pts[i]!),
      order.map((i) => labels[i]!),
    );
    expect(shuffled).toBeCloseTo(s, 12);
  });

  /** Straight from the definition: s(i) = (b − a)/max(a, b), singletons 0. */
  function naive(points: number[][], labels: number[]): number {
    const dist = (p: number[], q: number[]) => Math.hypot(...p.map((v, d) => v - q[d]!));
    const ids = [...new Set(labels)];
    const widths = points.map((p, i) => {
      const meanTo = (c: number) => {
        const others = points.filter((_, j) => labels[j] === c && j !== i);
        return others.reduce((s, q) => s + dist(p, q), 0) / others.length;
      };
      if (labels.filter((l) => l === labels[i]).length === 1) return 0;
      const a = meanTo(labels[i]!);
      const b = Math.min(...ids.filter((c) => c !== labels[i]).map(meanTo));
      return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
    });
    return widths.reduce((s, w) => s + w, 0) / points.length;
  }

  fcTest.prop([
    fc
      .integer({ min: 1, max: 5 })
      .chain((dim) =>
        fc.array(
          fc.tuple(
            fc.array(fc.integer({ min: -20, max: 20 }), { minLength: dim, maxLength: dim }),
            fc.integer({ min: 0, max: 3 }),
          ),
          { minLength: 4, maxLength: 25 },
        ),
      ),
  ])('matches the definition in 1 to 5 dimensions', (data) => {
    const points = data.map(([p]) => p);
    const labels = data.map(([, l]) => l);
    const k = new Set(labels).size;
    fc.pre(k >= 2 && k <= points.length - 1);
    expect(silhouetteScore(points, labels)).toBeCloseTo(naive(points, labels), 12);
  });

  it('does not mutate its inputs', () => {
    const points = [[0], [2], [6], [10]];
    const labels = [0, 0, 1, 1];
    const copy = structuredClone({ points, labels });
    silhouetteScore(points, labels, { sampleSize: 3, seed: 1 });
    expect({ points, labels }).toEqual(copy);
  });

  it('rejects invalid input with typed errors', () => {
    const bad = (f: () => unknown, pattern: RegExp) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        expect((e as InvalidInputError).code).toBe('INVALID_INPUT');
        expect((e as Error).message).toMatch(pattern);
      }
    };
    bad(() => silhouetteScore([[0], [1]], [0]), /expected labels one label per point/);
    bad(
      () => silhouetteScore([[0], [Number.NaN], [3]], [0, 1, 1]),
      /points\[1\]\[0\] a finite number, received NaN/,
    );
    bad(() => silhouetteScore([[0], [1], [3]], [0, 0, 0]), /between 2 and 2 distinct labels/);
    bad(() => silhouetteScore([[0], [1], [3]], [0, 1, 2]), /received 3/);
    bad(() => silhouetteScore([[0], [1], [3]], [0, 1.5, 1]), /labels\[1\] an integer/);
    bad(() => silhouetteScore([[0, 1], [1], [3, 3]], [0, 1, 1]), /points\[1\] 2 coordinates/);
    bad(() => silhouetteScore([[0], [1], [3]], [0, 1, 1], { sampleSize: 1 }), /sampleSize/);
    bad(() => silhouetteScore([], []), /at least one point/);
  });
});
