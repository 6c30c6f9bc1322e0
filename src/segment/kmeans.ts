import { Adder } from '../_lib/sum';
import { InsufficientDataError, invalidInput } from '../errors';
import { hasDistinct, type KmeansEngineRun, kmeansBest } from './kmeansEngine';
import { prepareFeatures, resolveFeatures, unscale } from './kmeansFeatures';
import { candidateKs, checkIds, positiveInt, readRevenue } from './kmeansInput';
import { type KmeansLevel, levelOf, percentileRank, profileText } from './kmeansProfile';
import { kmeansDeriveSeed } from './kmeansRandom';
import {
  KMEANS_DEFAULTS,
  type KmeansCandidate,
  type KmeansCluster,
  type KmeansResult,
  type KmeansSegmentsOptions,
} from './kmeansTypes';
import { silhouetteScore } from './silhouette';

export type {
  KmeansFeature,
  KmeansFeatureSpec,
  KmeansScale,
  KmeansScaler,
  KmeansTransform,
} from './kmeansFeatures';
export { KMEANS_PROFILE_WORDS } from './kmeansFeatures';
export type { KmeansLevel, KmeansProfileThresholds } from './kmeansProfile';
export * from './kmeansTypes';

const FN = 'kmeansSegments';

/**
 * Segments customers with k-means on chosen features: validate → transform (log1p) → scale
 * (z-score / min–max) → Lloyd's algorithm from greedy k-means++ seeding, `restarts` seeded
 * restarts keeping the lowest inertia (a restart that leaves a cluster empty ranks after every
 * other) → clusters renumbered by size, with centres in original units, revenue shares and
 * profiles. With `kRange`, every k in the range is run and the k with the highest mean
 * silhouette wins (ties: the smaller k); the inertia (elbow) and silhouette curves are returned.
 *
 * Objective (Lloyd 1982; k-means++: Arthur & Vassilvitskii 2007): minimise inertia
 * = Σ_i ‖x_i − μ_c(i)‖² over assignments c and centres μ, in the scaled space.
 * Profile rule: a cluster centroid (original units) at percentile rank ≥ 2/3 of its feature's
 * values over all customers is "high", ≤ 1/3 "low", else omitted (see docs/clustering.md).
 * Zero-variance features scale to 0 (spread replaced by 1) and so do not affect the clustering.
 * Deterministic: the same rows, options and seed give identical output, whatever the order of the
 * rows (customers are clustered in customerId order; `assignments` keeps the input order).
 * Cost per restart: O(n · k · d · iterations); silhouette O(min(n, 10,000)² · d).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for a non-finite feature or revenue value (naming
 *   the customer and feature), log1p of a negative value, a missing or duplicate customerId, or
 *   invalid options (k, kRange, seed, restarts…), or k greater than the number of customers.
 * @throws InsufficientDataError (`INSUFFICIENT_DATA`) with no rows, fewer distinct feature vectors
 *   than k, a total revenue ≤ 0, or every restart leaving a cluster empty.
 * @example
 * ```ts
 * const rows = [
 *   { customerId: 'a', orders: 1, totalSpend: 10 }, { customerId: 'b', orders: 2, totalSpend: 12 },
 *   { customerId: 'c', orders: 20, totalSpend: 900 }, { customerId: 'd', orders: 22, totalSpend: 1000 },
 * ];
 * const r = kmeansSegments(rows, { features: ['orders', 'totalSpend'], k: 2, seed: 1, revenue: 'totalSpend' });
 * r.assignments.map((a) => a.cluster); // [0, 0, 1, 1]
 * r.clusters[1].centroid;              // ≈ { orders: 21, totalSpend: 950 }
 * r.clusters[1].profile;               // 'frequent, high spend'
 * r.clusters[1].revenueShare;          // 1900 / 1922 ≈ 0.98855
 * ```
 */
export function kmeansSegments<R extends { customerId: string }>(
  rows: readonly R[],
  options: KmeansSegmentsOptions<R>,
): KmeansResult {
  const o = { ...KMEANS_DEFAULTS, ...options };
  if (!Array.isArray(rows)) throw invalidInput(FN, 'rows', 'an array of rows', rows);
  if (rows.length === 0)
    throw new InsufficientDataError(`${FN}: expected at least 1 row, received 0`);
  if (!Number.isInteger(o.seed)) throw invalidInput(FN, 'options.seed', 'an integer', o.seed);
  for (const key of [
    'restarts',
    'maxIterations',
    'initSampleSize',
    'silhouetteSampleSize',
  ] as const) {
    if (!positiveInt(o[key]))
      throw invalidInput(FN, `options.${key}`, 'a positive integer', o[key]);
  }
  if (!(o.tolerance >= 0)) throw invalidInput(FN, 'options.tolerance', 'a number ≥ 0', o.tolerance);
  if (!['zscore', 'minmax', 'none'].includes(o.scale)) {
    throw invalidInput(FN, 'options.scale', "'zscore', 'minmax' or 'none'", o.scale);
  }
  const { low, high } = o.profileThresholds;
  if (!(low > 0 && low < high && high < 1)) {
    throw invalidInput(FN, 'options.profileThresholds', '0 < low < high < 1', `${low}, ${high}`);
  }
  const n = rows.length;
  const ks = candidateKs(options, n);
  const ids = checkIds(rows);
  // Cluster in customerId order, so the output does not depend on the order of the rows.
  const perm = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0,
  );
  const byId = perm.map((i) => rows[i]!);
  const features = resolveFeatures(FN, options.features, o.transform);
  const revenue = o.revenue === undefined ? undefined : readRevenue(byId, o.revenue);
  const { raw, points, scalers } = prepareFeatures(FN, byId, features, o.scale);
  const kMax = ks[ks.length - 1]!;
  if (!hasDistinct(points, kMax)) {
    throw new InsufficientDataError(
      `${FN}: expected at least k = ${kMax} distinct feature vectors, received fewer`,
    );
  }
  const engine = { ...o, seed: o.seed };
  // One silhouette sample for every k (same seed), so candidates are compared on the same points.
  const silhouetteOptions = {
    sampleSize: o.silhouetteSampleSize,
    seed: kmeansDeriveSeed(o.seed, 0x5111),
  };
  const silhouetteOf = (run: KmeansEngineRun, k: number) =>
    k >= 2 && k <= n - 1
      ? silhouetteScore(points, Array.from(run.labels), silhouetteOptions)
      : undefined;

  let chosen: { k: number; run: KmeansEngineRun; silhouette: number | undefined } | undefined;
  const candidates: KmeansCandidate[] = [];
  for (const k of ks) {
    const run = kmeansBest(points, k, engine);
    if (run.sizes.some((s) => s === 0)) {
      throw new InsufficientDataError(
        `${FN}: expected ${k} non-empty clusters, received an empty cluster in all ${o.restarts} restarts (try a smaller k)`,
      );
    }
    const silhouette = silhouetteOf(run, k);
    if (options.kRange !== undefined)
      candidates.push({ k, inertia: run.inertia, silhouette: silhouette! });
    if (!chosen || (silhouette ?? -2) > (chosen.silhouette ?? -2)) chosen = { k, run, silhouette };
  }
  const { k, run, silhouette } = chosen!;

  // Renumber: descending size, ties by the scaled centroid (lexicographic).
  const order = Array.from({ length: k }, (_, c) => c).sort(
    (a, b) => run.sizes[b]! - run.sizes[a]! || lexCompare(run.centroids[a]!, run.centroids[b]!),
  );
  const newId = new Int32Array(k);
  order.forEach((c, id) => {
    newId[c] = id;
  });
  const sorted = raw.map((col) => col.slice().sort());
  const means = order.map(() => features.map(() => new Adder()));
  const revenueSums = order.map(() => new Adder());
  const assignments = new Array<{ customerId: string; cluster: number }>(n);
  for (let p = 0; p < n; p++) {
    const c = newId[run.labels[p]!]!;
    const i = perm[p]!;
    assignments[i] = { customerId: ids[i]!, cluster: c };
    for (let j = 0; j < features.length; j++) means[c]![j]!.add(raw[j]![p]!);
    if (revenue) revenueSums[c]!.add(revenue[p]!);
  }
  const totalRevenue = revenue
    ? Number(revenueSums.reduce((a, s) => a.add(Number(s)), new Adder()))
    : 0;
  if (revenue && !(totalRevenue > 0)) {
    throw new InsufficientDataError(
      `${FN}: expected a total revenue > 0, received ${totalRevenue}`,
    );
  }
  const clusters = order.map((c, id): KmeansCluster => {
    const size = run.sizes[c]!;
    const centroid: Record<string, number> = {};
    const mean: Record<string, number> = {};
    const levels: Record<string, KmeansLevel> = {};
    const levelList = features.map((f, j) => {
      centroid[f.name] = unscale(scalers[j]!, run.centroids[c]![j]!);
      mean[f.name] = Number(means[id]![j]!) / size;
      const level = levelOf(percentileRank(sorted[j]!, centroid[f.name]!), o.profileThresholds);
      levels[f.name] = level;
      return level;
    });
    const cluster: KmeansCluster = {
      id,
      size,
      share: size / n,
      centroid,
      mean,
      levels,
      profile: profileText(levelList, features),
    };
    if (revenue) {
      cluster.revenue = Number(revenueSums[id]!);
      cluster.revenueShare = cluster.revenue / totalRevenue;
    }
    return cluster;
  });
  const result: KmeansResult = {
    k,
    assignments,
    clusters,
    inertia: run.inertia,
    silhouette,
    iterations: run.iterations,
    converged: run.converged,
    restartInertias: run.restartInertias,
    scalers,
  };
  if (options.kRange !== undefined) result.candidates = candidates;
  return result;
}

function lexCompare(a: readonly number[], b: readonly number[]): number {
  for (let d = 0; d < a.length; d++) if (a[d] !== b[d]) return a[d]! - b[d]!;
  return 0;
}
