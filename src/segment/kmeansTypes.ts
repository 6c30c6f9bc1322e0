/**
 * Options, defaults and result types of `kmeansSegments` (src/segment/kmeans.ts).
 */
import type {
  KmeansFeatureSpec,
  KmeansScale,
  KmeansScaler,
  KmeansTransform,
  NumericKey,
} from './kmeansFeatures';
import type { KmeansLevel, KmeansProfileThresholds } from './kmeansProfile';

/** Options of `kmeansSegments` shared by the fixed-k and the k-range forms. */
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
  /** Above this many points, k-means++ (and a first Lloyd pass) runs on a seeded sample of this size. Default 20,000. */
  initSampleSize?: number;
  /** Silhouette exact up to this many points, sampled above. Default 10,000. */
  silhouetteSampleSize?: number;
  /** Percentile bounds of the profile words. Default { low: 1/3, high: 2/3 }. */
  profileThresholds?: KmeansProfileThresholds;
}

/** Options of `kmeansSegments`: a fixed `k`, or a `kRange` [min, max] chosen by silhouette. */
export type KmeansSegmentsOptions<R> = KmeansBaseOptions<R> &
  ({ k: number; kRange?: never } | { kRange: readonly [number, number]; k?: never });

/** Defaults of `kmeansSegments`. */
export const KMEANS_DEFAULTS = {
  transform: 'none',
  scale: 'zscore',
  restarts: 10,
  maxIterations: 300,
  tolerance: 1e-8,
  initSampleSize: 20_000,
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

/** Result of `kmeansSegments`. */
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
