/**
 * Internal: the per-dialect SQL expressions behind the period views (metricsByPeriodSql,
 * cohortRetentionSql). Every row is mapped to an absolute integer period index with the same
 * arithmetic as the JS calendar (src/metrics/_periods.ts), so the rest of each query is plain
 * integer SQL shared by all dialects:
 *
 * - day index     d = whole days since 1970-01-01 of the instant, in UTC
 * - week index    floor((d + 3) / 7)          (1970-01-01 is a Thursday; weeks start Monday)
 * - month index   year × 12 + month − 1
 * - quarter index year × 4 + floor((month − 1) / 3)
 *
 * and back from an index to the period's first DATE and its label (`2024-03-05`, `2024-W09`,
 * `2024-03`, `2024-Q1`). The ISO week label is the year of the week's Thursday (first day + 3)
 * and `floor((day of year of that Thursday − 1) / 7) + 1`, which is the ISO 8601 week number.
 *
 * What was checked for each dialect (vendor documentation):
 * - duckdb: `epoch(x)` is seconds since the epoch, for TIMESTAMP read as UTC wall time and for
 *   TIMESTAMPTZ the instant, so the session time zone plays no part; `DATE + INTEGER` adds days;
 *   `make_date(y, m, d)`; `EXTRACT(DOY FROM d)`; `generate_series(lo, hi)` includes `hi`.
 *   Executed in the tests.
 * - postgres: `EXTRACT(EPOCH FROM x)`: for timestamp without time zone the "nominal" seconds
 *   since 1970-01-01 00:00 (UTC wall time), for timestamptz the instant; `date + integer`;
 *   `make_date(int, int, int)`; `EXTRACT(DOY …)`; set-returning `generate_series` in the select
 *   list. Executed in the tests (PGlite, PostgreSQL 18).
 * - bigquery: `UNIX_DATE(date)` is days since 1970-01-01 and `CAST(timestamp AS DATE)` is the UTC
 *   day; `DATE_FROM_UNIX_DATE(n)`; `DATE(y, m, d)`; `EXTRACT(DAYOFYEAR FROM d)`;
 *   `UNNEST(GENERATE_ARRAY(lo, hi))` includes `hi`.
 * - snowflake: `DATEDIFF('day', a, b)` counts day boundaries; `DATEADD('day', n, d)`;
 *   `DATE_FROM_PARTS(y, m, d)`; `DAYOFYEAR(d)`; `ARRAY_GENERATE_RANGE(lo, hi + 1)` (upper bound
 *   exclusive) flattened with `LATERAL FLATTEN`. A TIMESTAMP_LTZ/TZ column is cast to DATE in
 *   the session time zone: set TIMEZONE = 'UTC' or pass a converting expression.
 * - spark: `datediff(end, start)`; `date_add(d, n)` (n INT); `make_date`; `dayofyear`;
 *   `explode(sequence(lo, hi))` includes `hi`. Spark's TIMESTAMP is cast to DATE in
 *   `spark.sql.session.timeZone`: set it to UTC.
 */
import type { PeriodUnit } from '../metrics/_periods';
import { bigintType, type Dialect, doubleType, quoteIdentifier, stringType } from './dialects';

/** Name of a 32-bit integer type (function arguments such as make_date's). */
function intType(dialect: Dialect): string {
  return dialect === 'bigquery' ? 'INT64' : dialect === 'spark' ? 'INT' : 'INTEGER';
}

/** Whole UTC days since 1970-01-01 of a timestamp or date expression, as a BIGINT. */
export function epochDay(dialect: Dialect, x: string): string {
  const big = bigintType(dialect);
  switch (dialect) {
    case 'duckdb':
      return `CAST(FLOOR(epoch(${x}) / 86400) AS ${big})`;
    case 'postgres':
      return `CAST(FLOOR(EXTRACT(EPOCH FROM ${x}) / 86400) AS ${big})`;
    case 'bigquery':
      return `UNIX_DATE(CAST(${x} AS DATE))`;
    case 'snowflake':
      return `DATEDIFF('day', DATE '1970-01-01', CAST(${x} AS DATE))`;
    case 'spark':
      return `CAST(datediff(CAST(${x} AS DATE), DATE '1970-01-01') AS ${big})`;
  }
}

/** The DATE `n` days after 1970-01-01. */
export function dateOfDay(dialect: Dialect, n: string): string {
  const i = intType(dialect);
  switch (dialect) {
    case 'duckdb':
    case 'postgres':
      return `(DATE '1970-01-01' + CAST(${n} AS ${i}))`;
    case 'bigquery':
      return `DATE_FROM_UNIX_DATE(${n})`;
    case 'snowflake':
      return `DATEADD('day', ${n}, DATE '1970-01-01')`;
    case 'spark':
      return `date_add(DATE '1970-01-01', CAST(${n} AS ${i}))`;
  }
}

/** An integer date part of a DATE expression. */
function part(dialect: Dialect, p: 'YEAR' | 'MONTH' | 'DOY', d: string): string {
  const big = bigintType(dialect);
  if (p === 'DOY') {
    if (dialect === 'duckdb' || dialect === 'postgres')
      return `CAST(EXTRACT(DOY FROM ${d}) AS ${big})`;
    if (dialect === 'bigquery') return `EXTRACT(DAYOFYEAR FROM ${d})`;
    if (dialect === 'snowflake') return `DAYOFYEAR(${d})`;
    return `dayofyear(${d})`;
  }
  return `CAST(EXTRACT(${p} FROM ${d}) AS ${big})`;
}

/** `CAST(FLOOR(a / b) AS BIGINT)`: floor division, correct for negative `a` too. */
export function floorDiv(dialect: Dialect, a: string, b: number): string {
  return `CAST(FLOOR((${a}) / ${b}.0) AS ${bigintType(dialect)})`;
}

/** Absolute period index (see the module doc) of a day-index expression. */
export function periodOfDay(dialect: Dialect, unit: PeriodUnit, day: string): string {
  switch (unit) {
    case 'day':
      return day;
    case 'week':
      return floorDiv(dialect, `${day} + 3`, 7);
    case 'month': {
      const d = dateOfDay(dialect, day);
      return `(${part(dialect, 'YEAR', d)} * 12 + ${part(dialect, 'MONTH', d)} - 1)`;
    }
    case 'quarter': {
      const d = dateOfDay(dialect, day);
      return `(${part(dialect, 'YEAR', d)} * 4 + ${floorDiv(dialect, `${part(dialect, 'MONTH', d)} - 1`, 3)})`;
    }
  }
}

function makeDate(dialect: Dialect, y: string, m: string): string {
  const i = intType(dialect);
  const args = `CAST(${y} AS ${i}), CAST(${m} AS ${i}), 1`;
  if (dialect === 'bigquery') return `DATE(${args})`;
  if (dialect === 'snowflake') return `DATE_FROM_PARTS(${args})`;
  return `make_date(${args})`;
}

/** First DATE of the period with absolute index `p`. */
export function periodStart(dialect: Dialect, unit: PeriodUnit, p: string): string {
  switch (unit) {
    case 'day':
      return dateOfDay(dialect, p);
    case 'week':
      return dateOfDay(dialect, `7 * (${p}) - 3`);
    case 'month': {
      const y = floorDiv(dialect, p, 12);
      return makeDate(dialect, y, `(${p}) - 12 * ${y} + 1`);
    }
    case 'quarter': {
      const y = floorDiv(dialect, p, 4);
      return makeDate(dialect, y, `3 * ((${p}) - 4 * ${y}) + 1`);
    }
  }
}

function text(dialect: Dialect, x: string, width: number): string {
  return `LPAD(CAST(${x} AS ${stringType(dialect)}), ${width}, '0')`;
}

/** Label of the period with absolute index `p` (as the JS calendar labels it). */
export function periodLabel(dialect: Dialect, unit: PeriodUnit, p: string): string {
  switch (unit) {
    case 'day': {
      const d = dateOfDay(dialect, p);
      const ymd = [
        text(dialect, part(dialect, 'YEAR', d), 4),
        text(dialect, part(dialect, 'MONTH', d), 2),
        text(dialect, `EXTRACT(DAY FROM ${d})`, 2),
      ];
      return `CONCAT(${ymd[0]}, '-', ${ymd[1]}, '-', ${ymd[2]})`;
    }
    case 'week': {
      const thursday = dateOfDay(dialect, `7 * (${p})`);
      const week = `${floorDiv(dialect, `${part(dialect, 'DOY', thursday)} - 1`, 7)} + 1`;
      return `CONCAT(${text(dialect, part(dialect, 'YEAR', thursday), 4)}, '-W', ${text(dialect, week, 2)})`;
    }
    case 'month': {
      const y = floorDiv(dialect, p, 12);
      return `CONCAT(${text(dialect, y, 4)}, '-', ${text(dialect, `(${p}) - 12 * ${y} + 1`, 2)})`;
    }
    case 'quarter': {
      const y = floorDiv(dialect, p, 4);
      return `CONCAT(${text(dialect, y, 4)}, '-Q', CAST((${p}) - 4 * ${y} + 1 AS ${stringType(dialect)}))`;
    }
  }
}

/**
 * A FROM item listing every period index from `bounds.lo` to `bounds.hi` (inclusive) as column
 * `p`, for a one-row CTE `bounds` (no rows when the bounds are NULL).
 */
export function periodSeries(dialect: Dialect): string {
  switch (dialect) {
    case 'duckdb':
      return 'SELECT UNNEST(generate_series(lo, hi)) AS p FROM bounds';
    case 'postgres':
      return 'SELECT generate_series(lo, hi) AS p FROM bounds';
    case 'bigquery':
      return 'SELECT p FROM bounds, UNNEST(GENERATE_ARRAY(lo, hi)) AS p';
    case 'snowflake':
      return 'SELECT CAST(f.value AS BIGINT) AS p FROM bounds, LATERAL FLATTEN(INPUT => ARRAY_GENERATE_RANGE(lo, hi + 1)) f';
    case 'spark':
      return 'SELECT explode(sequence(lo, hi)) AS p FROM bounds';
  }
}

/** `CAST(x AS DOUBLE)` in the dialect's name for a 64-bit float. */
export function toDouble(dialect: Dialect, x: string): string {
  return `CAST(${x} AS ${doubleType(dialect)})`;
}

/** A true condition when the DOUBLE expression `x` is NaN or ±Infinity. */
export function notFinite(dialect: Dialect, x: string): string {
  const dbl = doubleType(dialect);
  switch (dialect) {
    case 'duckdb':
      return `NOT isfinite(${x})`;
    case 'postgres':
      return `${x} IN (CAST('NaN' AS ${dbl}), CAST('Infinity' AS ${dbl}), CAST('-Infinity' AS ${dbl}))`;
    case 'bigquery':
      return `(IS_NAN(${x}) OR IS_INF(${x}))`;
    case 'snowflake':
      return `${x} IN (CAST('NaN' AS ${dbl}), CAST('inf' AS ${dbl}), CAST('-inf' AS ${dbl}))`;
    case 'spark':
      return `(isnan(${x}) OR ${x} IN (CAST('Infinity' AS ${dbl}), CAST('-Infinity' AS ${dbl})))`;
  }
}

/** Quotes an output column alias. */
export function alias(dialect: Dialect, name: string): string {
  return quoteIdentifier(dialect, name);
}

/**
 * Sum of a DOUBLE expression: DuckDB's `fsum` (compensated summation, as the JS functions use),
 * plain `SUM` elsewhere (PostgreSQL, the warehouses).
 */
export function sumDouble(dialect: Dialect, x: string): string {
  return dialect === 'duckdb' ? `fsum(${x})` : `SUM(${x})`;
}
