/**
 * cohortRetentionDuckDB: the acquisition-cohort table of cohortRetention computed inside
 * DuckDB, straight from a CSV, gzip CSV or Parquet file or a table, returning the same object.
 */
import type { CohortRetention } from '../metrics/cohortRetention';
import {
  type CohortRetentionSqlOptions,
  writeCohortRetentionSql,
  writeCohortUnattributedSql,
} from '../sql/cohortRetentionSql';
import { assertPeriodChecks, writePeriodChecksSql } from '../sql/periodChecksSql';
import { cohortRetentionFromRows } from '../sql/periodRows';
import { withPeriodSource } from './metricsSource';
import { type CsvOptions, type DuckDBSource, runQuery } from './source';

/** Options of {@link cohortRetentionDuckDB}: cohortRetention's options plus columns and csv. */
export interface CohortRetentionDuckDBOptions
  extends Omit<CohortRetentionSqlOptions, 'dialect' | 'table'> {
  /** read_csv options when the source is a CSV path. */
  csv?: CsvOptions;
}

/** Defaults of {@link cohortRetentionDuckDB}. */
export const COHORT_RETENTION_DUCKDB_DEFAULTS = { csv: {} } as const;

/**
 * `cohortRetention` run inside DuckDB: reads the transactions from a CSV / .csv.gz / Parquet
 * path or `{ table, connection? }` and returns the same `CohortRetention` object (cohort and
 * period labels, start instants, sizes, cells, unattributed rows; revenue to floating-point
 * summation order), so a caller can swap the two.
 *
 * Cell (cohort k, offset j): active = customers of k with ≥ 1 purchase order in period k + j,
 * retention = active / |k|, orders and net revenue of the cohort in that period (see
 * `cohortRetention` and {@link cohortRetentionSql}). The mapped columns are parsed once into a
 * temporary table (dropped after); three queries read it: {@link periodChecksSql}
 * (rows `cohortRetention` would reject throw the same typed errors), the cells, and
 * {@link cohortUnattributedSql}.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) on invalid options or source, a period other than
 *   week, month or quarter (`invalid_enum`), rows breaking a rule (as `metricsByPeriodDuckDB`),
 *   or a missing `@duckdb/node-api` (`missing_peer`).
 * @throws InsufficientDataError (`INSUFFICIENT_DATA`) when the source has no rows.
 * @example
 * // tx.csv: customer_id,ts,amount / a,2024-01-05,10 / b,2024-01-20,30 / a,2024-02-02,20 / c,2024-02-10,5
 * const r = await cohortRetentionDuckDB('tx.csv', {
 *   columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
 *   period: 'month',
 * });
 * r.cohorts.map((c) => [c.cohort, c.customers, c.cells.map((x) => x.retentionRate)]);
 * // [['2024-01', 2, [1, 0.5]], ['2024-02', 1, [1]]]
 */
export async function cohortRetentionDuckDB(
  source: DuckDBSource,
  options: CohortRetentionDuckDBOptions,
): Promise<CohortRetention> {
  const fn = 'cohortRetentionDuckDB';
  return withPeriodSource(fn, source, options, writeCohortRetentionSql, async (connection, o) => {
    const [row] = await runQuery(connection, writePeriodChecksSql(fn, o));
    assertPeriodChecks(row ?? {}, { ...o, caller: fn });
    const cells = await runQuery(connection, writeCohortRetentionSql(fn, o));
    const [lost] = await runQuery(connection, writeCohortUnattributedSql(fn, o));
    return cohortRetentionFromRows(cells, lost ?? {}, o.period, { timeZone: o.timeZone });
  });
}
