/**
 * summarySql: the per-customer summary of summarizeCustomers as one SQL query, for DuckDB,
 * PostgreSQL, BigQuery, Snowflake and Spark.
 */
import { formatValue, InvalidInputError, invalidInput } from '../errors';
import { checkEnd, checkOptions, checkUnit } from '../summarize/_report';
import type { Collapse, TimeUnit } from '../summarize/_time';
import { checkDialect, type Dialect, quoteQualified } from './dialects';
import {
  type SummaryQuerySpec,
  type SummarySqlColumns,
  summaryCtes,
  summarySelect,
} from './summaryQuery';

export type { SummarySqlColumns } from './summaryQuery';

/** Options of {@link summarySql}. */
export interface SummarySqlOptions {
  /** Target SQL dialect. */
  dialect: Dialect;
  /**
   * The transactions relation: a table name (`schema.table`; each plain part is quoted), or any
   * other SQL relation passed through unchanged, such as `(SELECT …)` or a table function.
   */
  table: string;
  /** Where each field comes from: a column name (quoted) or a SQL expression (passed through). */
  columns: SummarySqlColumns;
  /** Last instant observed; inclusive at UTC-day granularity (its UTC day becomes a DATE literal). */
  observationEnd: Date;
  /** Unit of `frequency`'s periods (collapse 'period') and of `recency`/`T`. */
  unit: TimeUnit;
  /** `'period'` (default, lifetimes) or `'day'` (Fader–Hardie CDNOW convention). */
  collapse?: Collapse;
}

/** Defaults of {@link summarySql}'s options. */
export const SUMMARY_SQL_DEFAULTS = {
  collapse: 'period',
} as const satisfies Partial<SummarySqlOptions>;

const COLUMN_KEYS = ['customerId', 'date', 'amount', 'orderId', 'kind'] as const;
const REQUIRED: ReadonlySet<string> = new Set(['customerId', 'date', 'amount']);

/** Validates `columns`: required keys present, every value a non-empty single-statement string. */
export function checkColumns(fn: string, columns: unknown): SummarySqlColumns {
  if (columns === null || typeof columns !== 'object' || Array.isArray(columns))
    throw invalidInput(fn, 'columns', 'to be an object mapping customerId, date, amount', columns, {
      code: 'invalid_type',
    });
  const c = columns as Record<string, unknown>;
  for (const key of Object.keys(c))
    if (!(COLUMN_KEYS as readonly string[]).includes(key))
      throw invalidInput(fn, `columns.${key}`, `to be one of ${COLUMN_KEYS.join(', ')}`, key, {
        code: 'unknown_key',
      });
  for (const key of COLUMN_KEYS) {
    const v = c[key];
    if (v === undefined && !REQUIRED.has(key)) continue;
    if (typeof v !== 'string' || v.trim().length === 0)
      throw invalidInput(fn, `columns.${key}`, 'to be a column name or SQL expression', v, {
        code: 'invalid_column',
      });
    if (/;|--|\/\*/.test(v))
      throw invalidInput(fn, `columns.${key}`, 'to be one expression without ; or comments', v, {
        code: 'invalid_column',
      });
  }
  return c as unknown as SummarySqlColumns;
}

/** Validates the relation text of `table` and returns it quoted. */
export function checkTable(fn: string, dialect: Dialect, table: unknown): string {
  if (typeof table !== 'string' || table.trim().length === 0)
    throw invalidInput(fn, 'table', 'to be a table name or a SQL relation', table, {
      code: 'invalid_table',
    });
  if (/;/.test(table))
    throw new InvalidInputError(
      `${fn}: expected table to be one relation without ";", received ${formatValue(table)}`,
      [{ field: 'table', code: 'invalid_table', message: 'contains ;', value: table }],
    );
  return quoteQualified(dialect, table.trim());
}

/** Validates summarySql's options into a query spec. */
export function summarySpec(fn: string, options: SummarySqlOptions): SummaryQuerySpec {
  checkOptions(fn, options);
  const dialect = checkDialect(fn, options.dialect);
  const relation = checkTable(fn, dialect, options.table);
  const columns = checkColumns(fn, options.columns);
  checkEnd(fn, 'observationEnd', options.observationEnd);
  const collapse = checkUnit(fn, options);
  return {
    dialect,
    relation,
    columns,
    observationEnd: options.observationEnd,
    unit: options.unit,
    collapse,
  };
}

/**
 * The SQL query computing {@link summarizeCustomers}' rows inside a database: one row per
 * customer with columns `customerId`, `frequency`, `recency`, `T`, `monetaryValue`, `orders`,
 * `totalSpend`, `firstPurchase`, `lastPurchase`, `daysSinceLastPurchase`, sorted by customerId.
 *
 * Semantics (identical to summarizeCustomers, DESIGN.md "Time units"):
 * - day = `CAST(date AS DATE)`; rows on a day after observationEnd's UTC day are excluded;
 * - return = amount < 0 or kind = 'return'; its net amount is −|amount|;
 * - bucket = the day (collapse 'day' or unit 'day'), the ISO week's Monday, or the month's first;
 *   a bucket is a purchase period when it holds at least one purchase row; its amount is the
 *   net sum of all its rows (returns included);
 * - frequency = purchase periods − 1; recency = last − first purchase period and
 *   T = observationEnd's period − first purchase period, in whole periods (collapse 'period')
 *   or elapsed days / (1, 7, 365.25 / 12) (collapse 'day');
 * - monetaryValue = Σ amount of the repeat periods / frequency (0 when frequency is 0);
 * - orders = distinct orderIds of purchase rows + purchase rows without an orderId;
 *   totalSpend = Σ net of every row in the window; first/lastPurchase = min/max purchase
 *   instants; daysSinceLastPurchase = observationEnd's day − the last purchase's day;
 * - customers with only returns are left out. Numbers come back as 64-bit floats.
 *
 * Differences from the JS path: rows with a NULL (or empty) customer id, a NULL date or a NULL
 * amount are excluded (JS throws on them): count them first if they matter
 * (`summarizeCustomersDuckDBWithReport` does). There is no `timeZone`: days are the
 * calendar days of the `date` values, so a time-zone-aware column is bucketed in the session
 * time zone (set it to UTC, or convert in the `date` expression). Sorting is by the database's
 * byte order (postgres: `COLLATE "C"`), which equals JS order for ASCII ids.
 *
 * Identifiers vs expressions: a `columns` value or `table` part made only of letters, digits and
 * `_` is a column (table) name and is quoted, so it matches case exactly in postgres and
 * snowflake (pass the stored case: lower in postgres, upper in snowflake for unquoted DDL).
 * Anything else (`Quantity * UnitPrice`, `"Customer ID"`, `(SELECT …)`) is inserted as SQL:
 * expressions are trusted code written by the caller, never values from end users. `;` and
 * comments are rejected to catch accidents, not as a defence against injection.
 *
 * Dialect notes: weeks use DATE_TRUNC(d, ISOWEEK) (bigquery), DATEADD('day', 1 −
 * DAYOFWEEKISO(d), d) (snowflake, independent of WEEK_START), trunc(d, 'week') (spark),
 * date_trunc('week', …) (duckdb, postgres). See src/sql/dialects.ts.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for a bad `dialect`, `table`, `columns` entry
 *   (missing, empty, unknown key, containing `;` or a comment), `observationEnd`, `unit` or
 *   `collapse`, naming the field and the value.
 * @example
 * ```ts
 * const sql = summarySql({
 *   dialect: 'postgres',
 *   table: 'sales.transactions',
 *   columns: { customerId: 'customer_id', date: 'created_at', amount: 'quantity * unit_price' },
 *   observationEnd: new Date('1997-09-30T00:00:00Z'),
 *   unit: 'week',
 * });
 * // → 'WITH ca_src AS (\n  SELECT CAST("customer_id" AS VARCHAR) AS cid, … FROM "sales"."transactions" AS ca_t …'
 * // run on rows (a, 1997-01-01, 29.33), (a, 1997-01-18, 29.73), (a, 1997-08-02, 14.96) it returns
 * // customerId 'a', frequency 2, recency 30, T 39, monetaryValue 22.345, orders 3, totalSpend 74.02
 * ```
 */
export function summarySql(options: SummarySqlOptions): string {
  const spec = summarySpec('summarySql', options);
  return `${summaryCtes(spec)}\n${summarySelect(spec)}`;
}
