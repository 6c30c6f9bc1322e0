/**
 * Lloyd's algorithm on a flat point matrix. Internal to the segment layer.
 *
 * Lloyd (1982, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28:129–137): repeat
 * (1) assign each point to its nearest centre (squared Euclidean distance; ties: the lower
 * centre index), (2) move each centre to the mean of its points, until every centre moves a
 * squared distance ≤ `tolerance` or `maxIterations` iterations ran. A centre left without points
 * stays where it was (as ml-kmeans did); the caller decides what an empty cluster means.
 *
 * Points are n × dim row-major in one Float64Array, centres k × dim, labels an Int32Array: one
 * pass over the points per iteration does the assignment and the sums for the update, with no
 * allocation inside the loop. Cost: O(n · k · dim) per iteration; memory O(n + k · dim).
 */

/** Outcome of {@link lloyd}. */
export interface LloydRun {
  /** Centre index (0..k−1) of each point: its nearest centre at the start of the last iteration. */
  labels: Int32Array;
  /** Mean of each cluster's points (k × dim); an empty cluster keeps its previous centre. */
  centroids: Float64Array;
  /** Points per cluster. */
  sizes: Float64Array;
  /** Iterations run (each = one assignment + one update). */
  iterations: number;
  /** True when the last update moved every centre a squared distance ≤ tolerance. */
  converged: boolean;
  /**
   * Σ squared distance of each point to its nearest centre at each iteration's assignment step
   * (before the update): non-increasing, a property the tests check.
   */
  assignmentInertias: number[];
}

/**
 * Runs Lloyd iterations on `x` (n × dim) from the centres `init` (k × dim, not mutated).
 * The returned `centroids` are the means of the returned `labels`' clusters.
 * @example
 * ```ts
 * // 1-d points 0, 2, 10, 12 from centres 0 and 2 (test/segment/kmeansEngine.test.ts):
 * const r = lloyd(Float64Array.of(0, 2, 10, 12), 1, Float64Array.of(0, 2), 300, 0);
 * r.labels;              // Int32Array [0, 0, 1, 1]
 * r.centroids;           // Float64Array [1, 11]
 * r.assignmentInertias;  // [164, 24, 4]
 * r.iterations;          // 3 (converged)
 * ```
 */
export function lloyd(
  x: Float64Array,
  dim: number,
  init: Float64Array,
  maxIterations: number,
  tolerance: number,
): LloydRun {
  const n = x.length / dim;
  const k = init.length / dim;
  const labels = new Int32Array(n);
  let centroids = Float64Array.from(init);
  let next = new Float64Array(k * dim);
  const sizes = new Float64Array(k);
  const assignmentInertias: number[] = [];
  let iterations = 0;
  let converged = false;
  while (!converged && iterations < maxIterations) {
    next.fill(0);
    sizes.fill(0);
    const pot =
      dim === 3
        ? assign3(x, centroids, labels, next, sizes)
        : assign(x, dim, centroids, labels, next, sizes);
    assignmentInertias.push(pot);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const size = sizes[c]!;
      let moved = 0;
      for (let j = c * dim; j < (c + 1) * dim; j++) {
        const m = size > 0 ? next[j]! / size : centroids[j]!;
        const diff = m - centroids[j]!;
        moved += diff * diff;
        next[j] = m;
      }
      if (moved > shift) shift = moved;
    }
    const old = centroids;
    centroids = next;
    next = old;
    iterations++;
    converged = shift <= tolerance;
  }
  return { labels, centroids, sizes, iterations, converged, assignmentInertias };
}

/**
 * Assignment step for any dim: labels[i] = nearest centre, sums and sizes accumulated for the
 * update. Returns Σ of the nearest squared distances.
 */
function assign(
  x: Float64Array,
  dim: number,
  centroids: Float64Array,
  labels: Int32Array,
  sums: Float64Array,
  sizes: Float64Array,
): number {
  const n = labels.length;
  const k = sizes.length;
  let pot = 0;
  for (let i = 0, off = 0; i < n; i++, off += dim) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0, co = 0; c < k; c++, co += dim) {
      let d2 = 0;
      for (let j = 0; j < dim; j++) {
        const diff = x[off + j]! - centroids[co + j]!;
        d2 += diff * diff;
      }
      if (d2 < bestD) {
        bestD = d2;
        best = c;
      }
    }
    labels[i] = best;
    sizes[best]! += 1;
    pot += bestD;
    const bo = best * dim;
    for (let j = 0; j < dim; j++) sums[bo + j]! += x[off + j]!;
  }
  return pot;
}

/** {@link assign} unrolled for dim = 3 (RFM), the common case: same results. */
function assign3(
  x: Float64Array,
  centroids: Float64Array,
  labels: Int32Array,
  sums: Float64Array,
  sizes: Float64Array,
): number {
  const n = labels.length;
  const k = sizes.length;
  let pot = 0;
  for (let i = 0, off = 0; i < n; i++, off += 3) {
    const x0 = x[off]!;
    const x1 = x[off + 1]!;
    const x2 = x[off + 2]!;
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0, co = 0; c < k; c++, co += 3) {
      const d0 = x0 - centroids[co]!;
      const d1 = x1 - centroids[co + 1]!;
      const d2 = x2 - centroids[co + 2]!;
      const d = d0 * d0 + d1 * d1 + d2 * d2;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    labels[i] = best;
    sizes[best]! += 1;
    pot += bestD;
    const bo = best * 3;
    sums[bo]! += x0;
    sums[bo + 1]! += x1;
    sums[bo + 2]! += x2;
  }
  return pot;
}
