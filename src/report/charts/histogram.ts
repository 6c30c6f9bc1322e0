import { fsum } from '../../_lib/sum';
import { invalidInput } from '../../errors';
import { baseSpec, type ChartOptions, requireFinite, requireRows, type VegaLiteSpec } from './spec';

/** One histogram bin: values in [start, end) (the last bin also holds its end and above). */
export interface HistogramBin {
  start: number;
  end: number;
  count: number;
}

/** Options of {@link histogramBins} and {@link clvHistogramChart}. */
export interface HistogramOptions {
  /** Number of equal-width bins. */
  bins?: number;
  /**
   * Upper edge of the last bin as a quantile of the values (long right tails of CLV would
   * otherwise squeeze every customer into the first bar). Values above it are counted in the
   * last bin, which the chart labels as open-ended. Use 1 for the maximum.
   */
  clipQuantile?: number;
}

/** Defaults of {@link histogramBins}. */
export const HISTOGRAM_DEFAULTS: Required<HistogramOptions> = { bins: 30, clipQuantile: 0.99 };

/**
 * Equal-width histogram of values, clipped at a quantile.
 *
 * lo = min(values); hi = the `clipQuantile` quantile (nearest rank: sorted[ceil(q·n) − 1]),
 * or max when that equals lo; width = (hi − lo) / bins; a value v goes to bin
 * min(floor((v − lo) / width), bins − 1). When every value is equal there is one bin
 * [v, v + 1). Σ counts = n always.
 *
 * Complexity O(n log n) (sort for the quantile).
 *
 * @throws InsufficientDataError for no values; InvalidInputError for a non-finite value
 *   (naming its index), `bins` not a positive integer, or `clipQuantile` outside (0, 1].
 * @example
 * histogramBins([0, 1, 2, 3], { bins: 2, clipQuantile: 1 });
 * // => [{ start: 0, end: 1.5, count: 2 }, { start: 1.5, end: 3, count: 2 }]
 */
export function histogramBins(
  values: readonly number[],
  options: HistogramOptions = {},
): HistogramBin[] {
  const fn = 'histogramBins';
  const { bins, clipQuantile } = { ...HISTOGRAM_DEFAULTS, ...options };
  requireRows(fn, 'values', values);
  if (!Number.isInteger(bins) || bins < 1) {
    throw invalidInput(fn, 'bins', 'to be a positive integer', bins, { code: 'invalid_option' });
  }
  if (!(clipQuantile > 0 && clipQuantile <= 1)) {
    throw invalidInput(fn, 'clipQuantile', 'to be in (0, 1]', clipQuantile, {
      code: 'invalid_option',
    });
  }
  for (let i = 0; i < values.length; i++) requireFinite(fn, 'value', values[i], i);
  const sorted = Float64Array.from(values).sort();
  const lo = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  let hi = sorted[Math.max(0, Math.ceil(clipQuantile * sorted.length) - 1)]!;
  if (hi <= lo) hi = max;
  if (hi <= lo) return [{ start: lo, end: lo + 1, count: sorted.length }];
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[Math.min(Math.floor((v - lo) / width), bins - 1)]! += 1;
  return counts.map((count, i) => ({
    start: lo + i * width,
    end: i === bins - 1 ? hi : lo + (i + 1) * width,
    count,
  }));
}

/**
 * Vega-Lite histogram of predicted customer lifetime values (pre-binned with
 * {@link histogramBins}, so the spec stays small for a million customers). The subtitle gives
 * n, the mean and, when clipped, that the last bar includes all values above its start.
 *
 * @param values - One CLV per customer, in currency units; not mutated.
 * @throws As {@link histogramBins}.
 * @example
 * clvHistogramChart([10, 20, 30], { bins: 3, clipQuantile: 1 }).data.values.length; // => 3
 */
export function clvHistogramChart(
  values: readonly number[],
  options: ChartOptions & HistogramOptions = {},
): VegaLiteSpec & { data: { values: HistogramBin[] } } {
  const bins = histogramBins(values, options);
  const mean = fsum(values) / values.length;
  const clipped = (options.clipQuantile ?? HISTOGRAM_DEFAULTS.clipQuantile) < 1;
  const spec = baseSpec('Predicted customer lifetime value', options, { width: 520, height: 220 });
  return {
    ...spec,
    title: {
      text: spec.title,
      subtitle: `${values.length.toLocaleString('en-US')} customers, mean ${mean.toFixed(2)}${
        clipped ? '; the last bar includes the top tail' : ''
      }`,
    },
    data: { values: bins },
    mark: { type: 'rect', color: '#54a24b', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'start', type: 'quantitative', bin: { binned: true }, title: 'Predicted CLV' },
      x2: { field: 'end' },
      y: { field: 'count', type: 'quantitative', title: 'Customers' },
      tooltip: [
        { field: 'start', type: 'quantitative', format: ',.2f' },
        { field: 'end', type: 'quantitative', format: ',.2f' },
        { field: 'count', type: 'quantitative', format: ',' },
      ],
    },
  };
}
