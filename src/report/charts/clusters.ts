import { invalidInput } from '../../errors';
import { baseSpec, type ChartOptions, requireFinite, requireRows, type VegaLiteSpec } from './spec';

/** One k-means cluster's profile. */
export interface ClusterProfile {
  /** Cluster id (0-based index or label). */
  cluster: number | string;
  /** Customers in the cluster. */
  size: number;
  /** Centroid in original feature units, e.g. `{ recency: 12, frequency: 3, monetary: 80 }`. */
  centroid: Readonly<Record<string, number>>;
  /** Human-readable profile such as "frequent, high spend, recent". */
  label?: string;
}

/**
 * Vega-Lite heatmap of k-means cluster profiles: one row per cluster (labelled
 * "<cluster>: <label> (n = size)"), one column per feature. Color = the centroid relative to
 * the feature's range across clusters, rel = (c − min) / (max − min) (0.5 when all equal), so
 * features in different units share one scale; each cell is labelled with the centroid in
 * original units.
 *
 * @throws InsufficientDataError when `clusters` is empty; InvalidInputError when clusters do
 *   not share the same features or a value is not finite, naming the cluster.
 * @example
 * clusterProfilesChart([{ cluster: 0, size: 5, centroid: { frequency: 2 } }]).data.values[0].rel;
 * // => 0.5
 */
export function clusterProfilesChart(
  clusters: readonly ClusterProfile[],
  options: ChartOptions = {},
): VegaLiteSpec & { data: { values: { rel: number }[] }; layer: unknown[] } {
  const fn = 'clusterProfilesChart';
  requireRows(fn, 'clusters', clusters);
  const features = Object.keys(clusters[0]!.centroid);
  if (features.length === 0) {
    throw invalidInput(fn, 'centroid', 'to have at least one feature', 0, { code: 'too_small' });
  }
  clusters.forEach((c, i) => {
    requireFinite(fn, 'size', c.size, i, true);
    const keys = Object.keys(c.centroid);
    if (keys.length !== features.length || !features.every((f) => Object.hasOwn(c.centroid, f))) {
      throw invalidInput(
        fn,
        'centroid',
        `to have the features ${features.join(', ')}`,
        keys.join(', '),
        {
          code: 'invalid_features',
          path: ['clusters', i, 'centroid'],
        },
      );
    }
    for (const f of features) requireFinite(fn, f, c.centroid[f], i);
  });
  const values: { cluster: string; feature: string; value: number; rel: number }[] = [];
  for (const f of features) {
    const col = clusters.map((c) => c.centroid[f]!);
    const lo = Math.min(...col);
    const hi = Math.max(...col);
    clusters.forEach((c, i) => {
      const label = `${c.cluster}${c.label ? `: ${c.label}` : ''} (n = ${c.size.toLocaleString('en-US')})`;
      values.push({
        cluster: label,
        feature: f,
        value: col[i]!,
        rel: hi > lo ? (col[i]! - lo) / (hi - lo) : 0.5,
      });
    });
  }
  return {
    ...baseSpec('k-means cluster profiles (centroids)', options, {
      width: Math.max(240, 90 * features.length),
      height: Math.max(80, 32 * clusters.length),
    }),
    data: { values },
    encoding: {
      x: {
        field: 'feature',
        type: 'nominal',
        title: null,
        sort: features,
        axis: { orient: 'top', labelAngle: 0 },
      },
      y: { field: 'cluster', type: 'nominal', title: null, sort: null, axis: { labelLimit: 360 } },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'rel',
            type: 'quantitative',
            title: 'Relative to clusters',
            scale: { domain: [0, 1], scheme: 'purples' },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'value', type: 'quantitative', format: ',.1f' },
          color: { condition: { test: 'datum.rel > 0.6', value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
