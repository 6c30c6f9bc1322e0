/**
 * Lloyd's algorithm with Hamerly's bound, for 3-d points: the same iterations, labels, centres
 * and inertias as `lloyd` (kmeansLloyd.ts), bit for bit, with fewer distance computations once
 * the centres move little. Internal to the segment layer.
 *
 * Hamerly (2010, "Making k-means even faster", SIAM SDM, §3): keep for each point a lower bound
 * ℓᵢ on its distance to every centre other than its own. When the centres move by δ_c, the
 * distance to any other centre shrinks by at most max_{c ≠ a(i)} δ_c, so ℓᵢ minus that stays a
 * lower bound. If the exact distance to the own centre is below ℓᵢ, the own centre is strictly
 * the nearest and the point keeps its label after one distance instead of k; otherwise all k
 * distances are computed (and ℓᵢ reset to the second smallest). Only a strict "below" skips the
 * scan, so ties still go to the lower centre index as in `lloyd`; the bounds carry a relative
 * margin of 1e-10 (rounding is ~1e-15) so they stay valid in floating point. The own squared
 * distance is the same expression `lloyd` evaluates, and the sums run in the same point order,
 * so every number matches. Extra memory: one Float64Array of n.
 */
import type { LloydRun } from './kmeansLloyd';

const SAFE = 1e-10;
const SAFE_SQ = (1 + SAFE) ** 2;

/** `lloyd` for dim = 3 with Hamerly's bound (same inputs, same output). */
export function lloydHamerly3(
  x: Float64Array,
  init: Float64Array,
  maxIterations: number,
  tolerance: number,
): LloydRun {
  const n = x.length / 3;
  const k = init.length / 3;
  const labels = new Int32Array(n);
  const lower = new Float64Array(n); // 0 forces a full scan in the first iteration
  let centroids = Float64Array.from(init);
  let next = new Float64Array(k * 3);
  const sizes = new Float64Array(k);
  const moves = new Float64Array(k);
  const assignmentInertias: number[] = [];
  let iterations = 0;
  let converged = false;
  while (!converged && iterations < maxIterations) {
    next.fill(0);
    sizes.fill(0);
    let maxMove = 0;
    let secondMove = 0;
    let maxC = -1;
    for (let c = 0; c < k; c++) {
      const m = moves[c]!;
      if (m > maxMove) {
        secondMove = maxMove;
        maxMove = m;
        maxC = c;
      } else if (m > secondMove) secondMove = m;
    }
    let pot = 0;
    for (let i = 0, off = 0; i < n; i++, off += 3) {
      const x0 = x[off]!;
      const x1 = x[off + 1]!;
      const x2 = x[off + 2]!;
      let a = labels[i]!;
      const m = a === maxC ? secondMove : maxMove;
      const l = lower[i]! - m - SAFE * (lower[i]! + m);
      const ao = a * 3;
      const e0 = x0 - centroids[ao]!;
      const e1 = x1 - centroids[ao + 1]!;
      const e2 = x2 - centroids[ao + 2]!;
      let d2 = e0 * e0 + e1 * e1 + e2 * e2;
      if (l > 0 && d2 * SAFE_SQ < l * l) {
        lower[i] = l;
      } else {
        let bestD = Number.POSITIVE_INFINITY;
        let second = Number.POSITIVE_INFINITY;
        for (let c = 0, co = 0; c < k; c++, co += 3) {
          const d0 = x0 - centroids[co]!;
          const d1 = x1 - centroids[co + 1]!;
          const dd = x2 - centroids[co + 2]!;
          const d = d0 * d0 + d1 * d1 + dd * dd;
          if (d < bestD) {
            second = bestD;
            bestD = d;
            a = c;
          } else if (d < second) second = d;
        }
        d2 = bestD;
        labels[i] = a;
        lower[i] = Math.sqrt(second) * (1 - SAFE);
      }
      sizes[a]! += 1;
      pot += d2;
      const bo = a * 3;
      next[bo]! += x0;
      next[bo + 1]! += x1;
      next[bo + 2]! += x2;
    }
    assignmentInertias.push(pot);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const size = sizes[c]!;
      let moved = 0;
      for (let j = c * 3; j < c * 3 + 3; j++) {
        const mean = size > 0 ? next[j]! / size : centroids[j]!;
        const diff = mean - centroids[j]!;
        moved += diff * diff;
        next[j] = mean;
      }
      moves[c] = Math.sqrt(moved) * (1 + SAFE);
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
