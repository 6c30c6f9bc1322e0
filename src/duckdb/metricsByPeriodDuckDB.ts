/**
 * metricsByPeriodDuckDB: the calendar-period metrics of metricsByPeriod computed inside DuckDB,
 * straight from a CSV, gzip CSV or Parquet file or a table, returning the same objects.
 */
import type { PeriodMetrics } from '../metrics/metricsByPeriod';
import { type MetricsByPeriodSqlOptions, writeMetricsByPeriodSql } from '../sql/metricsByPeriodSql';
import { assertPeriodChecks, writePeriodChecksSql } from '../sql/periodChecksSql';
import { periodMetricsFromRows } from '../sql/periodRows';
import { withPeriodSource } from './metricsSource';
import { type CsvOptions, type DuckDBSource, runQuery } from './source';

/** Options of {@link metricsByPeriodDuckDB}: metricsByPeriod's options plus columns and csv. */
export interface MetricsByPeriodDuckDBOptions
  extends Omit<MetricsByPeriodSqlOptions, 'dialect' | 'table'> {
  /** read_csv options when the source is a CSV path. */
  csv?: CsvOptions;
}

/** Defaults of {@link metricsByPeriodDuckDB}. */
export const METRICS_BY_PERIOD_DUCKDB_DEFAULTS = { inactivityPeriods: 1, csv: {} } as const;

/**
 * `metricsByPeriod` run inside DuckDB: reads the transactions from a CSV / .csv.gz / Parquet
 * path or `{ table, connection? }` and returns the same `PeriodMetrics[]` (same labels, start
 * and end instants, counts; money to floating-point summation order, ~1e-12 relative), so a
 * caller can swap the two. Only one row per period leaves DuckDB.
 *
 * Definitions (see `metricsByPeriod` and {@link metricsByPeriodSql}): per calendar period,
 * active / new / returning customers, orders, returned orders, net and gross revenue,
 * AOV = revenue / orders, repeat rate = customers with ≥ 2 orders / active, and churn =
 * customers active in p − 1 with no purchase in p … p + w − 1, over customers active in p − 1.
 * The mapped columns are parsed once into a temporary table (dropped after); two queries read
 * it: {@link periodChecksSql} first, so rows `metricsByPeriod` would reject
 * (no customer, date or amount, unknown kind, a return with a positive amount, an order id
 * under two customers, dates outside `start`/`end`) throw the same typed errors instead of
 * being dropped; then {@link metricsByPeriodSql}. `timeZone` is supported (DuckDB's ICU
 * time zones). Complexity: one parse of the source, two scans of the copy, inside DuckDB.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) on invalid options or source (naming the option),
 *   on rows breaking a rule (issue codes as `metricsByPeriod`: `invalid_id`, `invalid_date`,
 *   `invalid_number`, `invalid_enum`, `sign_mismatch`, `order_customer_mismatch`,
 *   `out_of_range`, `invalid_range`), or when `@duckdb/node-api` is not installed
 *   (`missing_peer`).
 * @throws InsufficientDataError (`INSUFFICIENT_DATA`) when the source has no rows and no
 *   explicit range.
 * @example
 * // tx.csv: customer_id,ts,amount / a,2024-01-05,10 / b,2024-01-20,30 / a,2024-03-02,20
 * const rows = await metricsByPeriodDuckDB('tx.csv', {
 *   columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
 *   period: 'month',
 * });
 * rows.map((m) => [m.period, m.activeCustomers, m.revenue, m.churnRate]);
 * // [['2024-01', 2, 40, null], ['2024-02', 0, 0, 1], ['2024-03', 1, 20, null]]
 */
export async function metricsByPeriodDuckDB(
  source: DuckDBSource,
  options: MetricsByPeriodDuckDBOptions,
): Promise<PeriodMetrics[]> {
  const fn = 'metricsByPeriodDuckDB';
  return withPeriodSource(fn, source, options, writeMetricsByPeriodSql, async (connection, o) => {
    const [row] = await runQuery(connection, writePeriodChecksSql(fn, o));
    assertPeriodChecks(row ?? {}, { ...o, caller: fn });
    const rows = await runQuery(connection, writeMetricsByPeriodSql(fn, o));
    return periodMetricsFromRows(rows, { timeZone: o.timeZone });
  });
}
