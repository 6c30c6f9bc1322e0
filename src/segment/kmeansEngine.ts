/**
 * The k-means engine: ml-kmeans (Lloyd's algorithm with k-means++ seeding) run from several
 * seeded restarts, keeping the lowest inertia. Internal to the segment layer.
 *
 * ml-kmeans' k-means++ builds an ml-matrix copy of the data plus per-candidate distance
 * matrices: at 1M × 3 points it takes ~5 s and ~550 MB on top of the data, while its Lloyd
 * iterations cost ~0.09 s each with almost no extra memory (measured; see docs/clustering.md).
 * At 100k points a 20,000-point sample made each restart 2.5–4× faster for the same inertia.
 * So above `initSampleSize` points, each restart first runs ml-kmeans (k-means++ and Lloyd) on a
 * seeded uniform sample of `initSampleSize` points, and starts ml-kmeans' Lloyd iterations on all
 * points from the sample's centroids. At or below it, ml-kmeans runs on all points directly.
 */
import { kmeans } from 'ml-kmeans';
import { kmeansDeriveSeed, kmeansSampleIndices } from './kmeansRandom';

/** Settings of one engine run (all validated by the caller). */
export interface KmeansEngineOptions {
  seed: number;
  restarts: number;
  maxIterations: number;
  tolerance: number;
  initSampleSize: number;
}

/** Best partition over the restarts. */
export interface KmeansEngineRun {
  /** Cluster index (0..k−1, engine order) of each point. */
  labels: Int32Array;
  /** Mean of each cluster's points (scaled units). */
  centroids: number[][];
  /** Points per cluster. */
  sizes: number[];
  /** Σ squared Euclidean distance of each point to its cluster mean (scaled units). */
  inertia: number;
  /** Lloyd iterations of the kept restart (on all points). */
  iterations: number;
  /** Whether the kept restart converged before `maxIterations`. */
  converged: boolean;
  /** 0-based index of the kept restart. */
  restart: number;
  /** Inertia of every restart, in order. */
  restartInertias: number[];
}

/** True when `points` hold at least `k` distinct vectors (stops as soon as k are found). */
export function hasDistinct(points: readonly (readonly number[])[], k: number): boolean {
  const reps: (readonly number[])[] = [];
  for (const p of points) {
    if (!reps.some((q) => q.every((v, d) => v === p[d]))) {
      reps.push(p);
      if (reps.length >= k) return true;
    }
  }
  return reps.length >= k;
}

/** One restart: ml-kmeans from k-means++ (on all points or on a seeded sample). */
function restart(points: number[][], k: number, seed: number, o: KmeansEngineOptions) {
  const settings = { seed, maxIterations: o.maxIterations, tolerance: o.tolerance };
  let initialization: 'kmeans++' | number[][] = 'kmeans++';
  if (points.length > o.initSampleSize) {
    const idx = kmeansSampleIndices(points.length, o.initSampleSize, seed);
    const sample = Array.from(idx, (i) => points[i]!);
    // k-means++ needs k distinct points in the sample; otherwise seed on all points.
    if (hasDistinct(sample, k)) {
      initialization = kmeans(sample, k, { ...settings, initialization: 'kmeans++' }).centroids;
    }
  }
  return kmeans(points, k, { ...settings, initialization });
}

/**
 * Runs `restarts` seeded restarts (seed of restart r = kmeansDeriveSeed(seed, r)) and keeps the
 * one with the lowest inertia; a restart that leaves a cluster empty ranks after every restart
 * that does not; ties keep the earlier restart. The caller guarantees ≥ k distinct points.
 */
export function kmeansBest(points: number[][], k: number, o: KmeansEngineOptions): KmeansEngineRun {
  const n = points.length;
  const dim = points[0]!.length;
  let best: KmeansEngineRun | undefined;
  let bestEmpty = true;
  const restartInertias: number[] = [];
  for (let r = 0; r < o.restarts; r++) {
    const res = restart(points, k, kmeansDeriveSeed(o.seed, r), o);
    const labels = Int32Array.from(res.clusters);
    // Cluster means and inertia recomputed here, from the final assignment.
    const sizes = new Array<number>(k).fill(0);
    const sums = Array.from({ length: k }, () => new Float64Array(dim));
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      sizes[c]! += 1;
      const p = points[i]!;
      const s = sums[c]!;
      for (let d = 0; d < dim; d++) s[d]! += p[d]!;
    }
    const centroids = sums.map((s, c) =>
      Array.from(s, (v, d) => (sizes[c]! > 0 ? v / sizes[c]! : res.centroids[c]![d]!)),
    );
    let inertia = 0;
    for (let i = 0; i < n; i++) {
      const p = points[i]!;
      const m = centroids[labels[i]!]!;
      for (let d = 0; d < dim; d++) inertia += (p[d]! - m[d]!) ** 2;
    }
    restartInertias.push(inertia);
    const empty = sizes.some((s) => s === 0);
    if (!best || (bestEmpty && !empty) || (empty === bestEmpty && inertia < best.inertia)) {
      best = {
        labels,
        centroids,
        sizes,
        inertia,
        iterations: res.iterations,
        converged: res.converged,
        restart: r,
        restartInertias,
      };
      bestEmpty = empty;
    }
  }
  return best!;
}
