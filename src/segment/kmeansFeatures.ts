/**
 * Feature extraction for k-means: reads each customer's feature values, validates them, applies
 * the transform (log1p) and the scaling (z-score, min–max), and can map a point back to original
 * units. Internal to the segment layer; the public surface is `kmeansSegments`.
 */

import { Adder } from '../_lib/sum';
import { InvalidInputError, type Issue, invalidInput } from '../errors';

/** Keys of R whose values are numbers. */
export type NumericKey<R> = {
  [K in keyof R]-?: R[K] extends number | undefined ? K : never;
}[keyof R] &
  string;

/** Transform applied to a feature before scaling. */
export type KmeansTransform = 'log1p' | 'none';
/** Scaling applied to every feature after the transform. */
export type KmeansScale = 'zscore' | 'minmax' | 'none';

/** A clustering feature given as an accessor, with optional profile words. */
export interface KmeansFeature<R> {
  /** Name used in centroids and profiles, e.g. `monetary`. Unique among the features. */
  name: string;
  /** Reads the feature from a row; must return a finite number. */
  value: (row: R) => number;
  /** Overrides the run's `transform` for this feature. */
  transform?: KmeansTransform;
  /** Profile word when the cluster centre sits high in the overall distribution. */
  high?: string;
  /** Profile word when the cluster centre sits low in the overall distribution. */
  low?: string;
}

/** A feature: the key of a numeric field of the row, or a {@link KmeansFeature}. */
export type KmeansFeatureSpec<R> = NumericKey<R> | KmeansFeature<R>;

/**
 * Default profile words for the CustomerSummary fields. Direction matters for recency:
 * `daysSinceLastPurchase` is LOW for recent customers, so low → "recent", high → "lapsed".
 * Any other feature reads "high <name>" / "low <name>" unless the feature gives its words.
 */
export const KMEANS_PROFILE_WORDS: Readonly<Record<string, { high: string; low: string }>> = {
  daysSinceLastPurchase: { high: 'lapsed', low: 'recent' },
  frequency: { high: 'frequent', low: 'infrequent' },
  orders: { high: 'frequent', low: 'infrequent' },
  totalSpend: { high: 'high spend', low: 'low spend' },
  monetaryValue: { high: 'high spend', low: 'low spend' },
  monetary: { high: 'high spend', low: 'low spend' },
};

/** A resolved feature. */
export interface ResolvedFeature<R> {
  name: string;
  read: (row: R) => unknown;
  transform: KmeansTransform;
  high: string;
  low: string;
}

/** Resolves specs to accessors and words; rejects duplicate or empty names. */
export function resolveFeatures<R>(
  fn: string,
  specs: readonly KmeansFeatureSpec<R>[],
  transform: KmeansTransform,
): ResolvedFeature<R>[] {
  if (!Array.isArray(specs) || specs.length === 0) {
    throw invalidInput(fn, 'options.features', 'a non-empty array of features', specs);
  }
  const seen = new Set<string>();
  return specs.map((spec, j) => {
    const f =
      typeof spec === 'string'
        ? { name: spec, read: (row: R) => (row as Record<string, unknown>)[spec] }
        : { name: spec?.name, read: spec?.value as (row: R) => unknown };
    if (typeof f.name !== 'string' || f.name === '' || typeof f.read !== 'function') {
      throw invalidInput(fn, `options.features[${j}]`, 'a key or { name, value }', spec);
    }
    if (seen.has(f.name)) {
      throw invalidInput(fn, `options.features[${j}].name`, 'a unique feature name', f.name);
    }
    seen.add(f.name);
    const own = typeof spec === 'string' ? {} : spec;
    const words = KMEANS_PROFILE_WORDS[f.name];
    const t = own.transform ?? transform;
    if (t !== 'log1p' && t !== 'none') {
      throw invalidInput(fn, `options.features[${j}].transform`, "'log1p' or 'none'", t);
    }
    return {
      name: f.name,
      read: f.read,
      transform: t,
      high: own.high ?? words?.high ?? `high ${f.name}`,
      low: own.low ?? words?.low ?? `low ${f.name}`,
    };
  });
}

/** The fitted scaling of one feature: scaled = (transform(x) − center) / spread. */
export interface KmeansScaler {
  /** Feature name. */
  name: string;
  /** Transform applied before scaling. */
  transform: KmeansTransform;
  /** Subtracted after the transform (mean for z-score, minimum for min–max, 0 for none). */
  center: number;
  /** Divides after centring (SD, range, or 1; a zero SD or range is replaced by 1). */
  spread: number;
}

/** Feature matrix of a run. */
export interface PreparedFeatures {
  /** Original values, one column per feature. */
  raw: Float64Array[];
  /** Scaled points, one array per customer (the k-means engine flattens them). */
  points: number[][];
  scalers: KmeansScaler[];
}

const MAX_ISSUES = 100;

/**
 * Reads, validates, transforms and scales the features of `rows`. Collects up to 100 issues
 * (non-finite values, log1p of negatives) and throws them in one InvalidInputError.
 */
export function prepareFeatures<R extends { customerId: string }>(
  fn: string,
  rows: readonly R[],
  features: readonly ResolvedFeature<R>[],
  scale: KmeansScale,
): PreparedFeatures {
  const n = rows.length;
  const raw = features.map(() => new Float64Array(n));
  const issues: Issue[] = [];
  let first: InvalidInputError | undefined;
  const report = (e: InvalidInputError) => {
    first ??= e;
    if (issues.length < MAX_ISSUES) issues.push(...e.issues);
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    for (let j = 0; j < features.length; j++) {
      const f = features[j]!;
      const v = f.read(row);
      const extra = { customerId: row.customerId, path: ['rows', i, f.name] };
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        report(
          invalidInput(fn, f.name, 'a finite number', v, { ...extra, code: 'invalid_number' }),
        );
      } else if (f.transform === 'log1p' && v < 0) {
        report(
          invalidInput(fn, f.name, '≥ 0 for the log1p transform', v, {
            ...extra,
            code: 'too_small',
          }),
        );
      } else {
        raw[j]![i] = v;
      }
    }
  }
  if (first) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issues)` : '';
    throw new InvalidInputError(`${first.message}${more}`, issues);
  }
  const transformed = features.map((f, j) =>
    f.transform === 'log1p' ? raw[j]!.map(Math.log1p) : raw[j]!,
  );
  const scalers = features.map((f, j) => fitScaler(f, transformed[j]!, scale));
  const points = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const p = new Array<number>(features.length);
    for (let j = 0; j < features.length; j++) {
      const s = scalers[j]!;
      p[j] = (transformed[j]![i]! - s.center) / s.spread;
    }
    points[i] = p;
  }
  return { raw, points, scalers };
}

function fitScaler<R>(f: ResolvedFeature<R>, t: Float64Array, scale: KmeansScale): KmeansScaler {
  const base = { name: f.name, transform: f.transform };
  if (scale === 'none') return { ...base, center: 0, spread: 1 };
  if (scale === 'minmax') {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of t) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { ...base, center: min, spread: max > min ? max - min : 1 };
  }
  // z-score with the population SD (divide by n), as scikit-learn's StandardScaler.
  const sum = new Adder();
  for (const v of t) sum.add(v);
  const mean = Number(sum) / t.length;
  const ss = new Adder();
  for (const v of t) ss.add((v - mean) * (v - mean));
  const sd = Math.sqrt(Number(ss) / t.length);
  return { ...base, center: mean, spread: sd > 0 ? sd : 1 };
}

/** Maps a scaled coordinate back to original units: undo the scaling, then the transform. */
export function unscale(s: KmeansScaler, scaled: number): number {
  const t = scaled * s.spread + s.center;
  return s.transform === 'log1p' ? Math.expm1(t) : t;
}
