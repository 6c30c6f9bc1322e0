/**
 * The SQL dialects customer-analytics/sql writes, and the per-dialect pieces every generated
 * query is built from: identifier quoting, literals, types, UTC calendar dates, truncation to
 * ISO week (Monday) and month, and day/month differences.
 *
 * What was checked for each dialect (vendor documentation, 2025):
 * - duckdb: `date_trunc('week', x)` truncates to the ISO week's Monday; `date_diff('day', a, b)`
 *   is b − a in day boundaries; quoted identifiers use `"…"` (case-insensitive even when quoted).
 *   Executed in the tests.
 * - postgres: `date_trunc('week', timestamp)` is the ISO week's Monday; `date - date` is an
 *   integer number of days; `"…"` identifiers are case-sensitive. Executed in the tests (PGlite).
 * - bigquery: `DATE_TRUNC(d, ISOWEEK)` is the Monday of the ISO week (`WEEK` alone would start
 *   on Sunday); `DATE_DIFF(end, start, DAY)`; `CAST(timestamp AS DATE)` uses UTC; identifiers
 *   are quoted with backticks; `FLOAT64`/`INT64`/`STRING` types.
 * - snowflake: `DATE_TRUNC('week', d)` depends on the WEEK_START session parameter, so weeks are
 *   computed as `DATEADD('day', 1 - DAYOFWEEKISO(d), d)` (DAYOFWEEKISO is 1 = Monday … 7 =
 *   Sunday whatever WEEK_START is); `DATEDIFF('day', start, end)`; `"…"` identifiers are
 *   case-sensitive (unquoted names are stored upper case).
 * - spark: `trunc(d, 'week')` returns the DATE of the Monday of the week, `trunc(d, 'MM')` the
 *   first of the month; `datediff(end, start)` (end first) counts days; identifiers are quoted
 *   with backticks.
 */
import { invalidInput } from '../errors';

/** A SQL dialect customer-analytics/sql can write. */
export type Dialect = 'duckdb' | 'postgres' | 'bigquery' | 'snowflake' | 'spark';

/** Every supported dialect, in documentation order. */
export const DIALECTS: readonly Dialect[] = [
  'duckdb',
  'postgres',
  'bigquery',
  'snowflake',
  'spark',
];

/** Calendar unit of a date truncation. */
export type SqlTimeUnit = 'day' | 'week' | 'month';

const BACKTICK: ReadonlySet<Dialect> = new Set(['bigquery', 'spark']);

/**
 * Checks that `value` names a supported dialect and returns it.
 *
 * @throws InvalidInputError (`INVALID_INPUT`, issue code `invalid_enum`) naming `field` and value.
 * @example
 * ```ts
 * checkDialect('summarySql', 'postgres'); // → 'postgres'
 * ```
 */
export function checkDialect(fn: string, value: unknown, field = 'dialect'): Dialect {
  if (!DIALECTS.includes(value as Dialect))
    throw invalidInput(
      fn,
      field,
      "to be one of 'duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'",
      value,
      { code: 'invalid_enum' },
    );
  return value as Dialect;
}

/**
 * Quotes one identifier for `dialect`: `"name"` (duckdb, postgres, snowflake; `"` doubled) or
 * `` `name` `` (bigquery, spark; `` ` `` doubled in spark, backslash-escaped in bigquery).
 * Quoted names are case-sensitive in postgres and snowflake.
 *
 * @example
 * ```ts
 * quoteIdentifier('postgres', 'customerId'); // → '"customerId"'
 * quoteIdentifier('bigquery', 'T');          // → '`T`'
 * ```
 */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  if (dialect === 'bigquery') return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
  if (dialect === 'spark') return `\`${name.replace(/`/g, '``')}\``;
  return `"${name.replace(/"/g, '""')}"`;
}

/** A plain SQL identifier: letters, digits and underscores, not starting with a digit. */
export const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Quotes a dotted name (`catalog.schema.table`) part by part when every part is a plain
 * identifier; returns anything else unchanged (an already quoted name, a subquery in
 * parentheses, a table function call): such text is trusted SQL, never built from user input.
 *
 * @example
 * ```ts
 * quoteQualified('duckdb', 'sales.tx');            // → '"sales"."tx"'
 * quoteQualified('duckdb', "read_csv('t.csv')");   // → "read_csv('t.csv')" (unchanged)
 * ```
 */
export function quoteQualified(dialect: Dialect, name: string): string {
  const parts = name.split('.');
  return parts.every((p) => PLAIN_IDENTIFIER.test(p))
    ? parts.map((p) => quoteIdentifier(dialect, p)).join('.')
    : name;
}

/**
 * A string literal: `'…'` with `'` doubled (duckdb, postgres, snowflake) or backslash-escaped
 * (bigquery, spark, whose string literals treat `\` as an escape).
 *
 * @example
 * ```ts
 * stringLiteral('postgres', "O'Brien"); // → "'O''Brien'"
 * stringLiteral('spark', "O'Brien");    // → "'O\\'Brien'"
 * ```
 */
export function stringLiteral(dialect: Dialect, value: string): string {
  if (BACKTICK.has(dialect)) return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

/** `YYYY-MM-DD` of the UTC calendar day of an instant. */
export function utcDayString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A DATE literal for the UTC calendar day of `date` (`DATE 'YYYY-MM-DD'`, the same in all five
 * dialects).
 *
 * @example
 * ```ts
 * dateLiteral('bigquery', new Date('1997-09-30T23:00:00Z')); // → "DATE '1997-09-30'"
 * ```
 */
export function dateLiteral(_dialect: Dialect, date: Date): string {
  return `DATE '${utcDayString(date)}'`;
}

/**
 * A TIMESTAMP literal for the instant `date`, written in UTC with milliseconds
 * (`TIMESTAMP 'YYYY-MM-DD HH:MM:SS.mmm'`). BigQuery reads it as UTC; the others as a timestamp
 * without time zone (snowflake: TIMESTAMP_NTZ under the default TIMESTAMP_TYPE_MAPPING).
 *
 * @example
 * ```ts
 * timestampLiteral('postgres', new Date('2024-01-02T03:04:05.006Z'));
 * // → "TIMESTAMP '2024-01-02 03:04:05.006'"
 * ```
 */
export function timestampLiteral(_dialect: Dialect, date: Date): string {
  return `TIMESTAMP '${date.toISOString().slice(0, 23).replace('T', ' ')}'`;
}

/** Name of the 64-bit float type. */
export function doubleType(dialect: Dialect): string {
  return dialect === 'postgres'
    ? 'DOUBLE PRECISION'
    : dialect === 'bigquery'
      ? 'FLOAT64'
      : 'DOUBLE';
}

/** Name of the 64-bit integer type. */
export function bigintType(dialect: Dialect): string {
  return dialect === 'bigquery' ? 'INT64' : 'BIGINT';
}

/** Name of the variable-length string type. */
export function stringType(dialect: Dialect): string {
  return dialect === 'bigquery' || dialect === 'spark' ? 'STRING' : 'VARCHAR';
}

/**
 * The calendar DATE of a timestamp or date expression: `CAST(x AS DATE)` in every dialect.
 * For a timestamp without time zone (and BigQuery's TIMESTAMP, always UTC) that is the UTC day
 * when the stored wall time is UTC; a time-zone-aware column (postgres timestamptz, snowflake
 * TIMESTAMP_LTZ/TZ, spark TIMESTAMP) is cast in the session time zone: set it to UTC, or pass
 * an expression that converts (e.g. postgres `created_at AT TIME ZONE 'UTC'`).
 *
 * @example
 * ```ts
 * calendarDate('spark', '`ts`'); // → 'CAST(`ts` AS DATE)'
 * ```
 */
export function calendarDate(_dialect: Dialect, expr: string): string {
  return `CAST(${expr} AS DATE)`;
}

/**
 * Truncates a DATE expression to the first day of its `unit` period, as a DATE: the day itself,
 * the Monday of its ISO week, or the first of its month.
 *
 * @example
 * ```ts
 * truncDate('bigquery', 'd', 'week');  // → 'DATE_TRUNC(d, ISOWEEK)'
 * truncDate('snowflake', 'd', 'week'); // → "DATEADD('day', 1 - DAYOFWEEKISO(d), d)"
 * ```
 */
export function truncDate(dialect: Dialect, dateExpr: string, unit: SqlTimeUnit): string {
  if (unit === 'day') return dateExpr;
  const w = unit === 'week';
  switch (dialect) {
    case 'duckdb':
      return `CAST(date_trunc('${unit}', ${dateExpr}) AS DATE)`;
    case 'postgres':
      // Through timestamp (without time zone) so the session time zone plays no part.
      return `CAST(date_trunc('${unit}', CAST(${dateExpr} AS TIMESTAMP)) AS DATE)`;
    case 'bigquery':
      return `DATE_TRUNC(${dateExpr}, ${w ? 'ISOWEEK' : 'MONTH'})`;
    case 'snowflake':
      return w
        ? `DATEADD('day', 1 - DAYOFWEEKISO(${dateExpr}), ${dateExpr})`
        : `DATE_TRUNC('month', ${dateExpr})`;
    case 'spark':
      return `trunc(${dateExpr}, '${w ? 'week' : 'MM'}')`;
  }
}

/**
 * Whole days from DATE `from` to DATE `to` (to − from, an integer; negative when `to` is earlier).
 *
 * @example
 * ```ts
 * dayDiff('postgres', 'a', 'b'); // → '(b - a)'
 * dayDiff('spark', 'a', 'b');    // → 'datediff(b, a)'
 * ```
 */
export function dayDiff(dialect: Dialect, from: string, to: string): string {
  switch (dialect) {
    case 'duckdb':
      return `date_diff('day', ${from}, ${to})`;
    case 'postgres':
      return `(${to} - ${from})`;
    case 'bigquery':
      return `DATE_DIFF(${to}, ${from}, DAY)`;
    case 'snowflake':
      return `DATEDIFF('day', ${from}, ${to})`;
    case 'spark':
      return `datediff(${to}, ${from})`;
  }
}

/**
 * Calendar months from the month of DATE `from` to the month of DATE `to`
 * ((year(to) − year(from)) × 12 + month(to) − month(from)), written with EXTRACT so every
 * dialect computes the same integer.
 *
 * @example
 * ```ts
 * monthDiff('duckdb', 'a', 'b');
 * // → '((CAST(EXTRACT(YEAR FROM b) AS BIGINT) - CAST(EXTRACT(YEAR FROM a) AS BIGINT)) * 12
 * //     + CAST(EXTRACT(MONTH FROM b) AS BIGINT) - CAST(EXTRACT(MONTH FROM a) AS BIGINT))'
 * ```
 */
export function monthDiff(dialect: Dialect, from: string, to: string): string {
  const i = bigintType(dialect);
  const ex = (part: string, e: string) => `CAST(EXTRACT(${part} FROM ${e}) AS ${i})`;
  return `((${ex('YEAR', to)} - ${ex('YEAR', from)}) * 12 + ${ex('MONTH', to)} - ${ex('MONTH', from)})`;
}

/**
 * Whole `unit` periods between two DATEs that are already truncated to `unit` (see
 * {@link truncDate}): days, days / 7 for weeks (exact: both are Mondays), or calendar months.
 *
 * @example
 * ```ts
 * periodDiff('duckdb', 'a', 'b', 'week'); // → "(date_diff('day', a, b) / 7)"
 * ```
 */
export function periodDiff(dialect: Dialect, from: string, to: string, unit: SqlTimeUnit): string {
  if (unit === 'month') return monthDiff(dialect, from, to);
  const days = dayDiff(dialect, from, to);
  return unit === 'week' ? `(${days} / 7)` : days;
}
