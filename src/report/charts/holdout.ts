import { baseSpec, type ChartOptions, requireFinite, requireRows, type VegaLiteSpec } from './spec';

/** Predicted and actual purchases at one point of a tracking curve. */
export interface TrackingChartPoint {
  /** Time since the start of calibration (or a period index), in the summary's unit. */
  period: number;
  /** Observed (repeat) purchases, cumulative or per period. */
  actual: number;
  /** Model-expected purchases for the same point. */
  predicted: number;
}

/**
 * Vega-Lite line chart of predicted vs actual purchases over time: the tracking plot of Fader,
 * Hardie & Lee (2005, figure 2, cumulative repeat transactions) used to validate a model on a
 * holdout. Two lines (`actual` solid, `predicted` dashed) from a fold of the two fields; an
 * optional vertical rule marks the end of calibration.
 *
 * @param points - Tracking points sorted or not (the x axis sorts them); not mutated.
 * @param options - Title, size, `calibrationEnd` (x of the rule) and `xTitle`.
 * @throws InsufficientDataError when `points` is empty; InvalidInputError for a non-finite
 *   value, naming the row.
 * @example
 * holdoutTrackingChart([{ period: 1, actual: 10, predicted: 9.5 }]).layer.length; // => 1
 */
export function holdoutTrackingChart(
  points: readonly TrackingChartPoint[],
  options: ChartOptions & { calibrationEnd?: number; xTitle?: string } = {},
): VegaLiteSpec & { layer: unknown[] } {
  const fn = 'holdoutTrackingChart';
  requireRows(fn, 'points', points);
  const values = points.map((p, i) => ({
    period: requireFinite(fn, 'period', p.period, i),
    actual: requireFinite(fn, 'actual', p.actual, i),
    predicted: requireFinite(fn, 'predicted', p.predicted, i),
  }));
  const layer: unknown[] = [
    {
      transform: [{ fold: ['actual', 'predicted'], as: ['series', 'purchases'] }],
      mark: { type: 'line', point: values.length <= 60 },
      encoding: {
        x: { field: 'period', type: 'quantitative', title: options.xTitle ?? 'Period' },
        y: { field: 'purchases', type: 'quantitative', title: 'Repeat purchases' },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: ['actual', 'predicted'], range: ['#4c78a8', '#e45756'] },
        },
        strokeDash: {
          field: 'series',
          type: 'nominal',
          scale: {
            domain: ['actual', 'predicted'],
            range: [
              [1, 0],
              [6, 3],
            ],
          },
          legend: null,
        },
        tooltip: [
          { field: 'period', type: 'quantitative' },
          { field: 'series', type: 'nominal' },
          { field: 'purchases', type: 'quantitative', format: ',.1f' },
        ],
      },
    },
  ];
  if (options.calibrationEnd !== undefined) {
    const x = requireFinite(fn, 'calibrationEnd', options.calibrationEnd, 0);
    layer.push({
      data: { values: [{ x }] },
      mark: { type: 'rule', strokeDash: [2, 2], color: 'gray' },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    });
  }
  return {
    ...baseSpec('Holdout tracking: predicted vs actual purchases', options, {
      width: 520,
      height: 240,
    }),
    data: { values },
    layer,
  };
}
