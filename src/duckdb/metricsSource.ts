/**
 * Internal: the source of the DuckDB period runners, parsed once. The mapped columns of the
 * caller's source (file or table, column names or expressions) are copied into a temporary
 * table (cid, ts, amount, oid, kind), which the checks query and the period queries then read,
 * so a CSV or gzip file is parsed once instead of once per query. The table is dropped after.
 */
import { PERIOD_UNITS, type PeriodUnit } from '../metrics/_periods';
import { type PeriodSqlBaseOptions, periodQuery } from '../sql/periodSource';
import {
  type CsvOptions,
  type DuckDBConnectionLike,
  type DuckDBSource,
  fromClause,
  mappedColumnTypes,
  withConnection,
} from './source';

/** The temporary table's own column names, as a `columns` mapping. */
const MAPPED = { customerId: 'cid', date: 'ts', amount: 'amount', orderId: 'oid', kind: 'kind' };

let tables = 0;

/** What the runners' options have in common. */
type RunnerOptions = Omit<PeriodSqlBaseOptions, 'dialect' | 'table'> & {
  csv?: CsvOptions;
  period: PeriodUnit;
};

/** Runner options as SQL generator options. */
type Given<O> = O & { dialect: 'duckdb'; table: string };

/**
 * Validates `options` against `source` (with the generator `validate`, so option errors come
 * before any connection), then runs `body` with the options rewritten to read the temporary
 * copy of the mapped columns.
 */
export async function withPeriodSource<O extends RunnerOptions, T>(
  fn: string,
  source: DuckDBSource,
  options: O,
  validate: (fn: string, options: Given<O>) => unknown,
  body: (connection: DuckDBConnectionLike, options: Given<O>) => Promise<T>,
): Promise<T> {
  const table = fromClause(fn, source, options?.csv ?? {}, mappedColumnTypes(options?.columns));
  const given = { ...options, dialect: 'duckdb' as const, table };
  validate(fn, given);
  const { ctes } = periodQuery(fn, given, PERIOD_UNITS);
  return withConnection(fn, source, async (connection) => {
    const temp = `ca_period_${++tables}`;
    await connection.runAndReadAll(`CREATE TEMP TABLE ${temp} AS ${ctes}\nSELECT * FROM src`);
    try {
      return await body(connection, { ...given, table: temp, columns: MAPPED });
    } finally {
      await connection.runAndReadAll(`DROP TABLE IF EXISTS ${temp}`);
    }
  });
}
