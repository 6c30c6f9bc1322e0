import { invalidInput } from '../../errors';
import {
  baseSpec,
  type ChartOptions,
  requireFinite,
  requireRows,
  requireString,
  type VegaLiteSpec,
} from './spec';

/** One cohort × period cell of a retention table. */
export interface CohortCell {
  /** Acquisition cohort label, e.g. `1997-01`. Sorted as text on the y axis. */
  cohort: string;
  /** Periods since acquisition (0 = the acquisition period). */
  period: number;
  /** Share of the cohort active in that period, in [0, 1]. */
  rate: number;
  /** Active customers in the cell, when known (tooltip only). */
  customers?: number;
}

/**
 * Vega-Lite heatmap of cohort retention: periods since acquisition on x, acquisition cohort on
 * y (oldest on top), color = retention rate on a fixed [0, 1] scale so reports from different
 * nights are comparable; cells are labelled with the rate in percent when there are at most
 * 400 cells.
 *
 * @throws InsufficientDataError when `cells` is empty; InvalidInputError for a rate outside
 *   [0, 1], a negative or non-integer period, or a non-string cohort, naming the row.
 * @example
 * cohortRetentionChart([{ cohort: '1997-01', period: 0, rate: 1 }]).layer.length; // => 2
 */
export function cohortRetentionChart(
  cells: readonly CohortCell[],
  options: ChartOptions = {},
): VegaLiteSpec & { layer: unknown[] } {
  const fn = 'cohortRetentionChart';
  requireRows(fn, 'cells', cells);
  const values = cells.map((c, i) => {
    const rate = requireFinite(fn, 'rate', c.rate, i, true);
    if (rate > 1) {
      throw invalidInput(fn, 'rate', 'to be in [0, 1]', rate, {
        code: 'too_big',
        path: ['rows', i, 'rate'],
      });
    }
    const period = requireFinite(fn, 'period', c.period, i, true);
    if (!Number.isInteger(period)) {
      throw invalidInput(fn, 'period', 'to be an integer', period, {
        code: 'invalid_type',
        path: ['rows', i, 'period'],
      });
    }
    const out: CohortCell = { cohort: requireString(fn, 'cohort', c.cohort, i), period, rate };
    if (c.customers !== undefined)
      out.customers = requireFinite(fn, 'customers', c.customers, i, true);
    return out;
  });
  const layer: unknown[] = [
    {
      mark: { type: 'rect' },
      encoding: {
        color: {
          field: 'rate',
          type: 'quantitative',
          title: 'Retention',
          scale: { domain: [0, 1], scheme: 'greens' },
          legend: { format: '.0%' },
        },
        tooltip: [
          { field: 'cohort', type: 'nominal' },
          { field: 'period', type: 'ordinal' },
          { field: 'rate', type: 'quantitative', format: '.1%' },
          { field: 'customers', type: 'quantitative', format: ',' },
        ],
      },
    },
  ];
  if (values.length <= 400) {
    layer.push({
      mark: { type: 'text', fontSize: 8 },
      encoding: {
        text: { field: 'rate', type: 'quantitative', format: '.0%' },
        color: { condition: { test: 'datum.rate > 0.6', value: 'white' }, value: 'black' },
      },
    });
  }
  return {
    ...baseSpec('Cohort retention', options, { width: 520, height: 320 }),
    data: { values },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        title: 'Periods since acquisition',
        axis: { labelAngle: 0 },
      },
      y: { field: 'cohort', type: 'ordinal', title: 'Acquisition cohort', sort: 'ascending' },
    },
    layer,
  };
}
