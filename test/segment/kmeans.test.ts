import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidInputError } from '../../src/errors';
import { kmeansSegments } from '../../src/segment/kmeans';
import { adjustedRandIndex } from '../../src/segment/kmeansAgreement';
import { silhouetteScore } from '../../src/segment/silhouette';

/** Seeded uniform numbers (LCG, Numerical Recipes constants) for test fixtures. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface Row {
  customerId: string;
  x: number;
  y: number;
  z: number;
  truth: number;
}

/** perBlob rows around each 3-D centre, uniform in a ±spread box, interleaved by blob. */
function blobs(centres: number[][], perBlob: number, spread: number, seed: number): Row[] {
  const rnd = lcg(seed);
  const rows: Row[] = [];
  for (let i = 0; i < perBlob; i++) {
    centres.forEach((c, j) => {
      const [x, y, z] = c.map((v) => v + (rnd() * 2 - 1) * spread) as [number, number, number];
      rows.push({ customerId: `c${rows.length}`, x, y, z, truth: j });
    });
  }
  return rows;
}

const FOUR = [
  [0, 0, 0],
  [20, 0, 0],
  [0, 20, 0],
  [0, 0, 20],
];

const invalid = (f: () => unknown): InvalidInputError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).code).toBe('INVALID_INPUT');
    return e as InvalidInputError;
  }
  throw new Error('expected an InvalidInputError');
};
const insufficient = (f: () => unknown): InsufficientDataError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InsufficientDataError);
    expect((e as InsufficientDataError).code).toBe('INSUFFICIENT_DATA');
    return e as InsufficientDataError;
  }
  throw new Error('expected an InsufficientDataError');
};

describe('kmeansSegments', () => {
  it('runs its documented example', () => {
    const rows = [
      { customerId: 'a', orders: 1, totalSpend: 10 },
      { customerId: 'b', orders: 2, totalSpend: 12 },
      { customerId: 'c', orders: 20, totalSpend: 900 },
      { customerId: 'd', orders: 22, totalSpend: 1000 },
    ];
    const r = kmeansSegments(rows, {
      features: ['orders', 'totalSpend'],
      k: 2,
      seed: 1,
      revenue: 'totalSpend',
    });
    expect(r.assignments.map((a) => a.cluster)).toEqual([0, 0, 1, 1]);
    // Centroid = mean of {c, d} in z-scores, mapped back: orders (20 + 22)/2 = 21,
    // spend (900 + 1000)/2 = 950.
    expect(r.clusters[1]!.centroid.orders).toBeCloseTo(21, 10);
    expect(r.clusters[1]!.centroid.totalSpend).toBeCloseTo(950, 10);
    // Percentile ranks among [1, 2, 20, 22]: 21 has 3 values below → 3/4 ≥ 2/3 → high;
    // among [10, 12, 900, 1000]: 950 → 3/4 → high. Cluster 0: 1.5 → 1/4, 11 → 1/4 → low.
    expect(r.clusters[1]!.profile).toBe('frequent, high spend');
    expect(r.clusters[0]!.profile).toBe('infrequent, low spend');
    // Revenue share: (900 + 1000)/(10 + 12 + 900 + 1000) = 1900/1922.
    expect(r.clusters[1]!.revenueShare).toBeCloseTo(1900 / 1922, 14);
    expect(r.clusters[0]!.revenue).toBe(22);
  });

  it('recovers four well-separated blobs exactly (adjusted Rand index 1) at seed 42', () => {
    const rows = blobs(FOUR, 150, 1, 3);
    const r = kmeansSegments(rows, { features: ['x', 'y', 'z'], k: 4, seed: 42 });
    const ari = adjustedRandIndex(
      rows.map((row) => row.truth),
      r.assignments.map((a) => a.cluster),
    );
    expect(ari).toBe(1);
    expect(r.clusters.map((c) => c.size)).toEqual([150, 150, 150, 150]);
    expect(r.converged).toBe(true);
    // Equal sizes: ties are broken by the scaled centroid, lexicographically ascending. The
    // first coordinate (scaled x, a monotone map of x) differs between blobs, so x ascends.
    const xs = r.clusters.map((c) => c.centroid.x!);
    expect([...xs].sort((p, q) => p - q)).toEqual(xs);
    // A centroid in original units is the blob's mean.
    const members = rows.filter((row) => row.truth === 1);
    const meanX = members.reduce((s, row) => s + row.x, 0) / members.length;
    const blob1 = r.clusters[3]!; // truth 1 = centre (20, 0, 0): the largest x
    expect(blob1.centroid.x).toBeCloseTo(meanX, 9);
    expect(blob1.mean.x).toBeCloseTo(meanX, 9);
    expect(r.silhouette).toBeCloseTo(silhouetteScore(scaled(r, rows), clusterOf(r)), 12);
  });

  it('also recovers the blobs when k-means++ runs on a seeded sample (initSampleSize)', () => {
    const rows = blobs(FOUR, 150, 1, 5);
    const r = kmeansSegments(rows, {
      features: ['x', 'y', 'z'],
      k: 4,
      seed: 7,
      initSampleSize: 60,
      restarts: 3,
    });
    expect(
      adjustedRandIndex(
        rows.map((row) => row.truth),
        clusterOf(r),
      ),
    ).toBe(1);
  });

  it('estimates the silhouette on a seeded sample above silhouetteSampleSize', () => {
    const rows = blobs(FOUR, 150, 6, 17); // 600 customers, overlapping blobs
    const opts = { features: ['x', 'y', 'z'] as ('x' | 'y' | 'z')[], k: 4, seed: 8 };
    const exact = kmeansSegments(rows, opts);
    const sampled = kmeansSegments(rows, { ...opts, silhouetteSampleSize: 200 });
    expect(sampled.assignments).toEqual(exact.assignments);
    expect(exact.silhouette).toBeCloseTo(
      silhouetteScore(scaled(exact, rows), clusterOf(exact)),
      12,
    );
    expect(sampled.silhouette).not.toBe(exact.silhouette);
    expect(Math.abs(sampled.silhouette! - exact.silhouette!)).toBeLessThan(0.05);
    expect(kmeansSegments(rows, { ...opts, silhouetteSampleSize: 200 }).silhouette).toBe(
      sampled.silhouette,
    );
  });

  it('falls back to k-means++ on all points when the init sample has fewer than k distinct', () => {
    // 196 identical customers (v = 1) and 4 others (20, 30, 40, 50): 5 distinct vectors. A
    // 10-point sample almost surely holds < 5 distinct ones, so k-means++ must run on all 200.
    const rows = Array.from({ length: 200 }, (_, i) => ({
      customerId: `d${String(i).padStart(3, '0')}`,
      v: i < 196 ? 1 : 10 * (i - 194),
    }));
    const r = kmeansSegments(rows, { features: ['v'], k: 5, seed: 4, initSampleSize: 10 });
    expect(r.clusters.map((c) => c.size)).toEqual([196, 1, 1, 1, 1]);
    expect(r.inertia).toBeLessThan(1e-20); // every point on its centre, up to rounding
    expect(r.clusters.map((c) => Math.round(c.centroid.v!))).toEqual([1, 20, 30, 40, 50]);
  });

  it('moves the profile bounds with profileThresholds', () => {
    const rows = [
      { customerId: 'a', orders: 1, totalSpend: 10 },
      { customerId: 'b', orders: 2, totalSpend: 12 },
      { customerId: 'c', orders: 20, totalSpend: 900 },
      { customerId: 'd', orders: 22, totalSpend: 1000 },
    ];
    // Ranks are 1/4 and 3/4 (see the documented example): inside (0.2, 0.8) → mid → average.
    const r = kmeansSegments(rows, {
      features: ['orders', 'totalSpend'],
      k: 2,
      seed: 1,
      profileThresholds: { low: 0.2, high: 0.8 },
    });
    expect(r.clusters.map((c) => c.profile)).toEqual(['average', 'average']);
    expect(r.clusters[0]!.levels).toEqual({ orders: 'mid', totalSpend: 'mid' });
  });

  it('maps log1p centroids back with expm1 (hand-computed)', () => {
    // One feature, spend 0, 3 | 999, 9999. log1p: 0, ln 4 | ln 1000, ln 10000.
    // Cluster means in log space: ln 2 and ln 10^3.5 → expm1: 1 and 10^3.5 − 1 = 3161.2776602.
    // (Arithmetic means of the members: 1.5 and 5499.)
    const rows = [0, 3, 999, 9999].map((s, i) => ({ customerId: `k${i}`, spend: s }));
    const r = kmeansSegments(rows, { features: ['spend'], k: 2, seed: 3, transform: 'log1p' });
    expect(r.clusters[0]!.centroid.spend).toBeCloseTo(1, 10);
    expect(r.clusters[1]!.centroid.spend).toBeCloseTo(10 ** 3.5 - 1, 8);
    expect(r.clusters[0]!.mean.spend).toBe(1.5);
    expect(r.clusters[1]!.mean.spend).toBe(5499);
    expect(r.scalers[0]!.transform).toBe('log1p');
  });

  it('reads recency the right way round: few days since last purchase = recent', () => {
    const rows = [3, 5, 4, 300, 320, 310].map((d, i) => ({
      customerId: `r${i}`,
      daysSinceLastPurchase: d,
    }));
    const r = kmeansSegments(rows, { features: ['daysSinceLastPurchase'], k: 2, seed: 1 });
    const recent = r.clusters.find((c) => c.centroid.daysSinceLastPurchase! < 10)!;
    const lapsed = r.clusters.find((c) => c.centroid.daysSinceLastPurchase! > 100)!;
    expect(recent.profile).toBe('recent');
    expect(recent.levels.daysSinceLastPurchase).toBe('low');
    expect(lapsed.profile).toBe('lapsed');
  });

  it('uses accessor features with their own words and transform', () => {
    const rows = blobs(FOUR, 20, 1, 9).map((row) => ({ ...row, x: row.x + 100 }));
    const r = kmeansSegments(rows, {
      features: [
        { name: 'visits', value: (row) => row.x, transform: 'log1p', high: 'loyal', low: 'rare' },
        'y',
        'z',
      ],
      k: 4,
      seed: 2,
    });
    expect(r.scalers.map((s) => s.transform)).toEqual(['log1p', 'none', 'none']);
    expect(
      adjustedRandIndex(
        rows.map((row) => row.truth),
        clusterOf(r),
      ),
    ).toBe(1);
    // The x = 120 blob sits above every other customer's x: its centroid ranks ≈ 7/8 ≥ 2/3 →
    // loyal. Its y ≈ 0 and z ≈ 0 are shared by 3 of the 4 blobs: ranks ≈ 3/8, inside (1/3, 2/3).
    const far = r.clusters.find((c) => c.centroid.visits! > 110)!;
    expect(far.profile).toBe('loyal');
    expect(far.levels).toEqual({ visits: 'high', y: 'mid', z: 'mid' });
    const low = r.clusters.find((c) => c.centroid.visits! < 110 && c.centroid.z! > 10)!;
    expect(low.profile).toBe('rare, high z');
  });

  it('handles a zero-variance feature without NaN (z-score and min–max)', () => {
    const rows = blobs(FOUR.slice(0, 2), 10, 1, 4).map((row) => ({ ...row, z: 5 }));
    for (const scale of ['zscore', 'minmax', 'none'] as const) {
      const r = kmeansSegments(rows, { features: ['x', 'z'], k: 2, seed: 1, scale });
      expect(r.clusters.every((c) => c.centroid.z === 5)).toBe(true);
      expect(r.clusters.every((c) => c.levels.z === 'mid')).toBe(true);
      expect(Number.isFinite(r.inertia)).toBe(true);
      expect(Number.isFinite(r.silhouette)).toBe(true);
      expect(
        adjustedRandIndex(
          rows.map((row) => row.truth),
          clusterOf(r),
        ),
      ).toBe(1);
    }
  });

  it('picks k by silhouette over kRange and returns the elbow and silhouette curves', () => {
    // Three blobs in the x–y plane (z is pure noise, so it is left out: z-scoring would blow
    // the noise up to unit variance).
    const rows = blobs(FOUR.slice(0, 3), 60, 1.5, 8);
    const r = kmeansSegments(rows, { features: ['x', 'y'], kRange: [2, 6], seed: 5 });
    expect(r.k).toBe(3);
    expect(r.candidates!.map((c) => c.k)).toEqual([2, 3, 4, 5, 6]);
    const sil = r.candidates!.map((c) => c.silhouette);
    expect(Math.max(...sil)).toBe(sil[1]);
    expect(r.silhouette).toBe(sil[1]);
    const inertia = r.candidates!.map((c) => c.inertia);
    for (let i = 1; i < inertia.length; i++) expect(inertia[i]).toBeLessThan(inertia[i - 1]!);
    expect(r.inertia).toBe(inertia[1]);
    expect(
      adjustedRandIndex(
        rows.map((row) => row.truth),
        clusterOf(r),
      ),
    ).toBe(1);
  });

  it('is reproducible for a seed, covers every customer once and does not mutate rows', () => {
    const rows = blobs(FOUR, 40, 8, 13);
    const opts = { features: ['x', 'y', 'z'], k: 5, seed: 99, revenue: 'x' } as const;
    const shifted = rows.map((row) => ({ ...row, x: row.x + 30 })); // revenue > 0
    const options = { ...opts, features: [...opts.features] };
    const copy = structuredClone({ shifted, options });
    const a = kmeansSegments(shifted, options);
    const b = kmeansSegments(shifted, options);
    expect(a).toEqual(b);
    expect({ shifted, options }).toEqual(copy);
    expect(a.assignments.map((x) => x.customerId)).toEqual(rows.map((row) => row.customerId));
    expect(a.clusters.reduce((s, c) => s + c.size, 0)).toBe(rows.length);
    expect(a.clusters.reduce((s, c) => s + c.revenueShare!, 0)).toBeCloseTo(1, 12);
    const sizes = a.clusters.map((c) => c.size);
    expect([...sizes].sort((p, q) => q - p)).toEqual(sizes);
    for (const c of a.clusters) {
      expect(a.assignments.filter((x) => x.cluster === c.id)).toHaveLength(c.size);
    }
  });

  fcTest.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 })], {
    numRuns: 15,
  })('never gets a worse inertia from more restarts', (seed, extra) => {
    // Overlapping blobs, so restarts land in different local minima.
    const rows = blobs(FOUR, 40, 9, 21);
    const run = (restarts: number) =>
      kmeansSegments(rows, { features: ['x', 'y', 'z'], k: 6, seed, restarts });
    const few = run(2);
    const more = run(2 + extra);
    expect(more.inertia).toBeLessThanOrEqual(few.inertia);
    expect(more.restartInertias.slice(0, 2)).toEqual(few.restartInertias);
    expect(few.inertia).toBe(Math.min(...few.restartInertias));
  });

  it('keeps a later restart when it finds a better minimum, and reports its inertia', () => {
    // Same overlapping data as the property above. The first seed (from 0) whose 4th restart
    // beats its first three: 3 restarts must keep the best of the three, 4 restarts the 4th.
    const rows = blobs(FOUR, 40, 9, 21);
    const run = (seed: number, restarts: number) =>
      kmeansSegments(rows, { features: ['x', 'y', 'z'], k: 6, seed, restarts });
    let seed = 0;
    while (seed < 50) {
      const r = run(seed, 4).restartInertias;
      if (r[3]! < Math.min(r[0]!, r[1]!, r[2]!)) break;
      seed++;
    }
    expect(seed).toBeLessThan(50);
    const three = run(seed, 3);
    const four = run(seed, 4);
    expect(four.restartInertias.slice(0, 3)).toEqual(three.restartInertias);
    expect(three.inertia).toBe(Math.min(...three.restartInertias));
    expect(four.inertia).toBe(four.restartInertias[3]);
    expect(four.inertia).toBeLessThan(three.inertia);
    // Each reported inertia is its partition's: Σ squared distance of every scaled point to the
    // mean of its cluster, recomputed here from the assignments.
    for (const r of [three, four]) {
      expect(r.inertia).toBeCloseTo(partitionInertia(scaled(r, rows), clusterOf(r)), 9);
    }
  });

  fcTest.prop(
    [
      fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), {
        minLength: 4,
        maxLength: 40,
      }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 1000 }),
    ],
    { numRuns: 40 },
  )('covers every customer once, whatever the row order', (pairs, k, shuffleSeed) => {
    const rows = pairs.map(([f, m], i) => ({ customerId: `id${i}`, f, m }));
    fc.pre(new Set(pairs.map((p) => p.join())).size >= k);
    const opts = { features: ['f', 'm'] as ('f' | 'm')[], k, seed: 3, restarts: 2 };
    const r = kmeansSegments(rows, opts);
    expect(r.assignments.map((a) => a.customerId)).toEqual(rows.map((row) => row.customerId));
    expect(r.clusters.reduce((s, c) => s + c.size, 0)).toBe(rows.length);
    for (const c of r.clusters) {
      expect(c.size).toBeGreaterThan(0);
      expect(r.assignments.filter((a) => a.cluster === c.id)).toHaveLength(c.size);
      expect(Object.values(c.centroid).every(Number.isFinite)).toBe(true);
    }
    // Reordering the rows changes nothing but the order of `assignments`.
    const rnd = lcg(shuffleSeed);
    const shuffled = rows
      .map((row) => ({ row, key: rnd() }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.row);
    const again = kmeansSegments(shuffled, opts);
    const clusterOfId = new Map(r.assignments.map((a) => [a.customerId, a.cluster]));
    expect(again.assignments.map((a) => a.cluster)).toEqual(
      again.assignments.map((a) => clusterOfId.get(a.customerId)),
    );
    expect(again.clusters).toEqual(r.clusters);
    expect(again.inertia).toBe(r.inertia);
  });

  it('rejects bad feature values naming the customer and the feature', () => {
    const rows = [
      { customerId: 'a', spend: 1 },
      { customerId: 'b', spend: Number.NaN },
      { customerId: 'c', spend: Number.POSITIVE_INFINITY },
    ];
    const e = invalid(() => kmeansSegments(rows, { features: ['spend'], k: 1, seed: 1 }));
    expect(e.message).toBe(
      'kmeansSegments: expected spend a finite number, received NaN (customer "b") (and 1 more issues)',
    );
    expect(e.issues.map((i) => [i.customerId, i.field, i.code])).toEqual([
      ['b', 'spend', 'invalid_number'],
      ['c', 'spend', 'invalid_number'],
    ]);
    const neg = [
      { customerId: 'a', spend: 1 },
      { customerId: 'z', spend: -2 },
    ];
    const e2 = invalid(() =>
      kmeansSegments(neg, { features: ['spend'], k: 1, seed: 1, transform: 'log1p' }),
    );
    expect(e2.message).toBe(
      'kmeansSegments: expected spend ≥ 0 for the log1p transform, received -2 (customer "z")',
    );
    expect(e2.issues[0]!.code).toBe('too_small');
    const e3 = invalid(() =>
      kmeansSegments(rows.slice(0, 1), {
        features: ['spend'],
        k: 1,
        seed: 1,
        revenue: () => Number.NaN,
      }),
    );
    expect(e3.message).toMatch(/expected revenue a finite number, received NaN \(customer "a"\)/);
  });

  it('rejects k > n, bad options and bad ids with typed errors', () => {
    const rows = [1, 2, 3].map((v, i) => ({ customerId: `c${i}`, v }));
    const base = { features: ['v' as const], seed: 1 };
    expect(invalid(() => kmeansSegments(rows, { ...base, k: 5 })).message).toBe(
      'kmeansSegments: expected options.k ≤ the number of customers (3), received 5',
    );
    invalid(() => kmeansSegments(rows, { ...base, k: 0 }));
    invalid(() => kmeansSegments(rows, { ...base, k: 1.5 }));
    invalid(() => kmeansSegments(rows, { ...base, kRange: [1, 2] }));
    invalid(() => kmeansSegments(rows, { ...base, kRange: [2, 3] })); // kMax ≤ n − 1
    invalid(() => kmeansSegments(rows, { ...base, k: 2, seed: 0.5 }));
    invalid(() => kmeansSegments(rows, { ...base, k: 2, restarts: 0 }));
    invalid(() => kmeansSegments(rows, { ...base, k: 2, scale: 'robust' as 'zscore' }));
    invalid(() => kmeansSegments(rows, { ...base, k: 2, transform: 'log' as 'log1p' }));
    invalid(() =>
      kmeansSegments(rows, { ...base, k: 2, profileThresholds: { low: 0.7, high: 0.3 } }),
    );
    invalid(() => kmeansSegments(rows, { features: [], k: 2, seed: 1 }));
    invalid(() =>
      kmeansSegments(rows, { features: ['v', { name: 'v', value: (r) => r.v }], k: 2, seed: 1 }),
    );
    const dup = [...rows, { customerId: 'c1', v: 9 }];
    expect(invalid(() => kmeansSegments(dup, { ...base, k: 2 })).message).toBe(
      'kmeansSegments: expected customerId one row per customer, received "c1" (line 3)',
    );
  });

  it('reports too little data as InsufficientDataError', () => {
    const none: { customerId: string; v: number }[] = [];
    insufficient(() => kmeansSegments(none, { features: ['v'], k: 1, seed: 1 }));
    const same = [5, 5, 5, 7].map((v, i) => ({ customerId: `c${i}`, v }));
    expect(
      insufficient(() => kmeansSegments(same, { features: ['v'], k: 3, seed: 1 })).message,
    ).toBe('kmeansSegments: expected at least k = 3 distinct feature vectors, received fewer');
    const zero = [0, 0, 1].map((v, i) => ({ customerId: `c${i}`, v, spend: 0 }));
    insufficient(() => kmeansSegments(zero, { features: ['v'], k: 2, seed: 1, revenue: 'spend' }));
  });
});

/** The scaled points k-means clustered (z-scores from the result's scalers). */
function scaled(r: ReturnType<typeof kmeansSegments>, rows: Row[]): number[][] {
  return rows.map((row) =>
    r.scalers.map(
      (s) => ((row as unknown as Record<string, number>)[s.name]! - s.center) / s.spread,
    ),
  );
}

function clusterOf(r: ReturnType<typeof kmeansSegments>): number[] {
  return r.assignments.map((a) => a.cluster);
}

/** Σ squared distance of each point to the mean of its cluster (independent of the engine). */
function partitionInertia(points: number[][], labels: number[]): number {
  const groups = new Map<number, number[][]>();
  points.forEach((p, i) => {
    groups.set(labels[i]!, [...(groups.get(labels[i]!) ?? []), p]);
  });
  let total = 0;
  for (const members of groups.values()) {
    const mean = members[0]!.map((_, d) => members.reduce((s, p) => s + p[d]!, 0) / members.length);
    for (const p of members) total += p.reduce((s, v, d) => s + (v - mean[d]!) ** 2, 0);
  }
  return total;
}
