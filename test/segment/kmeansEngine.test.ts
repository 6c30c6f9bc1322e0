import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InsufficientDataError } from '../../src/errors';
import { kmeansSegments } from '../../src/segment/kmeans';
import {
  flatten,
  hasDistinctFlat,
  kmeansBest,
  ranksBefore,
  restartCentres,
} from '../../src/segment/kmeansEngine';
import { lloydHamerly3 } from '../../src/segment/kmeansHamerly';
import { type LloydRun, lloyd } from '../../src/segment/kmeansLloyd';
import { kmeansPlusPlus } from '../../src/segment/kmeansPlusPlus';
import { kmeansDeriveSeed } from '../../src/segment/kmeansRandom';

/**
 * 300 points in 2-d: three Gaussian blobs (sd 1) at (0, 0), (3, 0), (1.5, 2.5), interleaved,
 * from a seeded LCG + Box–Muller. The scikit-learn references below were computed on exactly
 * these points (written to a float64 file by this function).
 */
function mixture(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const centres = [
    [0, 0],
    [3, 0],
    [1.5, 2.5],
  ];
  const x = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = centres[i % 3]!;
    const r = Math.sqrt(-2 * Math.log(u()));
    const a = 2 * Math.PI * u();
    x[2 * i] = c[0]! + r * Math.cos(a);
    x[2 * i + 1] = c[1]! + r * Math.sin(a);
  }
  return x;
}

const OPTIONS = {
  seed: 1,
  restarts: 10,
  maxIterations: 300,
  tolerance: 1e-8,
  initSampleSize: 20_000,
};

/** Σ squared distance of each point to the mean of its cluster, computed here from scratch. */
function partitionInertia(x: Float64Array, dim: number, labels: ArrayLike<number>): number {
  const n = x.length / dim;
  const sums = new Map<number, number[]>();
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const s = sums.get(labels[i]!) ?? new Array<number>(dim).fill(0);
    for (let j = 0; j < dim; j++) s[j]! += x[i * dim + j]!;
    sums.set(labels[i]!, s);
    counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = sums.get(labels[i]!)!;
    const m = counts.get(labels[i]!)!;
    for (let j = 0; j < dim; j++) total += (x[i * dim + j]! - s[j]! / m) ** 2;
  }
  return total;
}

const sqDist = (x: Float64Array, i: number, c: Float64Array, j: number, dim: number) => {
  let s = 0;
  for (let d = 0; d < dim; d++) s += (x[i * dim + d]! - c[j * dim + d]!) ** 2;
  return s;
};

describe('lloyd', () => {
  it('iterates to the fixed point of a hand-computed 1-d example', () => {
    // Points 0, 2, 10, 12 from centres 0 and 2.
    // It 1: 0 → c0; 2, 10, 12 → c1 (2 is on c1). Σd² = 0 + 0 + 8² + 10² = 164. Means 0 and 8.
    // It 2: 2 → c0 (|2−0| = 2 < |2−8| = 6). Σd² = 0 + 2² + 2² + 4² = 24. Means 1 and 11.
    // It 3: same labels, Σd² = 1 + 1 + 1 + 1 = 4, means unchanged: shift 0 ≤ 0, converged.
    const run = lloyd(Float64Array.of(0, 2, 10, 12), 1, Float64Array.of(0, 2), 300, 0);
    expect(Array.from(run.labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(run.centroids)).toEqual([1, 11]);
    expect(Array.from(run.sizes)).toEqual([2, 2]);
    expect(run.assignmentInertias).toEqual([164, 24, 4]);
    expect(run.iterations).toBe(3);
    expect(run.converged).toBe(true);
    // maxIterations stops it early, unconverged, with the means of the last assignment.
    const two = lloyd(Float64Array.of(0, 2, 10, 12), 1, Float64Array.of(0, 2), 2, 0);
    expect([two.iterations, two.converged, Array.from(two.centroids)]).toEqual([2, false, [1, 11]]);
    // A squared shift of 1 (centres 0 → 1, 8 → 11 moves 9) is not ≤ tolerance 8: still 3 runs.
    expect(lloyd(Float64Array.of(0, 2, 10, 12), 1, Float64Array.of(0, 2), 300, 8).iterations).toBe(
      3,
    );
  });

  it('reproduces scikit-learn 1.2.1 Lloyd from the same start (labels, inertia, iterations)', () => {
    // KMeans(n_clusters=3, init=X[:3], n_init=1, max_iter=300, tol=0, algorithm='lloyd').fit(X)
    // on mixture(300, 2024): n_iter_ 8, inertia_ 459.68713152499265, bincount 101 / 99 / 100.
    const x = mixture(300, 2024);
    const run = lloyd(x, 2, x.slice(0, 6), 300, 0);
    expect(run.iterations).toBe(8);
    expect(run.converged).toBe(true);
    expect(Array.from(run.sizes)).toEqual([101, 99, 100]);
    expect(partitionInertia(x, 2, run.labels)).toBeCloseTo(459.68713152499265, 9);
    expect(run.assignmentInertias.at(-1)).toBeCloseTo(459.68713152499265, 9);
    expect(Array.from(run.labels).join('')).toBe(
      '112011012012012012012012212012012112012012010112012022112012012010012022012112012022012012' +
        '012010012012012010011002022022012012012011012012212012012210022012012012002012012012022002' +
        '112012122002012012010212212012010012002022012012012011012011012010012012112012012010112011' +
        '012022010010012210022212012012',
    );
    const sk = [
      [-0.01599842037394894, 0.16123982458815422],
      [3.0175097865705327, -0.16189672143754563],
      [1.3009978674889036, 2.5705857979083633],
    ];
    sk.flat().forEach((v, i) => {
      expect(run.centroids[i]).toBeCloseTo(v, 12);
    });
  });

  it('breaks a distance tie toward the lower centre index (generic and 3-d kernels)', () => {
    // Points 0, 2, 4 from centres 0 and 4: 2 is 2 away from both and joins c0. Means 1 and 4;
    // then 2 is nearer c0 (1 < 2): same labels, converged after 2 iterations.
    for (const dim of [1, 2, 3, 4]) {
      const x = new Float64Array(3 * dim);
      [0, 2, 4].forEach((v, i) => {
        x[i * dim] = v;
      });
      const init = new Float64Array(2 * dim);
      init[dim] = 4;
      const run = lloyd(x, dim, init, 300, 0);
      expect(Array.from(run.labels)).toEqual([0, 0, 1]);
      expect(run.assignmentInertias).toEqual([0 + 4 + 0, 1 + 1 + 0]);
      expect(run.iterations).toBe(2);
    }
  });

  it('keeps a centre without points where it was (an empty cluster)', () => {
    // Points 0..3, centres 0 and 100: everything goes to c0 (mean 1.5, shift 2.25), then the
    // same labels again (shift 0). c1 has no points in either iteration and stays at 100.
    const run = lloyd(Float64Array.of(0, 1, 2, 3), 1, Float64Array.of(0, 100), 300, 0);
    expect(Array.from(run.sizes)).toEqual([4, 0]);
    expect(Array.from(run.centroids)).toEqual([1.5, 100]);
    expect(run.iterations).toBe(2);
  });

  it('does not mutate the points or the initial centres', () => {
    const x = mixture(30, 5);
    const init = x.slice(0, 6);
    const copy = [x.slice(), init.slice()];
    lloyd(x, 2, init, 300, 0);
    expect([x, init]).toEqual(copy);
  });

  const pointsArb = fc
    .record({
      dim: fc.integer({ min: 1, max: 4 }),
      n: fc.integer({ min: 3, max: 60 }),
      k: fc.integer({ min: 1, max: 5 }),
      integer: fc.boolean(),
    })
    .chain(({ dim, n, k, integer }) =>
      fc.record({
        dim: fc.constant(dim),
        k: fc.constant(k),
        values: fc.array(
          integer
            ? fc.integer({ min: -5, max: 5 })
            : fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 1000),
          { minLength: n * dim, maxLength: n * dim },
        ),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      }),
    )
    .map(({ dim, k, values, seed }) => ({ dim, k, x: Float64Array.from(values), seed }))
    .filter(({ x, dim, k }) => hasDistinctFlat(x, dim, k));

  fcTest.prop([pointsArb], { numRuns: 150 })(
    'never increases the inertia across iterations; converges to nearest-centre labels and cluster means',
    ({ dim, k, x, seed }) => {
      const init = kmeansPlusPlus(x, dim, k, seed);
      const run = lloyd(x, dim, init, 1000, 0);
      const n = x.length / dim;
      // Assignment step, then mean update: each can only lower Σd² (up to rounding of the means).
      const h = run.assignmentInertias;
      for (let t = 1; t < h.length; t++) {
        expect(h[t]!).toBeLessThanOrEqual(h[t - 1]! * (1 + 1e-12) + 1e-300);
      }
      expect(run.converged).toBe(true);
      // Tolerance 0: the last update moved nothing, so every label is a nearest centre (ties:
      // the lower index), and every centre is the mean of its points.
      for (let i = 0; i < n; i++) {
        const own = sqDist(x, i, run.centroids, run.labels[i]!, dim);
        for (let c = 0; c < k; c++) {
          const d = sqDist(x, i, run.centroids, c, dim);
          if (c < run.labels[i]!) expect(d).toBeGreaterThan(own);
          else expect(d).toBeGreaterThanOrEqual(own);
        }
      }
      for (let c = 0; c < k; c++) {
        const members = Array.from(run.labels).flatMap((l, i) => (l === c ? [i] : []));
        expect(run.sizes[c]).toBe(members.length);
        for (let j = 0; j < dim && members.length > 0; j++) {
          const mean = members.reduce((s, i) => s + x[i * dim + j]!, 0) / members.length;
          expect(run.centroids[c * dim + j]!).toBeCloseTo(mean, 9 - Math.log10(1 + Math.abs(mean)));
        }
      }
    },
  );
});

describe('lloydHamerly3 (the engine for 3-d points)', () => {
  const same = (a: LloydRun, b: LloydRun) => {
    expect(b.iterations).toBe(a.iterations);
    expect(b.converged).toBe(a.converged);
    expect(b.labels).toEqual(a.labels);
    expect(b.centroids).toEqual(a.centroids);
    expect(b.sizes).toEqual(a.sizes);
    expect(b.assignmentInertias).toEqual(a.assignmentInertias);
  };

  it('matches plain Lloyd bit for bit on a long run over overlapping blobs', () => {
    // 3-d: the 2-d mixture plus a third coordinate from another mixture (overlapping, so the
    // bounds skip most points late in the run and must still give exactly Lloyd's labels).
    const a = mixture(3000, 11);
    const b = mixture(3000, 12);
    const x = new Float64Array(9000);
    for (let i = 0; i < 3000; i++) x.set([a[2 * i]!, a[2 * i + 1]!, b[2 * i]!], 3 * i);
    for (const k of [1, 2, 5, 9]) {
      const init = kmeansPlusPlus(x, 3, k, k);
      const plain = lloyd(x, 3, init, 300, 0);
      if (k === 9) expect(plain.iterations).toBeGreaterThan(20);
      same(plain, lloydHamerly3(x, init, 300, 0));
      same(lloyd(x, 3, init, 3, 0), lloydHamerly3(x, init, 3, 0)); // stopped early
    }
  });

  it('breaks ties toward the lower centre index and keeps empty centres, like lloyd', () => {
    const x = Float64Array.of(0, 0, 0, 2, 0, 0, 4, 0, 0);
    same(
      lloyd(x, 3, Float64Array.of(0, 0, 0, 4, 0, 0), 300, 0),
      lloydHamerly3(x, Float64Array.of(0, 0, 0, 4, 0, 0), 300, 0),
    );
    const far = Float64Array.of(0, 0, 0, 100, 100, 100);
    const run = lloydHamerly3(x, far, 300, 0);
    expect(Array.from(run.sizes)).toEqual([3, 0]);
    same(lloyd(x, 3, far, 300, 0), run);
  });

  fcTest.prop(
    [
      fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 3 * 4, maxLength: 3 * 80 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.constantFrom(0, 1e-8, 1e-2),
    ],
    { numRuns: 200 },
  )('matches plain Lloyd bit for bit (integer grids: many exact ties)', (values, k, seed, tol) => {
    const x = Float64Array.from(values.slice(0, values.length - (values.length % 3)));
    fc.pre(hasDistinctFlat(x, 3, k));
    const init = kmeansPlusPlus(x, 3, k, seed);
    same(lloyd(x, 3, init, 300, tol), lloydHamerly3(x, init, 300, tol));
  });
});

describe('kmeansPlusPlus', () => {
  it('picks the far point second (greedy D² sampling) on 0, 1, 100', () => {
    // First centre 100: every other point is 0 or 1. First 0: D² = (0, 1, 100²), so a trial
    // draws 100 with probability 10000/10001; first 1: D² = (1, 0, 99²), 9801/9802. Drawn, 100
    // lowers Σ D² to ≤ 1 (the other candidate leaves ≥ 99²), so greedy keeps it. Both of the
    // 2 + ⌊ln 2⌋ = 2 trials miss it with probability < 1.1e-8 per seed: every seed must hit.
    const x = Float64Array.of(0, 1, 100);
    for (let seed = 0; seed < 200; seed++) {
      const c = Array.from(kmeansPlusPlus(x, 1, 2, seed)).sort((a, b) => a - b);
      expect(c[0]! === 0 || c[0]! === 1).toBe(true);
      expect(c[1]).toBe(100);
    }
  });

  fcTest.prop([fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })])(
    'returns k distinct data points, all of them when k = n, the same for a seed',
    (k, seed) => {
      const x = mixture(k, seed); // k distinct 2-d points (continuous draws)
      const c = kmeansPlusPlus(x, 2, k, seed);
      const key = (a: Float64Array, i: number) => `${a[2 * i]},${a[2 * i + 1]}`;
      const chosen = Array.from({ length: k }, (_, i) => key(c, i)).sort();
      const all = Array.from({ length: k }, (_, i) => key(x, i)).sort();
      expect(chosen).toEqual(all);
      expect(kmeansPlusPlus(x, 2, k, seed)).toEqual(c);
    },
  );

  it('throws when the points hold fewer than k distinct vectors', () => {
    expect(() => kmeansPlusPlus(Float64Array.of(1, 1, 2), 1, 3, 0)).toThrow(
      'kmeansPlusPlus: expected at least 3 distinct points, received 2',
    );
  });
});

describe('kmeansBest', () => {
  it('reaches scikit-learn’s best inertia on the reference mixture (10 restarts)', () => {
    // Best inertia_ of KMeans(3, init='k-means++', n_init=1, tol=0, random_state=s) over s =
    // 0..99 on mixture(300, 2024): 459.59835315225877 (sizes 100 / 104 / 96).
    const x = mixture(300, 2024);
    const best = kmeansBest({ x, dim: 2 }, 3, { ...OPTIONS, tolerance: 0 });
    expect(best.inertia).toBeCloseTo(459.59835315225877, 9);
    expect([...best.sizes].sort()).toEqual([100, 104, 96].sort());
    expect(best.inertia).toBeCloseTo(partitionInertia(x, 2, best.labels), 9);
    expect(best.inertia).toBe(Math.min(...best.restartInertias));
    expect(best.restartInertias[best.restart]).toBe(best.inertia);
  });

  it('finds the brute-force optimum of a tiny 2-d data set', () => {
    // 9 points, k = 3: every one of the 3^9 = 19,683 labelings is scored here.
    const x = Float64Array.of(0, 0, 1, 0, 0, 1.5, 5, 5, 6, 4.5, 5.5, 6, 10, 0, 9, 1, 10.5, 1.2);
    let opt = Number.POSITIVE_INFINITY;
    const labels = new Int32Array(9);
    for (let code = 0; code < 3 ** 9; code++) {
      let c = code;
      for (let i = 0; i < 9; i++) {
        labels[i] = c % 3;
        c = Math.floor(c / 3);
      }
      if (new Set(labels).size === 3) opt = Math.min(opt, partitionInertia(x, 2, labels));
    }
    const best = kmeansBest({ x, dim: 2 }, 3, { ...OPTIONS, tolerance: 0 });
    expect(best.inertia).toBeCloseTo(opt, 12);
  });

  it('gives the same result for rows and for the flat matrix, and for the same seed', () => {
    const x = mixture(90, 77);
    const rows = Array.from({ length: 90 }, (_, i) => [x[2 * i]!, x[2 * i + 1]!]);
    expect(flatten(rows)).toEqual(x);
    const a = kmeansBest(rows, 4, { ...OPTIONS, initSampleSize: 40, restarts: 3 });
    const b = kmeansBest({ x, dim: 2 }, 4, { ...OPTIONS, initSampleSize: 40, restarts: 3 });
    expect(a).toEqual(b);
    const other = kmeansBest({ x, dim: 2 }, 4, {
      ...OPTIONS,
      seed: 2,
      initSampleSize: 40,
      restarts: 3,
    });
    expect(other.restartInertias).not.toEqual(a.restartInertias);
  });

  fcTest.prop(
    [
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 20, max: 120 }),
      fc.constantFrom(2, 3),
    ],
    { numRuns: 30 },
  )('is deterministic: the same seed and options give the same run', (seed, k, n, dim) => {
    const m = mixture(n, seed ^ 0x5a5a);
    const x = dim === 2 ? m : Float64Array.from({ length: n * 3 }, (_, i) => m[i % (2 * n)]! + i);
    const o = { ...OPTIONS, seed, restarts: 3, initSampleSize: 30 };
    const a = kmeansBest({ x, dim }, k, o);
    expect(kmeansBest({ x: x.slice(), dim }, k, o)).toEqual(a);
    expect(a.inertia).toBeCloseTo(partitionInertia(x, dim, a.labels), 6);
    expect(a.sizes.reduce((s, v) => s + v, 0)).toBe(n);
  });

  it('ranks a restart without an empty cluster first, whatever the inertias', () => {
    const full = (inertia: number) => ({ inertia, empty: false });
    const empty = (inertia: number) => ({ inertia, empty: true });
    expect(ranksBefore(full(10), empty(1))).toBe(true);
    expect(ranksBefore(empty(1), full(10))).toBe(false);
    expect(ranksBefore(full(1), full(2))).toBe(true);
    expect(ranksBefore(empty(1), empty(2))).toBe(true);
    expect(ranksBefore(full(2), full(2))).toBe(false); // tie: the earlier restart stays
  });
});

describe('empty clusters through kmeansSegments', () => {
  it('throws InsufficientDataError when every restart leaves a cluster empty', () => {
    // 1-d values 20, 12, 21, 3, 11, 20 (ids c0..c5 are already in id order), k = 3, no scaling,
    // k-means++ and Lloyd on a seeded 4-point sample (initSampleSize 4), one restart, seed 1.
    const values = [20, 12, 21, 3, 11, 20];
    const o = { seed: 1, restarts: 1, maxIterations: 300, tolerance: 1e-8, initSampleSize: 4 };
    // Independent check of the restart: plain Lloyd (written out here) from its start ends with
    // a centre that no point is nearest to.
    const init = Array.from(
      restartCentres(Float64Array.from(values), 1, 3, kmeansDeriveSeed(1, 0), o),
    );
    let centres = init;
    let sizes: number[] = [];
    for (let it = 0; it < 300; it++) {
      const label = values.map((v) =>
        centres.reduce((b, c, j) => (Math.abs(v - c) < Math.abs(v - centres[b]!) ? j : b), 0),
      );
      sizes = centres.map((_, j) => label.filter((l) => l === j).length);
      const next = centres.map((c, j) =>
        sizes[j]! > 0
          ? values.filter((_, i) => label[i] === j).reduce((s, v) => s + v, 0) / sizes[j]!
          : c,
      );
      const moved = Math.max(...next.map((c, j) => (c - centres[j]!) ** 2));
      centres = next;
      if (moved <= o.tolerance) break;
    }
    expect(sizes).toContain(0);
    const rows = values.map((v, i) => ({ customerId: `c${i}`, v }));
    let error: unknown;
    try {
      kmeansSegments(rows, { features: ['v'], k: 3, scale: 'none', ...o });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InsufficientDataError);
    expect((error as InsufficientDataError).code).toBe('INSUFFICIENT_DATA');
    expect((error as Error).message).toBe(
      'kmeansSegments: expected 3 non-empty clusters, received an empty cluster in all 1 restarts (try a smaller k)',
    );
  });

  it('breaks a kRange silhouette tie toward the smaller k (hand-computed)', () => {
    // Points 3, 5, 6, 8. k = 2: {3, 5} | {6, 8}. s(3) = (4 − 2)/4 = 1/2 (a = 2, b = mean(3, 5)),
    // s(5) = (2 − 2)/2 = 0, s(6) = 0, s(8) = 1/2 → mean 1/4.
    // k = 3: {3} | {5, 6} | {8}. Singletons score 0; s(5) = (2 − 1)/2 = 1/2 (b = to 3),
    // s(6) = (2 − 1)/2 = 1/2 (b = to 8) → mean 1/4. A tie (z-scoring scales every distance
    // alike, so the ratios are unchanged): the smaller k, 2, is chosen.
    const rows = [3, 5, 6, 8].map((v, i) => ({ customerId: `t${i}`, v }));
    const r = kmeansSegments(rows, { features: ['v'], kRange: [2, 3], seed: 1 });
    expect(r.candidates!.map((c) => c.silhouette)).toEqual([0.25, 0.25]);
    expect(r.k).toBe(2);
    expect(r.clusters.map((c) => c.mean.v)).toEqual([4, 7]);
    expect(r.silhouette).toBe(0.25);
  });
});
