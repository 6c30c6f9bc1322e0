/**
 * summarizeCustomersDuckDB: summarizeCustomers computed inside DuckDB, straight from a CSV,
 * gzip CSV or Parquet file or a table, returning the same CustomerSummary rows (or columns).
 */
import { invalidInput } from '../errors';
import { checkColumns, checkTable } from '../sql/summary';
import {
  type SummaryQuerySpec,
  type SummarySqlColumns,
  summaryCtes,
  summarySelect,
} from '../sql/summaryQuery';
import { checkEnd, checkOptions, checkUnit } from '../summarize/_report';
import type { SummaryColumns } from '../summarize/columns';
import type { CustomerSummary, SummarizeOptions } from '../summarize/customers';
import {
  type CsvOptions,
  type DuckDBConnectionLike,
  type DuckDBSource,
  fromClause,
  mappedColumnTypes,
  runQueryPlainColumns,
} from './source';

/** Options of {@link summarizeCustomersDuckDB}: summarizeCustomers' options plus the source's. */
export interface DuckDBSummaryOptions extends Omit<SummarizeOptions, 'timeZone'> {
  /** Column names or DuckDB SQL expressions for each field (see `summarySql`). */
  columns: SummarySqlColumns;
  /** read_csv options when the source is a CSV path. */
  csv?: CsvOptions;
  /** `'rows'` (default): CustomerSummary objects; `'columns'`: typed columns for model fitting. */
  as?: 'rows' | 'columns';
  /** Only `'UTC'` (or undefined): DuckDB buckets the calendar days of the timestamps in UTC. */
  timeZone?: 'UTC';
}

/** Defaults of {@link summarizeCustomersDuckDB}. */
export const DUCKDB_SUMMARY_DEFAULTS = {
  collapse: 'period',
  as: 'rows',
  csv: {},
} as const satisfies Partial<DuckDBSummaryOptions>;

/** Validates the options and resolves the source into a query spec. */
export function duckdbSpec(
  fn: string,
  source: DuckDBSource,
  options: DuckDBSummaryOptions,
): SummaryQuerySpec {
  checkOptions(fn, options);
  if (options.timeZone !== undefined && options.timeZone !== 'UTC')
    throw invalidInput(fn, 'timeZone', "to be 'UTC' or undefined (DuckDB path)", options.timeZone, {
      code: 'unsupported_option',
    });
  if (options.as !== undefined && options.as !== 'rows' && options.as !== 'columns')
    throw invalidInput(fn, 'as', "to be 'rows' or 'columns'", options.as, { code: 'invalid_enum' });
  const columns = checkColumns(fn, options.columns);
  checkEnd(fn, 'observationEnd', options.observationEnd);
  const collapse = checkUnit(fn, options);
  const csv = options.csv ?? DUCKDB_SUMMARY_DEFAULTS.csv;
  const from = fromClause(fn, source, csv, mappedColumnTypes(columns));
  const relation = typeof source === 'string' ? from : checkTable(fn, 'duckdb', source.table);
  return {
    dialect: 'duckdb',
    relation,
    columns,
    observationEnd: options.observationEnd,
    unit: options.unit,
    collapse,
  };
}

const toNumber = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));
/** An instant read as epoch milliseconds (a DOUBLE; see summarySelect's epochMs). */
const toDate = (v: unknown): Date => new Date(v as number);

/** Indices of `ids` in JS sort order (identity when already sorted, the usual case). */
function jsOrder(ids: readonly string[]): number[] | undefined {
  for (let i = 1; i < ids.length; i++)
    if ((ids[i - 1] as string) > (ids[i] as string))
      return ids
        .map((_, j) => j)
        .sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : 1));
  return undefined;
}

/** Runs the summary query on a connection; returns rows in JS order. */
export async function querySummaries(
  connection: DuckDBConnectionLike,
  spec: SummaryQuerySpec,
): Promise<CustomerSummary[]> {
  // Every column is a DOUBLE or VARCHAR, read without per-value conversion; instants come back
  // as epoch-millisecond doubles (@duckdb/node-api's TIMESTAMP → Date conversion cost about 1 s
  // more at a million customers).
  const sql = `${summaryCtes(spec)}\n${summarySelect(spec, { epochMs: true })}`;
  const c = await runQueryPlainColumns(connection, sql);
  const ids = (c.customerId ?? []) as string[];
  const order = jsOrder(ids);
  const out = new Array<CustomerSummary>(ids.length);
  for (let k = 0; k < ids.length; k++) {
    const i = order ? (order[k] as number) : k;
    out[k] = {
      customerId: ids[i] as string,
      frequency: toNumber(c.frequency?.[i]),
      recency: toNumber(c.recency?.[i]),
      T: toNumber(c.T?.[i]),
      monetaryValue: toNumber(c.monetaryValue?.[i]),
      orders: toNumber(c.orders?.[i]),
      totalSpend: toNumber(c.totalSpend?.[i]),
      firstPurchase: toDate(c.firstPurchase?.[i]),
      lastPurchase: toDate(c.lastPurchase?.[i]),
      daysSinceLastPurchase: toNumber(c.daysSinceLastPurchase?.[i]),
    };
  }
  return out;
}

/** Runs the summary query keeping only the model inputs, as typed columns in JS order. */
export async function querySummaryColumns(
  connection: DuckDBConnectionLike,
  spec: SummaryQuerySpec,
): Promise<SummaryColumns> {
  const fields = ['frequency', 'recency', 'T', 'monetaryValue'] as const;
  const sql = `${summaryCtes(spec)}\n${summarySelect(spec, { only: ['customerId', ...fields] })}`;
  const c = await runQueryPlainColumns(connection, sql);
  const ids = (c.customerId ?? []) as string[];
  const order = jsOrder(ids);
  const n = ids.length;
  const out: SummaryColumns = {
    customerId: order ? order.map((i) => ids[i] as string) : ids,
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetaryValue: new Float64Array(n),
  };
  for (const f of fields) {
    const src = (c[f] ?? []) as number[];
    const dst = out[f];
    for (let k = 0; k < n; k++) dst[k] = src[order ? (order[k] as number) : k] as number;
  }
  return out;
}
