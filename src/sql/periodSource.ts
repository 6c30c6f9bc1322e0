/**
 * Internal: options shared by the period SQL generators (metricsByPeriodSql,
 * cohortRetentionSql, periodChecksSql), their validation, and the common CTEs that read the
 * caller's table and give every transaction its period index.
 *
 * CTEs written (in this order):
 * - `src`:   cid (text), ts (as given), amount (DOUBLE), oid (text), kind (text)
 * - `dated`: cid, amount, oid (NULL for '' too: a row without order id is an order of its own),
 *            kind, ret (1 for a return: kind 'return', or no kind and amount < 0), p (period index)
 * - `tx`:    the rows of `dated` with a customer, an amount and a period, inside the range
 *            (`start`/`end`) when one is given. periodChecksSql counts every row left out.
 */
import { invalidInput } from '../errors';
import { checkWindow } from '../metrics/_churn';
import { calendar, type PeriodUnit } from '../metrics/_periods';
import {
  checkDialect,
  type Dialect,
  PLAIN_IDENTIFIER,
  quoteIdentifier,
  quoteQualified,
  stringLiteral,
  stringType,
} from './dialects';
import { epochDay, periodOfDay, periodSeries, toDouble } from './periodExpressions';

/** Where each transaction field is read from: a column name or a SQL expression. */
export interface PeriodColumns {
  /** Customer id (cast to text). */
  customerId: string;
  /** Instant of the transaction: a TIMESTAMP, TIMESTAMPTZ or DATE column or expression. */
  date: string;
  /** Amount in currency units (cast to DOUBLE); negative for a return. */
  amount: string;
  /** Order id (cast to text); rows of one order count as one order. Default: each row an order. */
  orderId?: string;
  /** `'purchase'` or `'return'`; default: a row is a return when its amount is negative. */
  kind?: string;
}

/** Options shared by the period SQL generators. */
export interface PeriodSqlBaseOptions {
  /** SQL dialect to write: `duckdb`, `postgres`, `bigquery`, `snowflake` or `spark`. */
  dialect: Dialect;
  /**
   * Table to read: a (dotted) name of plain identifiers is quoted part by part; anything else
   * (a quoted name, a subquery in parentheses, `read_parquet('…')`) is trusted SQL, passed as is.
   * The relation gets the alias `ca_t` (so a subquery needs no alias, even on PostgreSQL < 16).
   */
  table: string;
  /**
   * Field → column. A plain identifier (`[A-Za-z_][A-Za-z0-9_]*`) is a column name, quoted (so
   * case-sensitive in postgres and snowflake); anything else is a SQL expression, passed as is
   * (e.g. `amount: 'Quantity * UnitPrice'`). Expressions are trusted SQL: never build them
   * from end-user input.
   */
  columns: PeriodColumns;
  /** An instant in the first period to report. Default: the earliest transaction's period. */
  start?: Date;
  /** An instant in the last period to report. Default: the latest transaction's period. */
  end?: Date;
  /**
   * IANA time zone of the calendar (duckdb and postgres only; other dialects throw). Default:
   * UTC. Period `start`/`end` columns are then the zone's local calendar dates.
   */
  timeZone?: string;
}

/** Validated options and the common CTEs. */
export interface PeriodQuery {
  dialect: Dialect;
  unit: PeriodUnit;
  /** `WITH src AS (…), dated AS (…), tx AS (…)` without the trailing comma. */
  ctes: string;
  /** Absolute period index of `start` / `end`, when given. */
  startIndex: number | undefined;
  endIndex: number | undefined;
  /** Inactivity window (metrics only; 1 otherwise). */
  window: number;
}

const REQUIRED = ['customerId', 'date', 'amount'] as const;
const OPTIONAL = ['orderId', 'kind'] as const;
/** Text that would end the statement or comment out the rest of the query. */
const ONE_EXPRESSION = /;|--|\/\*/;

/** A column reference: a quoted plain identifier, or a parenthesized trusted expression. */
export function columnSql(dialect: Dialect, spec: string): string {
  return PLAIN_IDENTIFIER.test(spec) ? quoteIdentifier(dialect, spec) : `(${spec})`;
}

function checkColumns(fn: string, columns: unknown): PeriodColumns {
  if (columns === null || typeof columns !== 'object' || Array.isArray(columns)) {
    throw invalidInput(fn, 'options.columns', 'to be an object of column names', columns, {
      code: 'invalid_type',
    });
  }
  const c = columns as Record<string, unknown>;
  const keys: readonly string[] = [...REQUIRED, ...OPTIONAL];
  for (const k of Object.keys(c)) {
    if (!keys.includes(k)) {
      throw invalidInput(fn, `options.columns.${k}`, `to be one of ${keys.join(', ')}`, k, {
        code: 'unknown_key',
      });
    }
  }
  for (const k of keys) {
    const v = c[k];
    if (v === undefined && !(REQUIRED as readonly string[]).includes(k)) continue;
    if (typeof v !== 'string' || v.trim() === '') {
      throw invalidInput(fn, `options.columns.${k}`, 'to be a column name or SQL expression', v, {
        code: 'invalid_column',
      });
    }
    if (ONE_EXPRESSION.test(v)) {
      throw invalidInput(
        fn,
        `options.columns.${k}`,
        'to be one expression without ; or comments',
        v,
        {
          code: 'invalid_column',
        },
      );
    }
  }
  return c as unknown as PeriodColumns;
}

function checkDate(fn: string, field: string, d: unknown): Date | undefined {
  if (d === undefined) return undefined;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw invalidInput(fn, field, 'to be a valid Date', d, { code: 'invalid_date' });
  }
  return d;
}

/**
 * Validates the options of a period generator and writes the common CTEs.
 *
 * @throws InvalidInputError on a bad dialect, table, column, period, range, window or time zone.
 */
export function periodQuery(
  fn: string,
  options: PeriodSqlBaseOptions & { period: unknown; inactivityPeriods?: unknown },
  units: readonly PeriodUnit[],
  windowDefault = 1,
): PeriodQuery {
  if (options === null || typeof options !== 'object') {
    throw invalidInput(fn, 'options', 'to be an options object', options, {
      code: 'invalid_type',
    });
  }
  const dialect = checkDialect(fn, options.dialect, 'options.dialect');
  if (typeof options.table !== 'string' || options.table.trim() === '') {
    throw invalidInput(fn, 'options.table', 'to be a table name or SQL relation', options.table, {
      code: 'invalid_table',
    });
  }
  if (options.table.includes(';')) {
    throw invalidInput(fn, 'options.table', 'to be one relation without ";"', options.table, {
      code: 'invalid_table',
    });
  }
  const columns = checkColumns(fn, options.columns);
  if (!units.includes(options.period as PeriodUnit)) {
    throw invalidInput(fn, 'options.period', `to be one of ${units.join(', ')}`, options.period, {
      code: 'invalid_enum',
    });
  }
  const tz = options.timeZone;
  if (tz !== undefined && dialect !== 'duckdb' && dialect !== 'postgres') {
    throw invalidInput(
      fn,
      'options.timeZone',
      `to be omitted for dialect ${dialect} (time zones are written for duckdb and postgres; convert the column to UTC)`,
      tz,
      { code: 'unsupported' },
    );
  }
  const cal = calendar(fn, options.period, tz);
  const window = checkWindow(fn, options.inactivityPeriods ?? windowDefault);
  const start = checkDate(fn, 'options.start', options.start);
  const end = checkDate(fn, 'options.end', options.end);
  const startIndex = start === undefined ? undefined : cal.index(start.getTime());
  const endIndex = end === undefined ? undefined : cal.index(end.getTime());
  if (startIndex !== undefined && endIndex !== undefined && endIndex < startIndex) {
    throw invalidInput(fn, 'options.end', 'to be on or after options.start', end, {
      code: 'invalid_range',
    });
  }
  const unit = cal.unit;
  const text = stringType(dialect);
  const col = (k: keyof PeriodColumns) => {
    const spec = columns[k];
    return spec === undefined ? `CAST(NULL AS ${text})` : columnSql(dialect, spec);
  };
  const ts = local(dialect, 'ts', tz);
  const range = [
    startIndex === undefined ? undefined : `p >= ${startIndex}`,
    endIndex === undefined ? undefined : `p <= ${endIndex}`,
  ].filter((s) => s !== undefined);
  const ctes = `WITH src AS (
  SELECT CAST(${col('customerId')} AS ${text}) AS cid, ${col('date')} AS ts,
    ${toDouble(dialect, col('amount'))} AS amount, CAST(${col('orderId')} AS ${text}) AS oid,
    CAST(${col('kind')} AS ${text}) AS kind
  FROM ${quoteQualified(dialect, options.table.trim())} AS ca_t
),
dated AS (
  SELECT cid, amount, NULLIF(oid, '') AS oid, kind,
    CASE WHEN kind = 'return' OR (kind IS NULL AND amount < 0) THEN 1 ELSE 0 END AS ret,
    ${periodOfDay(dialect, unit, epochDay(dialect, ts))} AS p
  FROM src
),
tx AS (
  SELECT cid, amount, oid, ret, p FROM dated
  WHERE cid IS NOT NULL AND amount IS NOT NULL AND p IS NOT NULL${range.map((r) => ` AND ${r}`).join('')}
)`;
  return { dialect, unit, ctes, startIndex, endIndex, window };
}

/** The wall-clock time of `ts` in zone `tz`, as a timestamp whose epoch counts local days. */
function local(dialect: Dialect, ts: string, tz: string | undefined): string {
  if (tz === undefined) return ts;
  const zone = stringLiteral(dialect, tz);
  return dialect === 'duckdb'
    ? `timezone(${zone}, to_timestamp(epoch(${ts})))`
    : `(to_timestamp(EXTRACT(EPOCH FROM ${ts})) AT TIME ZONE ${zone})`;
}

/**
 * The `bounds` CTE (one row: `lo`, `hi`, the first and last period index: `start`/`end` when
 * given, else the data's) and the `series` CTE (every index from lo to hi, column `p`).
 */
export function rangeCtes(q: PeriodQuery): string {
  const lo = q.startIndex === undefined ? 'min_p' : String(q.startIndex);
  const hi = q.endIndex === undefined ? 'max_p' : String(q.endIndex);
  return `bounds AS (
  SELECT ${lo} AS lo, ${hi} AS hi FROM (SELECT MIN(p) AS min_p, MAX(p) AS max_p FROM tx) AS t
),
series AS (${periodSeries(q.dialect)})`;
}

/**
 * The `pairs` CTE: one row per (customer, period) with a purchase, with its purchase orders
 * (distinct order ids + rows without one).
 */
export const PAIRS_CTE = `pairs AS (
  SELECT cid, p, COUNT(DISTINCT oid) + SUM(CASE WHEN oid IS NULL THEN 1 ELSE 0 END) AS orders
  FROM tx WHERE ret = 0 GROUP BY cid, p
)`;
