/**
 * customer-analytics/sql: portable SQL for the heavy steps (the per-customer summary, period
 * metrics, cohorts) in the dialects duckdb, postgres, bigquery, snowflake and spark, so the
 * data stays in the warehouse and only one row per customer comes back to be fitted.
 * Pure string generation: browser-safe, no dependencies.
 * @packageDocumentation
 */

export {
  COHORT_CELL_COLUMNS,
  COHORT_UNATTRIBUTED_COLUMNS,
  type CohortRetentionSqlOptions,
  cohortRetentionSql,
  cohortUnattributedSql,
} from './sql/cohortRetentionSql';
export { DIALECTS, type Dialect } from './sql/dialects';
export {
  METRICS_BY_PERIOD_SQL_DEFAULTS,
  type MetricsByPeriodSqlOptions,
  metricsByPeriodSql,
  PERIOD_METRICS_COLUMNS,
} from './sql/metricsByPeriodSql';
export {
  assertPeriodChecks,
  PERIOD_CHECK_COLUMNS,
  type PeriodChecksOptions,
  periodChecksSql,
} from './sql/periodChecksSql';
export {
  cohortRetentionFromRows,
  type PeriodRowsOptions,
  periodMetricsFromRows,
} from './sql/periodRows';
export type { PeriodColumns, PeriodSqlBaseOptions } from './sql/periodSource';
export {
  SUMMARY_SQL_DEFAULTS,
  type SummarySqlColumns,
  type SummarySqlOptions,
  summarySql,
} from './sql/summary';
