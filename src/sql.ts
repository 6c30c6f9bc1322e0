/**
 * customer-analytics/sql: portable SQL for the heavy steps (the per-customer summary, period
 * metrics, cohorts) in the dialects duckdb, postgres, bigquery, snowflake and spark, so the
 * data stays in the warehouse and only one row per customer comes back to be fitted.
 * Pure string generation: browser-safe, no dependencies.
 * @packageDocumentation
 */
export { DIALECTS, type Dialect } from './sql/dialects';
export {
  SUMMARY_SQL_DEFAULTS,
  type SummarySqlColumns,
  type SummarySqlOptions,
  summarySql,
} from './sql/summary';
