/**
 * The summary query's building blocks (CTEs), shared by summarySql and the DuckDB functions so
 * their reports read the same cleaned rows. Internal: not exported from the package.
 */
import type { Collapse, TimeUnit } from '../summarize/_time';
import type { CustomerSummary } from '../summarize/customers';
import {
  calendarDate,
  type Dialect,
  dateLiteral,
  dayDiff,
  doubleType,
  periodDiff,
  quoteIdentifier,
  stringType,
  truncDate,
} from './dialects';

/** Column names (plain identifiers, quoted) or trusted SQL expressions of the source. */
export interface SummarySqlColumns {
  /** Customer id; cast to a string. */
  customerId: string;
  /** Instant of the row: a TIMESTAMP (UTC wall time) or DATE. */
  date: string;
  /** Amount in currency units; negative = return; cast to a 64-bit float. */
  amount: string;
  /** Order id (optional): purchase rows sharing one count as one order. */
  orderId?: string;
  /** Row kind (optional): the value `'return'` marks a return whatever the amount's sign. */
  kind?: string;
}

/** Everything the query builder needs, already validated. */
export interface SummaryQuerySpec {
  dialect: Dialect;
  /** The FROM relation, already quoted (a table name, a table function, a subquery). */
  relation: string;
  columns: SummarySqlColumns;
  observationEnd: Date;
  unit: TimeUnit;
  collapse: Collapse;
}

/** SQL for one mapped column: a plain identifier is quoted, anything else passes through. */
export function columnSql(dialect: Dialect, value: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? quoteIdentifier(dialect, value) : `(${value})`;
}

/** Days per unit in collapse 'day' (a month is 365.25 / 12 = 30.4375 days, exact in binary). */
const DAYS: Readonly<Record<TimeUnit, string>> = { day: '1', week: '7', month: '30.4375' };

/**
 * The CTEs of the summary, in order:
 * - `ca_src`: the mapped columns (cid, ts, amt, oid, knd) of every source row;
 * - `ca_day`: rows with a customer, a date and an amount, with their calendar day `dt`;
 * - `ca_tx`: rows on a day ≤ observationEnd, with bucket `bk`, signed `net` and `pur` (1 purchase);
 * - `ca_bucket`: per customer and bucket, the net amount, whether it holds a purchase (`pur`),
 *   its first/last purchase instants and its purchase rows without an order id;
 * - `ca_ranked`: the buckets with their customer's first purchase bucket (a window without
 *   ORDER BY, so no sort within customers);
 * - `ca_cust`: per customer, total spend, first/last purchase instants and buckets, frequency
 *   (purchase buckets − 1; −1 for a customer with only returns), purchase rows without an
 *   order id and the summed amount of the purchase buckets after the first;
 * - `ca_order` (with an orderId column): per customer, distinct order ids of purchase rows.
 * One pass over the rows (grouped by customer and bucket), then buckets only; no join but the
 * optional one with ca_order, so planners without statistics on CTEs cannot pick a nested loop.
 */
export function summaryCtes(spec: SummaryQuerySpec): string {
  const { dialect: d, columns: c, unit, collapse } = spec;
  const dbl = doubleType(d);
  const str = stringType(d);
  const end = dateLiteral(d, spec.observationEnd);
  const bucketUnit = collapse === 'day' ? 'day' : unit;
  // Compensated sums where the dialect has one (DuckDB's fsum, Kahan–Babuška), as the JS path.
  const total = (e: string) => (d === 'duckdb' ? `fsum(${e})` : `SUM(${e})`);
  const isReturn = `amt < 0${c.kind === undefined ? '' : " OR knd = 'return'"}`;
  return [
    'WITH ca_src AS (',
    `  SELECT CAST(${columnSql(d, c.customerId)} AS ${str}) AS cid,`,
    `    CAST(${columnSql(d, c.date)} AS TIMESTAMP) AS ts,`,
    `    CAST(${columnSql(d, c.amount)} AS ${dbl}) AS amt,`,
    `    ${c.orderId === undefined ? `CAST(NULL AS ${str})` : `CAST(${columnSql(d, c.orderId)} AS ${str})`} AS oid,`,
    `    ${c.kind === undefined ? `CAST(NULL AS ${str})` : `CAST(${columnSql(d, c.kind)} AS ${str})`} AS knd`,
    `  FROM ${spec.relation} AS ca_t`,
    '),',
    'ca_day AS (',
    `  SELECT cid, ts, amt, oid, knd, ${calendarDate(d, 'ts')} AS dt`,
    "  FROM ca_src WHERE cid IS NOT NULL AND cid <> '' AND ts IS NOT NULL AND amt IS NOT NULL",
    '),',
    'ca_tx AS (',
    `  SELECT cid, ts, dt, ${truncDate(d, 'dt', bucketUnit)} AS bk, oid,`,
    `    CASE WHEN ${isReturn} THEN -ABS(amt) ELSE amt END AS net,`,
    `    CASE WHEN ${isReturn} THEN 0 ELSE 1 END AS pur`,
    `  FROM ca_day WHERE dt <= ${end}`,
    '),',
    'ca_bucket AS (',
    '  SELECT cid, bk, SUM(net) AS amount, MAX(pur) AS pur,',
    '    MIN(CASE WHEN pur = 1 THEN ts END) AS bk_first_ts,',
    '    MAX(CASE WHEN pur = 1 THEN ts END) AS bk_last_ts,',
    '    SUM(CASE WHEN pur = 1 AND oid IS NULL THEN 1 ELSE 0 END) AS bk_no_oid',
    '  FROM ca_tx GROUP BY cid, bk',
    '),',
    'ca_ranked AS (',
    '  SELECT cid, bk, amount, pur, bk_first_ts, bk_last_ts, bk_no_oid,',
    '    MIN(CASE WHEN pur = 1 THEN bk END) OVER (PARTITION BY cid) AS cust_first_bk',
    '  FROM ca_bucket',
    '),',
    'ca_cust AS (',
    `  SELECT cid, ${total('amount')} AS spend,`,
    '    MIN(bk_first_ts) AS first_ts, MAX(bk_last_ts) AS last_ts,',
    '    SUM(bk_no_oid) AS no_oid, SUM(pur) - 1 AS frequency,',
    '    MIN(cust_first_bk) AS first_bk, MAX(CASE WHEN pur = 1 THEN bk END) AS last_bk,',
    `    ${total('CASE WHEN pur = 1 AND bk > cust_first_bk THEN amount ELSE 0 END')} AS repeat_amount`,
    '  FROM ca_ranked GROUP BY cid',
    c.orderId === undefined ? ')' : '),',
    ...(c.orderId === undefined
      ? []
      : [
          'ca_order AS (',
          '  SELECT cid, COUNT(DISTINCT oid) AS n FROM ca_tx',
          '  WHERE pur = 1 AND oid IS NOT NULL GROUP BY cid',
          ')',
        ]),
  ].join('\n');
}

/** How the DuckDB functions want the summary's columns back (summarySql uses the defaults). */
export interface SummarySelectOptions {
  /** Return firstPurchase/lastPurchase as epoch milliseconds (DOUBLE), cheaper to read than TIMESTAMPs. */
  epochMs?: boolean;
  /** Only these columns, in this order (default: all, in CustomerSummary's order). */
  only?: readonly (keyof CustomerSummary)[];
}

/** The SELECT list of the summary, named like CustomerSummary's fields. */
export function summarySelect(spec: SummaryQuerySpec, options: SummarySelectOptions = {}): string {
  const { dialect: d, unit, collapse } = spec;
  const q = (name: string) => quoteIdentifier(d, name);
  const dbl = doubleType(d);
  const end = dateLiteral(d, spec.observationEnd);
  const span = (from: string, to: string) =>
    collapse === 'day'
      ? `CAST(${dayDiff(d, from, to)} AS ${dbl}) / ${DAYS[unit]}`
      : `CAST(${periodDiff(d, from, to, unit)} AS ${dbl})`;
  const endBucket = collapse === 'day' ? end : truncDate(d, end, unit);
  const orders = spec.columns.orderId !== undefined;
  // epochMs is only asked for by the DuckDB functions.
  const instant = (e: string) => (options.epochMs ? `CAST(epoch_ms(${e}) AS ${dbl})` : e);
  const exprs: Record<keyof CustomerSummary, string> = {
    customerId: 'c.cid',
    frequency: `CAST(c.frequency AS ${dbl})`,
    recency: span('c.first_bk', 'c.last_bk'),
    T: span('c.first_bk', endBucket),
    monetaryValue: `CASE WHEN c.frequency > 0 THEN c.repeat_amount / c.frequency ELSE CAST(0 AS ${dbl}) END`,
    orders: `CAST(c.no_oid${orders ? ' + COALESCE(o.n, 0)' : ''} AS ${dbl})`,
    totalSpend: 'c.spend',
    firstPurchase: instant('c.first_ts'),
    lastPurchase: instant('c.last_ts'),
    daysSinceLastPurchase: `CAST(${dayDiff(d, calendarDate(d, 'c.last_ts'), end)} AS ${dbl})`,
  };
  const names = options.only ?? (Object.keys(exprs) as (keyof CustomerSummary)[]);
  const list = names.map((name) => `${exprs[name]} AS ${q(name)}`);
  return [
    `SELECT ${list.join(',\n  ')}`,
    `FROM ca_cust c${orders ? ' LEFT JOIN ca_order o ON o.cid = c.cid' : ''}`,
    'WHERE c.frequency >= 0',
    `ORDER BY c.cid${d === 'postgres' ? ' COLLATE "C"' : ''}`,
  ].join('\n');
}
