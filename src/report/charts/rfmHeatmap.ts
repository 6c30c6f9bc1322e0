import { invalidInput } from '../../errors';
import { baseSpec, type ChartOptions, requireFinite, requireRows, type VegaLiteSpec } from './spec';

/** One R × F cell of the RFM grid. */
export interface RfmCell {
  /** Recency score (1 = least recent). */
  r: number;
  /** Frequency score (1 = least frequent). */
  f: number;
  /** Customers in the cell. */
  customers: number;
  /** Mean monetary value (total spend) of the cell's customers, in currency units. */
  meanMonetary: number;
}

/** One scored customer as input to {@link rfmGrid}. */
export interface RfmGridInput {
  r: number;
  f: number;
  /** The customer's monetary value (e.g. total spend), in currency units. */
  monetary: number;
}

/**
 * Aggregates scored customers into R × F cells: customers per cell and mean monetary value
 * (meanMonetary = Σ monetary / customers of the cell). Cells without customers are omitted.
 * Cells are sorted by r, then f.
 *
 * @throws InsufficientDataError when `rows` is empty; InvalidInputError for a score that is
 *   not a positive integer or a non-finite monetary value, naming the row.
 * @example
 * rfmGrid([{ r: 5, f: 1, monetary: 10 }, { r: 5, f: 1, monetary: 30 }]);
 * // => [{ r: 5, f: 1, customers: 2, meanMonetary: 20 }]
 */
export function rfmGrid(rows: readonly RfmGridInput[]): RfmCell[] {
  const fn = 'rfmGrid';
  requireRows(fn, 'rows', rows);
  const cells = new Map<string, { r: number; f: number; n: number; sum: number }>();
  rows.forEach((row, i) => {
    for (const key of ['r', 'f'] as const) {
      const v = row[key];
      if (!Number.isInteger(v) || v < 1) {
        throw invalidInput(fn, key, 'to be a positive integer score', v, {
          code: 'invalid_score',
          path: ['rows', i, key],
        });
      }
    }
    const m = requireFinite(fn, 'monetary', row.monetary, i);
    const k = `${row.r}|${row.f}`;
    const c = cells.get(k) ?? { r: row.r, f: row.f, n: 0, sum: 0 };
    c.n += 1;
    c.sum += m;
    cells.set(k, c);
  });
  return [...cells.values()]
    .sort((a, b) => a.r - b.r || a.f - b.f)
    .map((c) => ({ r: c.r, f: c.f, customers: c.n, meanMonetary: c.sum / c.n }));
}

/**
 * Vega-Lite heatmap of the RFM grid: frequency score on x, recency score on y (highest on
 * top), each cell colored by the mean monetary value of its customers and labelled with its
 * customer count.
 *
 * @param cells - Output of {@link rfmGrid} or equivalent; not mutated.
 * @throws InsufficientDataError when `cells` is empty; InvalidInputError for a non-finite
 *   value or a negative count, naming the row.
 * @example
 * rfmHeatmapChart([{ r: 5, f: 5, customers: 3, meanMonetary: 120 }]).layer.length; // => 2
 */
export function rfmHeatmapChart(
  cells: readonly RfmCell[],
  options: ChartOptions = {},
): VegaLiteSpec & { layer: unknown[] } {
  const fn = 'rfmHeatmapChart';
  requireRows(fn, 'cells', cells);
  const values = cells.map((c, i) => ({
    r: requireFinite(fn, 'r', c.r, i),
    f: requireFinite(fn, 'f', c.f, i),
    customers: requireFinite(fn, 'customers', c.customers, i, true),
    meanMonetary: requireFinite(fn, 'meanMonetary', c.meanMonetary, i),
  }));
  return {
    ...baseSpec('RFM: recency × frequency, colored by mean monetary value', options, {
      width: 300,
      height: 260,
    }),
    data: { values },
    encoding: {
      x: { field: 'f', type: 'ordinal', title: 'Frequency score', axis: { labelAngle: 0 } },
      y: { field: 'r', type: 'ordinal', title: 'Recency score', sort: 'descending' },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'meanMonetary',
            type: 'quantitative',
            title: 'Mean monetary',
            scale: { scheme: 'blues' },
          },
          tooltip: [
            { field: 'r', title: 'R' },
            { field: 'f', title: 'F' },
            { field: 'customers', type: 'quantitative', format: ',' },
            { field: 'meanMonetary', type: 'quantitative', format: ',.2f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: { text: { field: 'customers', type: 'quantitative', format: ',' } },
      },
    ],
  };
}
