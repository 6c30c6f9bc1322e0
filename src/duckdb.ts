/**
 * customer-analytics/duckdb: summaries and period metrics computed inside DuckDB, straight from
 * CSV, gzip CSV or Parquet files or a caller's table, returning the same rows as the JS path.
 * `@duckdb/node-api` is an optional peer dependency, loaded only when these functions run.
 * @packageDocumentation
 */

export {
  COHORT_RETENTION_DUCKDB_DEFAULTS,
  type CohortRetentionDuckDBOptions,
  cohortRetentionDuckDB,
} from './duckdb/cohortRetentionDuckDB';
export {
  type DuckDBSummaryOptions,
  type DuckDBSummaryReport,
  type MissingFieldCounts,
  summarizeCustomersDuckDB,
  summarizeCustomersDuckDBWithReport,
} from './duckdb/customers';
export {
  METRICS_BY_PERIOD_DUCKDB_DEFAULTS,
  type MetricsByPeriodDuckDBOptions,
  metricsByPeriodDuckDB,
} from './duckdb/metricsByPeriodDuckDB';
export type {
  CsvOptions,
  DuckDBConnectionLike,
  DuckDBSource,
  TableSource,
} from './duckdb/source';
export { DUCKDB_SUMMARY_DEFAULTS } from './duckdb/summarize';
