/**
 * Greedy k-means++ seeding on a flat point matrix. Internal to the segment layer.
 *
 * k-means++ (Arthur & Vassilvitskii 2007, "k-means++: the advantages of careful seeding", SODA):
 * the first centre is a uniformly drawn point; each next centre is a point drawn with
 * probability D(x)² / Σ D², where D(x) is the distance from x to its nearest chosen centre.
 * Greedy variant (scikit-learn's `_kmeans_plusplus`, after Arthur & Vassilvitskii §6): each step
 * draws `2 + ⌊ln k⌋` candidates that way and keeps the one that lowers Σ D² the most (ties: the
 * earlier candidate). Cost: O(n · d · k · (2 + ln k)) time, O(n) extra memory.
 */
import { kmeansRng } from './kmeansRandom';

/**
 * Chooses k initial centres among the n points of `x` (n × dim, row-major) with greedy
 * k-means++ driven by `seed` (Mulberry32). Returns the centres as a flat k × dim array, in the
 * order chosen. Every chosen point has D² > 0 when chosen, so the centres are distinct points.
 * @throws Error when the points hold fewer than k distinct vectors (the callers check this first).
 * @example
 * ```ts
 * kmeansPlusPlus(Float64Array.of(0, 1, 100), 1, 2, 7); // two centres: 100 and one of 0, 1
 * ```
 */
export function kmeansPlusPlus(
  x: Float64Array,
  dim: number,
  k: number,
  seed: number,
): Float64Array {
  const n = x.length / dim;
  const rng = kmeansRng(seed);
  const trials = 2 + Math.floor(Math.log(k));
  const centres = new Float64Array(k * dim);
  const closest = new Float64Array(n); // D² to the nearest chosen centre
  const trial = new Float64Array(n); // D² if the candidate under test were added
  const best = new Float64Array(n);
  const cumulative = new Float64Array(n);

  const first = Math.min(n - 1, Math.floor(rng() * n));
  copyPoint(x, dim, first, centres, 0);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(x, i * dim, x, first * dim, dim);
  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += closest[i]!;
      cumulative[i] = running;
    }
    if (!(running > 0)) {
      throw new Error(`kmeansPlusPlus: expected at least ${k} distinct points, received ${c}`);
    }
    let bestPotential = Number.POSITIVE_INFINITY;
    let bestIndex = -1;
    for (let t = 0; t < trials; t++) {
      const candidate = firstAbove(cumulative, rng() * running);
      const off = candidate * dim;
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const d2 = squaredDistance(x, i * dim, x, off, dim);
        const m = Math.min(d2, closest[i]!);
        trial[i] = m;
        pot += m;
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestIndex = candidate;
        best.set(trial);
      }
    }
    copyPoint(x, dim, bestIndex, centres, c);
    closest.set(best);
  }
  return centres;
}

/**
 * Smallest i with cumulative[i] > r (cumulative is non-decreasing): a point with D² > 0. If
 * rounding made r reach the total, the last point with D² > 0.
 */
function firstAbove(cumulative: Float64Array, r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  while (lo > 0 && cumulative[lo]! === cumulative[lo - 1]!) lo--;
  return lo;
}

function squaredDistance(a: Float64Array, ao: number, b: Float64Array, bo: number, dim: number) {
  let s = 0;
  for (let j = 0; j < dim; j++) {
    const diff = a[ao + j]! - b[bo + j]!;
    s += diff * diff;
  }
  return s;
}

function copyPoint(x: Float64Array, dim: number, i: number, to: Float64Array, c: number): void {
  for (let j = 0; j < dim; j++) to[c * dim + j] = x[i * dim + j]!;
}
