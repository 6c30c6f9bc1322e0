import { Adder } from '../_lib/sum';
import { InsufficientDataError, invalidInput } from '../errors';
import { hasDistinct, type KmeansEngineRun, kmeansBest } from './kmeansEngine';
import {
  type KmeansFeatureSpec,
  type KmeansScale,
  type KmeansScaler,
  type KmeansTransform,
  type NumericKey,
  prepareFeatures,
  resolveFeatures,
  unscale,
} from './kmeansFeatures';
import {
  type KmeansLevel,
  type KmeansProfileThresholds,
  levelOf,
  percentileRank,
  profileText,
} from './kmeansProfile';
import { kmeansDeriveSeed } from './kmeansRandom';
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

/** Options of {@link kmeansSegments} shared by the fixed-k and the k-range forms. */
export interface KmeansBaseOptions<R> {
  /** Features to cluster on: keys of numeric row fields or `{ name, value }` accessors. */
  features: readonly KmeansFeatureSpec<R>[];
  /** Seed of every random choice (k-means++ draws, init samples, silhouette sample). Integer. */
  seed: number;
  /** Transform before scaling; `log1p` (ln(1 + x), needs x ≥ 0) tames skewed spend/counts. */
  transform?: KmeansTransform;
  /** Scaling after the transform, fitted on these rows. Default `zscore`. */
  scale?: KmeansScale;
  /** Seeded restarts; the lowest inertia is kept. Default 10. */
  restarts?: number;
  /** Revenue of each customer (a key or accessor), for each cluster's revenue share. */
  revenue?: NumericKey<R> | ((row: R) => number);
  /** Lloyd iterations per restart. Default 300. */
  maxIterations?: number;
  /** Convergence: every centre moves less than this squared distance (scaled units). 1e-8. */
  tolerance?: number;
  /** Above this many points, k-means++ runs on a seeded sample of this size. 100,000. */
  initSampleSize?: number;
  /** Silhouette exact up to this many points, sampled above. Default 10,000. */
  silhouetteSampleSize?: number;
  /** Percentile bounds of the profile words. Default { low: 1/3, high: 2/3 }. */
  profileThresholds?: KmeansProfileThresholds;
}

/** Options of {@link kmeansSegments}: a fixed `k`, or a `kRange` [min, max] chosen by silhouette. */
export type KmeansSegmentsOptions<R> = KmeansBaseOptions<R> &
  ({ k: number; kRange?: never } | { kRange: readonly [number, number]; k?: never });

/** Defaults of {@link kmeansSegments}. */
export const KMEANS_DEFAULTS = {
  transform: 'none',
  scale: 'zscore',
  restarts: 10,
  maxIterations: 300,
  tolerance: 1e-8,
  initSampleSize: 100_000,
  silhouetteSampleSize: 10_000,
  profileThresholds: { low: 1 / 3, high: 2 / 3 },
} as const satisfies Partial<KmeansBaseOptions<unknown>>;

/** One cluster of a {@link KmeansResult}. */
export interface KmeansCluster {
  /** 0-based id: clusters are numbered by descending size (ties: by scaled centroid). */
  id: number;
  /** Customers in the cluster. */
  size: number;
  /** size / number of customers. */
  share: number;
  /** Cluster centre mapped back to original units (scaling undone, then expm1 for log1p). */
  centroid: Record<string, number>;
  /** Arithmetic mean of the members' original values (differs from centroid under log1p). */
  mean: Record<string, number>;
  /** Level of each feature's centroid in the overall distribution (percentile rank rule). */
  levels: Record<string, KmeansLevel>;
  /** Profile such as "recent, frequent, high spend" ("average" when all levels are mid). */
  profile: string;
  /** Σ revenue of the members (when `revenue` is given). */
  revenue?: number;
  /** revenue / total revenue (when `revenue` is given). */
  revenueShare?: number;
}

/** One candidate k of a k-range run. */
export interface KmeansCandidate {
  k: number;
  /** Lowest inertia over the restarts (scaled units): the elbow curve. */
  inertia: number;
  /** Mean silhouette of that partition. */
  silhouette: number;
}

/** Result of {@link kmeansSegments}. */
export interface KmeansResult {
  /** Number of clusters. */
  k: number;
  /** Each customer's cluster, in input order. */
  assignments: { customerId: string; cluster: number }[];
  /** Clusters ordered by id. */
  clusters: KmeansCluster[];
  /** Σ squared distance to the cluster centre, in scaled units (what k-means minimises). */
  inertia: number;
  /** Mean silhouette (exact ≤ silhouetteSampleSize points, sampled above); undefined if k < 2 or k = n. */
  silhouette: number | undefined;
  /** Lloyd iterations of the kept restart, and whether it converged. */
  iterations: number;
  converged: boolean;
  /** Inertia of each restart, in order (seed of restart r derived from `seed` and r). */
  restartInertias: number[];
  /** The fitted transform and scaling of each feature. */
  scalers: KmeansScaler[];
  /** k-range runs: every candidate k with its inertia and silhouette (the k chosen has the best silhouette). */
  candidates?: KmeansCandidate[];
}

const FN = 'kmeansSegments';

const positiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

/**
 * Segments customers with k-means on chosen features: validate → transform (log1p) → scale
 * (z-score / min–max) → ml-kmeans with k-means++ seeding from `restarts` seeded restarts, keeping
 * the lowest inertia → clusters renumbered by size, with centres in original units, revenue shares
 * and profiles. With `kRange`, every k in the range is run and the k with the highest mean
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

/** The k values to run: [k] or kMin..kMax, validated against n. */
function candidateKs<R>(options: KmeansSegmentsOptions<R>, n: number): number[] {
  if (options.kRange !== undefined) {
    const range = options.kRange;
    const [a, b] = Array.isArray(range) ? range : [];
    if (!Number.isInteger(a) || !Number.isInteger(b) || a! < 2 || b! < a!) {
      throw invalidInput(FN, 'options.kRange', '[kMin, kMax] integers with 2 ≤ kMin ≤ kMax', range);
    }
    if (b! > n - 1) {
      throw invalidInput(FN, 'options.kRange', `kMax ≤ n − 1 = ${n - 1} (silhouette needs it)`, b);
    }
    return Array.from({ length: b! - a! + 1 }, (_, i) => a! + i);
  }
  const k = options.k;
  if (!positiveInt(k)) throw invalidInput(FN, 'options.k', 'a positive integer (or kRange)', k);
  if (k > n) throw invalidInput(FN, 'options.k', `≤ the number of customers (${n})`, k);
  return [k];
}

/** customerId of each row: a non-empty string, unique. */
function checkIds<R extends { customerId: string }>(rows: readonly R[]): string[] {
  const seen = new Set<string>();
  return rows.map((row, i) => {
    const id = row?.customerId;
    if (typeof id !== 'string' || id === '') {
      throw invalidInput(FN, `rows[${i}].customerId`, 'a non-empty string', id, { line: i });
    }
    if (seen.has(id)) {
      throw invalidInput(FN, 'customerId', 'one row per customer', id, { customerId: id, line: i });
    }
    seen.add(id);
    return id;
  });
}

function readRevenue<R extends { customerId: string }>(
  rows: readonly R[],
  spec: NumericKey<R> | ((row: R) => number),
): Float64Array {
  const read =
    typeof spec === 'function' ? spec : (row: R) => (row as Record<string, unknown>)[spec];
  const out = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    const v = read(row);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw invalidInput(FN, 'revenue', 'a finite number', v, {
        customerId: row.customerId,
        code: 'invalid_number',
      });
    }
    out[i] = v;
  });
  return out;
}
