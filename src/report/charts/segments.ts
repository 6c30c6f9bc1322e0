import {
  baseSpec,
  type ChartOptions,
  requireFinite,
  requireRows,
  requireString,
  type VegaLiteSpec,
} from './spec';

/** One segment's size and revenue, as input to {@link segmentSizesChart}. */
export interface SegmentSize {
  /** Segment name, e.g. `Champions`. */
  segment: string;
  /** Customers in the segment (count ≥ 0). */
  customers: number;
  /** Revenue of the segment's customers, in currency units. */
  revenue: number;
}

/**
 * Vega-Lite spec of two horizontal bar charts side by side: customers per segment and revenue
 * per segment, both sorted by customer count (largest first), with the customer share and
 * revenue share in the tooltip (share = value / Σ values).
 *
 * @param rows - One row per segment; not mutated.
 * @param options - Title and size of each panel.
 * @returns A Vega-Lite `hconcat` spec with the rows inlined as `data.values`.
 * @throws InsufficientDataError when `rows` is empty; InvalidInputError (`INVALID_INPUT`)
 *   for a non-string segment or a negative or non-finite count, naming the row.
 * @example
 * const spec = segmentSizesChart([{ segment: 'Champions', customers: 10, revenue: 500 }]);
 * spec.hconcat.length; // => 2
 */
export function segmentSizesChart(
  rows: readonly SegmentSize[],
  options: ChartOptions = {},
): VegaLiteSpec & { hconcat: unknown[] } {
  const fn = 'segmentSizesChart';
  requireRows(fn, 'rows', rows);
  let totalCustomers = 0;
  let totalRevenue = 0;
  const values = rows.map((r, i) => {
    const segment = requireString(fn, 'segment', r.segment, i);
    const customers = requireFinite(fn, 'customers', r.customers, i, true);
    const revenue = requireFinite(fn, 'revenue', r.revenue, i);
    totalCustomers += customers;
    totalRevenue += revenue;
    return { segment, customers, revenue };
  });
  const data = values.map((v) => ({
    ...v,
    customerShare: totalCustomers > 0 ? v.customers / totalCustomers : 0,
    revenueShare: totalRevenue !== 0 ? v.revenue / totalRevenue : 0,
  }));
  const { width, height, ...base } = baseSpec('Segments: customers and revenue', options, {
    width: 260,
    height: Math.max(120, 22 * rows.length),
  });
  const y = { field: 'segment', type: 'nominal', sort: '-x', title: null };
  const panel = (field: string, title: string, color: string) => ({
    width,
    height,
    mark: { type: 'bar', color },
    encoding: {
      y: { ...y, sort: { field: 'customers', order: 'descending' } },
      x: { field, type: 'quantitative', title },
      tooltip: [
        { field: 'segment', type: 'nominal' },
        { field: 'customers', type: 'quantitative', format: ',' },
        { field: 'customerShare', type: 'quantitative', format: '.1%' },
        { field: 'revenue', type: 'quantitative', format: ',.2f' },
        { field: 'revenueShare', type: 'quantitative', format: '.1%' },
      ],
    },
  });
  return {
    ...base,
    data: { values: data },
    hconcat: [panel('customers', 'Customers', '#4c78a8'), panel('revenue', 'Revenue', '#f58518')],
  };
}
