/**
 * Comparison of this run's metrics with a baseline run (e.g. last night's metrics.json).
 */

/** Change of one metric against the baseline. */
export interface MetricDelta {
  metric: string;
  current: number;
  baseline: number;
  /** current − baseline, in the metric's own unit. */
  delta: number;
  /** (current − baseline) / |baseline|; undefined when the baseline is 0. */
  relative?: number;
}

/**
 * Flattens a nested object of metrics into dotted names with finite numeric leaves, e.g.
 * `{ models: { bgNbd: { r: 0.24 } } }` → `{ 'models.bgNbd.r': 0.24 }`. Arrays, strings,
 * booleans, null and non-finite numbers are skipped. Only own keys are read.
 *
 * @example
 * flattenMetrics({ churnRate: 0.2, fit: { r: 1, ok: true } }); // => { churnRate: 0.2, 'fit.r': 1 }
 */
export function flattenMetrics(value: unknown, prefix = ''): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') {
      if (Number.isFinite(v) && path) out[path] = v;
      return;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return;
    for (const k of Object.keys(v))
      walk((v as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
  };
  walk(value, prefix);
  return { ...out };
}

/**
 * Deltas of every metric present in both runs: delta = current − baseline and
 * relative = delta / |baseline| (omitted when baseline = 0). Metrics missing from either side
 * are left out. Sorted by metric name.
 *
 * @example
 * metricDeltas({ churnRate: 0.25 }, { churnRate: 0.2 });
 * // => [{ metric: 'churnRate', current: 0.25, baseline: 0.2, delta: 0.04999999999999999, relative: 0.24999999999999994 }]
 */
export function metricDeltas(
  current: Readonly<Record<string, number>>,
  baseline: Readonly<Record<string, number>>,
): MetricDelta[] {
  const out: MetricDelta[] = [];
  for (const metric of Object.keys(current).sort()) {
    if (!Object.hasOwn(baseline, metric)) continue;
    const c = current[metric]!;
    const b = baseline[metric]!;
    if (!Number.isFinite(c) || !Number.isFinite(b)) continue;
    const d: MetricDelta = { metric, current: c, baseline: b, delta: c - b };
    if (b !== 0) d.relative = (c - b) / Math.abs(b);
    out.push(d);
  }
  return out;
}
