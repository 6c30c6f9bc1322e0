import { invalidInput } from '../../errors';
import { baseSpec, type ChartOptions, requireFinite, requireRows, type VegaLiteSpec } from './spec';

/** P(alive) at one (frequency, recency) grid point, for a fixed T. */
export interface AliveCell {
  /** Repeat purchases (x). */
  frequency: number;
  /** Time of the last purchase since the first (t_x), in the summary's time unit. */
  recency: number;
  /** Probability the customer is still active, in [0, 1]. */
  pAlive: number;
}

/** Smallest positive gap between distinct sorted values (1 when there is only one value). */
function gridStep(values: number[]): number {
  const u = [...new Set(values)].sort((a, b) => a - b);
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < u.length; i++) step = Math.min(step, u[i]! - u[i - 1]!);
  return Number.isFinite(step) ? step : 1;
}

/**
 * Vega-Lite heatmap of P(alive) over frequency (y) × recency (x), the plot of Fader, Hardie &
 * Lee (2005) figure "P(alive) as a function of recency and frequency" and of lifetimes'
 * `plot_probability_alive_matrix`. Each grid point is drawn as a cell of the grid's own step
 * (the smallest gap between distinct values on each axis); color on a fixed [0, 1] scale.
 *
 * @param cells - Grid points, e.g. from the models layer's P(alive) matrix; not mutated.
 * @throws InsufficientDataError when `cells` is empty; InvalidInputError for pAlive outside
 *   [0, 1] or a negative or non-finite coordinate, naming the row.
 * @example
 * probabilityAliveChart([{ frequency: 0, recency: 0, pAlive: 1 }]).mark; // => { type: 'rect' }
 */
export function probabilityAliveChart(
  cells: readonly AliveCell[],
  options: ChartOptions & { unit?: string } = {},
): VegaLiteSpec & { mark: { type: 'rect' } } {
  const fn = 'probabilityAliveChart';
  requireRows(fn, 'cells', cells);
  const values = cells.map((c, i) => {
    const pAlive = requireFinite(fn, 'pAlive', c.pAlive, i, true);
    if (pAlive > 1) {
      throw invalidInput(fn, 'pAlive', 'to be in [0, 1]', pAlive, {
        code: 'too_big',
        path: ['rows', i, 'pAlive'],
      });
    }
    return {
      frequency: requireFinite(fn, 'frequency', c.frequency, i, true),
      recency: requireFinite(fn, 'recency', c.recency, i, true),
      pAlive,
    };
  });
  const fx = gridStep(values.map((v) => v.recency));
  const fy = gridStep(values.map((v) => v.frequency));
  const unit = options.unit ? ` (${options.unit}s)` : '';
  return {
    ...baseSpec('P(alive) by frequency and recency', options, { width: 420, height: 300 }),
    data: { values },
    transform: [
      { calculate: `datum.recency + ${fx}`, as: 'recencyEnd' },
      { calculate: `datum.frequency + ${fy}`, as: 'frequencyEnd' },
    ],
    mark: { type: 'rect' },
    encoding: {
      x: {
        field: 'recency',
        type: 'quantitative',
        bin: { binned: true },
        title: `Recency${unit}`,
      },
      x2: { field: 'recencyEnd' },
      y: { field: 'frequency', type: 'quantitative', bin: { binned: true }, title: 'Frequency' },
      y2: { field: 'frequencyEnd' },
      color: {
        field: 'pAlive',
        type: 'quantitative',
        title: 'P(alive)',
        scale: { domain: [0, 1], scheme: 'viridis' },
      },
      tooltip: [
        { field: 'frequency', type: 'quantitative' },
        { field: 'recency', type: 'quantitative', format: '.2f' },
        { field: 'pAlive', type: 'quantitative', format: '.3f' },
      ],
    },
  };
}
