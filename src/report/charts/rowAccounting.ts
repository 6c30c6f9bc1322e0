import { invalidInput } from '../../errors';
import { baseSpec, type ChartOptions, requireFinite, type VegaLiteSpec } from './spec';

/** The loader's row accounting (`LoadResult.stats`). */
export interface RowStats {
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

/**
 * Vega-Lite bar chart of the loader's row accounting: rows read, accepted, rejected and removed
 * as duplicates, labelled with their counts. Checks the identity
 * read = accepted + rejected + duplicates before drawing, so the report cannot show numbers
 * that do not add up.
 *
 * @throws InvalidInputError for a negative, non-integer or non-finite count, or counts that
 *   do not reconcile (naming all four).
 * @example
 * rowAccountingChart({ read: 10, accepted: 8, rejected: 1, duplicates: 1 }).data.values.length;
 * // => 4
 */
export function rowAccountingChart(
  stats: RowStats,
  options: ChartOptions = {},
): VegaLiteSpec & { data: { values: { step: string; rows: number }[] } } {
  const fn = 'rowAccountingChart';
  const keys = ['read', 'accepted', 'rejected', 'duplicates'] as const;
  for (const k of keys) {
    const v = requireFinite(fn, k, stats?.[k], 0, true);
    if (!Number.isInteger(v)) {
      throw invalidInput(fn, k, 'to be an integer count', v, { code: 'invalid_type' });
    }
  }
  if (stats.read !== stats.accepted + stats.rejected + stats.duplicates) {
    throw invalidInput(
      fn,
      'stats',
      'read = accepted + rejected + duplicates',
      `read ${stats.read}, accepted ${stats.accepted}, rejected ${stats.rejected}, duplicates ${stats.duplicates}`,
      { code: 'not_reconciled' },
    );
  }
  const values = keys.map((k) => ({ step: k, rows: stats[k] }));
  return {
    ...baseSpec('Input rows: read, accepted, rejected, duplicates', options, {
      width: 420,
      height: 120,
    }),
    data: { values },
    encoding: {
      y: { field: 'step', type: 'nominal', title: null, sort: [...keys] },
      x: { field: 'rows', type: 'quantitative', title: 'Rows' },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: {
            field: 'step',
            type: 'nominal',
            legend: null,
            scale: { domain: [...keys], range: ['#4c78a8', '#54a24b', '#e45756', '#bab0ac'] },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3 },
        encoding: { text: { field: 'rows', type: 'quantitative', format: ',' } },
      },
    ],
  };
}
