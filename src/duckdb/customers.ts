/**
 * The public DuckDB summaries: summarizeCustomersDuckDB and its report variant.
 */
import { dateLiteral } from '../sql/dialects';
import { type SummaryQuerySpec, summaryCtes } from '../sql/summaryQuery';
import type { SummaryColumns } from '../summarize/columns';
import type { CustomerSummary, SummaryReport } from '../summarize/customers';
import {
  type DuckDBConnectionLike,
  type DuckDBSource,
  runQuery,
  runQueryColumns,
  withConnection,
} from './source';
import {
  type DuckDBSummaryOptions,
  duckdbSpec,
  querySummaries,
  querySummaryColumns,
} from './summarize';

export type { DuckDBSummaryOptions } from './summarize';

/**
 * Summarizes transactions into one row per customer inside DuckDB: the rows of
 * `summarizeCustomers` (same fields, same rules, sorted by customerId in JS order, Date objects
 * for firstPurchase/lastPurchase), computed by the query of `summarySql({ dialect: 'duckdb' })`
 * straight from a file or a table, so only one row per customer enters JS memory.
 *
 * Sources: a `.parquet` path (read_parquet); any other path is read with read_csv (`.gz`
 * decompressed; `options.csv` sets delimiter, header, date/timestamp formats, types); or
 * `{ table, connection? }`, a table/view/subquery on your connection (or on a fresh in-memory
 * database). With `as: 'columns'` it returns `{ customerId, frequency, recency, T,
 * monetaryValue }` as Float64Arrays (the shape of `toSummaryColumns`), for millions of customers.
 *
 * Formulas: see `summarySql` and `summarizeCustomers` (DESIGN.md "Time units"): frequency =
 * purchase periods − 1, recency/T in whole periods (collapse 'period') or elapsed days / (1, 7,
 * 365.25 / 12) (collapse 'day'), monetaryValue = mean net amount of the repeat periods.
 * Edge cases: rows with a NULL/empty customer id, NULL date or NULL amount are excluded, not
 * thrown on (JS throws): {@link summarizeCustomersDuckDBWithReport} counts them; rows after
 * observationEnd's UTC day and customers with only returns are left out, as in JS. Calendar
 * days are UTC (the fresh database's time zone; on your connection, TIMESTAMPTZ columns follow
 * its TimeZone setting); `timeZone` other than 'UTC' is not supported.
 * Complexity: one scan of the source plus a hash aggregation per customer and period.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for a bad source, `columns`, `csv`, `observationEnd`,
 *   `unit`, `collapse`, `as` or `timeZone` (naming field and value), and with issue code
 *   `missing_peer` when `@duckdb/node-api` is not installed. DuckDB's own errors (a missing file,
 *   an unknown column) propagate unchanged.
 * @example
 * ```ts
 * // tx.csv: customer,day,amount / a,1997-01-01,29.33 / a,1997-01-18,29.73 / a,1997-08-02,14.96
 * await summarizeCustomersDuckDB('tx.csv', {
 *   columns: { customerId: 'customer', date: 'day', amount: 'amount' },
 *   observationEnd: new Date('1997-09-30T00:00:00Z'),
 *   unit: 'week',
 *   collapse: 'day',
 * });
 * // → [{ customerId: 'a', frequency: 2, recency: 213 / 7 (30.43), T: 272 / 7 (38.86),
 * //      monetaryValue: 22.345, orders: 3, totalSpend: 74.02, daysSinceLastPurchase: 59,
 * //      firstPurchase: 1997-01-01T00:00:00Z, lastPurchase: 1997-08-02T00:00:00Z }]
 * ```
 */
export function summarizeCustomersDuckDB(
  source: DuckDBSource,
  options: DuckDBSummaryOptions & { as?: 'rows' },
): Promise<CustomerSummary[]>;
export function summarizeCustomersDuckDB(
  source: DuckDBSource,
  options: DuckDBSummaryOptions & { as: 'columns' },
): Promise<SummaryColumns>;
export async function summarizeCustomersDuckDB(
  source: DuckDBSource,
  options: DuckDBSummaryOptions,
): Promise<CustomerSummary[] | SummaryColumns> {
  const fn = 'summarizeCustomersDuckDB';
  const spec = duckdbSpec(fn, source, options);
  if (options.as === 'columns')
    return withConnection(fn, source, (connection) => querySummaryColumns(connection, spec));
  return withConnection(fn, source, (connection) => querySummaries(connection, spec));
}

/** Rows the DuckDB path excluded because a required field was NULL (or the id empty). */
export interface MissingFieldCounts {
  /** Rows excluded (a row missing several fields counts once here). */
  rows: number;
  customerId: number;
  date: number;
  amount: number;
}

/** What {@link summarizeCustomersDuckDBWithReport} returns: the JS report plus NULL counts. */
export interface DuckDBSummaryReport extends SummaryReport {
  /** Rows read from the source. */
  rowsRead: number;
  /** Rows excluded for a NULL/empty customer id, a NULL date or a NULL amount. */
  excludedMissing: MissingFieldCounts;
}

/**
 * {@link summarizeCustomersDuckDB} with an account of every row it did not summarize, in the
 * shape of `summarizeCustomersWithReport` (`customers`, `returnsOnly`, `excludedAfterEnd`,
 * `customersOnlyAfterEnd`) plus `rowsRead` and `excludedMissing` (rows with a NULL field,
 * which the JS path would reject). Reconciles: rowsRead = excludedMissing.rows +
 * excludedAfterEnd + rows summarized (returns-only customers' rows included).
 * Parses the source once into a temporary table of the five mapped columns (dropped after),
 * which the summary and the three report queries read.
 *
 * @throws InvalidInputError as {@link summarizeCustomersDuckDB}.
 * @example
 * ```ts
 * // tx.csv: customer,day,amount / a,2024-01-01,10 / b,2024-01-02,-5 / a,2024-02-01,7 / ,2024-01-03,4
 * await summarizeCustomersDuckDBWithReport('tx.csv', {
 *   columns: { customerId: 'customer', date: 'day', amount: 'amount' },
 *   observationEnd: new Date('2024-01-31T00:00:00Z'),
 *   unit: 'day',
 * });
 * // → customers: [a with frequency 0, totalSpend 10], returnsOnly: [{ customerId: 'b',
 * //   returns: 1, amount: -5 }], excludedAfterEnd: 1, customersOnlyAfterEnd: [], rowsRead: 4,
 * //   excludedMissing: { rows: 1, customerId: 1, date: 0, amount: 0 }
 * ```
 */
export async function summarizeCustomersDuckDBWithReport(
  source: DuckDBSource,
  options: Omit<DuckDBSummaryOptions, 'as'>,
): Promise<DuckDBSummaryReport> {
  const fn = 'summarizeCustomersDuckDBWithReport';
  const given = duckdbSpec(fn, source, { ...options, as: 'rows' });
  return withConnection(fn, source, async (connection) => {
    // Parse the source once: its mapped columns go to a temporary table that the four queries
    // read (dropped afterwards, also on the caller's connection).
    const temp = `ca_report_${++reportTables}`;
    await connection.runAndReadAll(
      `CREATE TEMP TABLE ${temp} AS ${summaryCtes(given)}\nSELECT * FROM ca_src`,
    );
    try {
      return await reportFrom(connection, { ...given, relation: temp, columns: MAPPED });
    } finally {
      await connection.runAndReadAll(`DROP TABLE IF EXISTS ${temp}`);
    }
  });
}

let reportTables = 0;

/** ca_src's own column names, to read the temporary table back through the same CTEs. */
const MAPPED = { customerId: 'cid', date: 'ts', amount: 'amt', orderId: 'oid', kind: 'knd' };

async function reportFrom(
  connection: DuckDBConnectionLike,
  spec: SummaryQuerySpec,
): Promise<DuckDBSummaryReport> {
  const ctes = summaryCtes(spec);
  const end = dateLiteral('duckdb', spec.observationEnd);
  const customers = await querySummaries(connection, spec);
  const [counts] = await runQuery(
    connection,
    `${ctes}
SELECT COUNT(*) AS rows_read,
  COUNT(*) FILTER (WHERE cid IS NULL OR cid = '' OR ts IS NULL OR amt IS NULL) AS missing,
  COUNT(*) FILTER (WHERE cid IS NULL OR cid = '') AS no_customer,
  COUNT(*) FILTER (WHERE ts IS NULL) AS no_date,
  COUNT(*) FILTER (WHERE amt IS NULL) AS no_amount,
  COUNT(*) FILTER (WHERE NOT (cid IS NULL OR cid = '' OR ts IS NULL OR amt IS NULL)
    AND CAST(ts AS DATE) > ${end}) AS after_end
FROM ca_src`,
  );
  const returnsOnly = await runQueryColumns(
    connection,
    `${ctes}
SELECT cid, COUNT(*) AS returns, SUM(net) AS amount FROM ca_tx GROUP BY cid HAVING MAX(pur) = 0`,
  );
  const onlyAfter = await runQueryColumns(
    connection,
    `${ctes}
SELECT DISTINCT cid FROM ca_day WHERE dt > ${end} AND cid NOT IN (SELECT cid FROM ca_tx)`,
  );
  const n = (v: unknown) => Number(v ?? 0);
  const ids = (returnsOnly.cid ?? []) as string[];
  return {
    customers,
    returnsOnly: ids
      .map((customerId, i) => ({
        customerId,
        returns: n(returnsOnly.returns?.[i]),
        amount: n(returnsOnly.amount?.[i]),
      }))
      .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0)),
    excludedAfterEnd: n(counts?.after_end),
    customersOnlyAfterEnd: ((onlyAfter.cid ?? []) as string[]).sort(),
    rowsRead: n(counts?.rows_read),
    excludedMissing: {
      rows: n(counts?.missing),
      customerId: n(counts?.no_customer),
      date: n(counts?.no_date),
      amount: n(counts?.no_amount),
    },
  };
}
