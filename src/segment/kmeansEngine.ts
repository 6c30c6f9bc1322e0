/**
 * The k-means engine: Lloyd's algorithm (kmeansLloyd.ts; kmeansHamerly.ts for 3-d points) from
 * greedy k-means++ seeding (kmeansPlusPlus.ts), run from several seeded restarts, keeping the
 * lowest inertia. Internal to the segment layer; points are held in one flat Float64Array
 * (n × dim, row-major).
 *
 * Above `initSampleSize` points, each restart first runs k-means++ and Lloyd on a seeded uniform
 * sample of `initSampleSize` points, then Lloyd on all points from the sample's centres: the
 * sample does most of the moving, so the full data needs few iterations (4–5 on the bench's 1M
 * blob points against scikit-learn's 7–8 from k-means++ on all points; docs/clustering.md). At or
 * below it, k-means++ and Lloyd run on all points. If the sample holds fewer than k distinct
 * points, k-means++ runs on all points.
 */
import { lloydHamerly3 } from './kmeansHamerly';
import { type LloydRun, lloyd } from './kmeansLloyd';
import { kmeansPlusPlus } from './kmeansPlusPlus';
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

/**
 * Lloyd's algorithm as the engine runs it: Hamerly's bound for 3-d points (RFM; identical
 * results, about half the work once the centres move little), plain `lloyd` otherwise.
 */
export function runLloyd(
  x: Float64Array,
  dim: number,
  init: Float64Array,
  maxIterations: number,
  tolerance: number,
): LloydRun {
  return dim === 3
    ? lloydHamerly3(x, init, maxIterations, tolerance)
    : lloyd(x, dim, init, maxIterations, tolerance);
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

/** {@link hasDistinct} on a flat n × dim matrix. */
export function hasDistinctFlat(x: Float64Array, dim: number, k: number): boolean {
  const n = x.length / dim;
  const reps: number[] = []; // row indices of the distinct vectors found so far
  for (let i = 0; i < n && reps.length < k; i++) {
    const isNew = reps.every((r) => {
      for (let j = 0; j < dim; j++) if (x[r * dim + j] !== x[i * dim + j]) return true;
      return false;
    });
    if (isNew) reps.push(i);
  }
  return reps.length >= k;
}

/** Rows of `points` copied into one flat n × dim Float64Array. */
export function flatten(points: readonly (readonly number[])[]): Float64Array {
  const dim = points[0]?.length ?? 0;
  const x = new Float64Array(points.length * dim);
  points.forEach((p, i) => {
    for (let j = 0; j < dim; j++) x[i * dim + j] = p[j]!;
  });
  return x;
}

/** Initial centres of one restart: k-means++ (+ Lloyd) on a seeded sample, or k-means++ on all. */
export function restartCentres(
  x: Float64Array,
  dim: number,
  k: number,
  seed: number,
  o: KmeansEngineOptions,
): Float64Array {
  const n = x.length / dim;
  // The sample and the k-means++ draws use separate streams derived from the restart's seed.
  const ppSeed = kmeansDeriveSeed(seed, 1);
  if (n > o.initSampleSize) {
    const idx = kmeansSampleIndices(n, o.initSampleSize, seed);
    const sample = new Float64Array(idx.length * dim);
    idx.forEach((i, s) => {
      sample.set(x.subarray(i * dim, (i + 1) * dim), s * dim);
    });
    if (hasDistinctFlat(sample, dim, k)) {
      const init = kmeansPlusPlus(sample, dim, k, ppSeed);
      return runLloyd(sample, dim, init, o.maxIterations, o.tolerance).centroids;
    }
  }
  return kmeansPlusPlus(x, dim, k, ppSeed);
}

/**
 * Restart ranking: a restart without an empty cluster ranks before one with an empty cluster,
 * whatever their inertias; otherwise the lower inertia ranks first. Equal rank → false (the
 * earlier restart is kept).
 */
export function ranksBefore(
  a: { inertia: number; empty: boolean },
  b: { inertia: number; empty: boolean },
): boolean {
  if (a.empty !== b.empty) return !a.empty;
  return a.inertia < b.inertia;
}

/**
 * Runs `restarts` seeded restarts (seed of restart r = kmeansDeriveSeed(seed, r)) and keeps the
 * one with the lowest inertia; a restart that leaves a cluster empty ranks after every restart
 * that does not; ties keep the earlier restart. The caller guarantees ≥ k distinct points.
 * `points` are rows, or a flat n × dim matrix with its `dim`.
 */
export function kmeansBest(
  points: readonly (readonly number[])[] | { x: Float64Array; dim: number },
  k: number,
  o: KmeansEngineOptions,
): KmeansEngineRun {
  const { x, dim } = 'dim' in points ? points : { x: flatten(points), dim: points[0]!.length };
  const n = x.length / dim;
  let best: KmeansEngineRun | undefined;
  let bestEmpty = true;
  const restartInertias: number[] = [];
  for (let r = 0; r < o.restarts; r++) {
    const init = restartCentres(x, dim, k, kmeansDeriveSeed(o.seed, r), o);
    const run = runLloyd(x, dim, init, o.maxIterations, o.tolerance);
    const m = run.centroids; // the means of run.labels' clusters (or the old centre if empty)
    let inertia = 0;
    for (let i = 0; i < n; i++) {
      const c = run.labels[i]!;
      for (let j = 0; j < dim; j++) {
        const diff = x[i * dim + j]! - m[c * dim + j]!;
        inertia += diff * diff;
      }
    }
    restartInertias.push(inertia);
    const sizes = Array.from(run.sizes);
    const empty = sizes.some((s) => s === 0);
    if (!best || ranksBefore({ inertia, empty }, { inertia: best.inertia, empty: bestEmpty })) {
      best = {
        labels: run.labels,
        centroids: Array.from({ length: k }, (_, c) =>
          Array.from(m.subarray(c * dim, (c + 1) * dim)),
        ),
        sizes,
        inertia,
        iterations: run.iterations,
        converged: run.converged,
        restart: r,
        restartInertias,
      };
      bestEmpty = empty;
    }
  }
  return best!;
}
