import { PERIOD_UNITS, type PeriodUnit } from '../metrics/_periods';
import { alias, periodLabel, periodStart, sumDouble, toDouble } from './periodExpressions';
import { PAIRS_CTE, type PeriodSqlBaseOptions, periodQuery, rangeCtes } from './periodSource';

/** Options of {@link metricsByPeriodSql}: those of `metricsByPeriod` plus dialect, table, columns. */
export interface MetricsByPeriodSqlOptions extends PeriodSqlBaseOptions {
  /** Calendar period: UTC day, ISO week (Monday–Sunday), month or quarter. */
  period: PeriodUnit;
  /** Inactivity window in periods (see `metricsByPeriod`). Default 1. */
  inactivityPeriods?: number;
}

/** Defaults of {@link metricsByPeriodSql}. */
export const METRICS_BY_PERIOD_SQL_DEFAULTS = { inactivityPeriods: 1 } as const;

/** Output columns of {@link metricsByPeriodSql}, in order (the fields of `PeriodMetrics`). */
export const PERIOD_METRICS_COLUMNS = [
  'period',
  'start',
  'end',
  'activeCustomers',
  'newCustomers',
  'returningCustomers',
  'orders',
  'returnedOrders',
  'revenue',
  'grossRevenue',
  'averageOrderValue',
  'repeatRate',
  'customersAtStart',
  'churnedCustomers',
  'churnRate',
] as const;

/**
 * SQL for the calendar-period series of `metricsByPeriod`, run where the data lives (DuckDB,
 * PostgreSQL, BigQuery, Snowflake, Spark): one row per period from the first to the last,
 * empty periods included, columns named like the fields of `PeriodMetrics`.
 *
 * Per period p (same definitions as `metricsByPeriod`): activeCustomers = customers with ≥ 1
 * purchase order in p; newCustomers = those whose first purchase period is p; orders =
 * distinct order ids + purchase rows without one; returnedOrders likewise for returns;
 * revenue = Σ amount (returns negative), grossRevenue = Σ purchase amounts; averageOrderValue =
 * revenue / orders; repeatRate = customers with ≥ 2 orders in p / active; customersAtStart =
 * active in p − 1; churnedCustomers = of those, customers with no purchase in p … p + w − 1
 * (w = inactivityPeriods), NULL while the window runs past the last period; churnRate =
 * churned / customersAtStart. Ratios are NULL where the JS function gives `null`. Units:
 * counts are customers or orders; revenue and AOV are in the amount column's currency units;
 * rates are fractions in [0, 1].
 * `start`/`end` are DATEs (the first day of the period and of the next one); labels read
 * `2024-03-05`, `2024-W09` (ISO week-year), `2024-03`, `2024-Q1`.
 *
 * Rows are bucketed by their UTC calendar day (or the local day in `timeZone`, duckdb and
 * postgres only). Rows with a NULL customer, amount or date, and rows outside an explicit
 * `start`/`end`, are left out of the result: run {@link periodChecksSql} first to count them
 * (the JS function throws on such rows, and so do the DuckDB runners). Dialect notes: see
 * `src/sql/periodExpressions.ts`; duckdb and postgres are executed in the tests against the JS
 * function, bigquery, snowflake and spark are checked against reviewed golden SQL.
 * Source: the definitions in docs/metrics.md ("Period metrics and cohorts in SQL").
 *
 * @throws InvalidInputError (`INVALID_INPUT`) on an unknown dialect or period, an empty table,
 *   a missing column, an invalid `start`/`end` (issue code `invalid_date`, or `invalid_range`
 *   when end is before start), a non-positive-integer `inactivityPeriods`, or a `timeZone` for
 *   a dialect other than duckdb/postgres (code `unsupported`).
 * @example
 * const sql = metricsByPeriodSql({
 *   dialect: 'postgres',
 *   table: 'sales.orders',
 *   columns: { customerId: 'customer_id', date: 'ordered_at', amount: 'total' },
 *   period: 'month',
 * });
 * // 'WITH src AS (…) … SELECT … AS "period", … AS "churnRate" FROM series s … ORDER BY s.p'
 * // run on the example rows of metricsByPeriod, it returns
 * // [['2024-01', 2, 40, null], ['2024-02', 0, 0, 1], ['2024-03', 1, 20, null]]
 * // as (period, activeCustomers, revenue, churnRate)
 */
export function metricsByPeriodSql(options: MetricsByPeriodSqlOptions): string {
  return writeMetricsByPeriodSql('metricsByPeriodSql', options);
}

/** Internal: {@link metricsByPeriodSql} with errors naming `fn` (the DuckDB runner's name). */
export function writeMetricsByPeriodSql(fn: string, options: MetricsByPeriodSqlOptions): string {
  const q = periodQuery(
    fn,
    options,
    PERIOD_UNITS,
    METRICS_BY_PERIOD_SQL_DEFAULTS.inactivityPeriods,
  );
  const d = q.dialect;
  const u = q.unit;
  const w = q.window;
  const dbl = (x: string) => toDouble(d, x);
  const a = (name: (typeof PERIOD_METRICS_COLUMNS)[number]) => alias(d, name);
  const orders = (ret: 0 | 1) =>
    `COUNT(DISTINCT CASE WHEN ret = ${ret} THEN oid END) + SUM(CASE WHEN ret = ${ret} AND oid IS NULL THEN 1 ELSE 0 END)`;
  const active = 'COALESCE(c.active, 0)';
  const base = 'COALESCE(b0.active, 0)';
  const churned = 'COALESCE(l.churned, 0)';
  const first = 's.p = b.lo';
  const unseen = `s.p + ${w - 1} > b.hi`;
  return `${q.ctes},
${rangeCtes(q)},
money AS (
  SELECT p, ${sumDouble(d, 'amount')} AS revenue,
    ${sumDouble(d, 'CASE WHEN ret = 0 THEN amount ELSE 0 END')} AS gross,
    ${orders(0)} AS orders,
    ${orders(1)} AS returned
  FROM tx GROUP BY p
),
${PAIRS_CTE},
flow AS (
  SELECT cid, p, orders, MIN(p) OVER (PARTITION BY cid) AS first_p,
    LEAD(p) OVER (PARTITION BY cid ORDER BY p) AS next_p
  FROM pairs
),
counts AS (
  SELECT p, COUNT(*) AS active, SUM(CASE WHEN p = first_p THEN 1 ELSE 0 END) AS new_customers,
    SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) AS repeaters
  FROM flow GROUP BY p
),
lost AS (
  SELECT q AS p, COUNT(*) AS churned
  FROM (SELECT p + 1 AS q FROM flow WHERE next_p IS NULL OR next_p - p > ${w}) AS gone
  GROUP BY q
)
SELECT
  ${periodLabel(d, u, 's.p')} AS ${a('period')},
  ${periodStart(d, u, 's.p')} AS ${a('start')},
  ${periodStart(d, u, 's.p + 1')} AS ${a('end')},
  ${active} AS ${a('activeCustomers')},
  COALESCE(c.new_customers, 0) AS ${a('newCustomers')},
  ${active} - COALESCE(c.new_customers, 0) AS ${a('returningCustomers')},
  COALESCE(m.orders, 0) AS ${a('orders')},
  COALESCE(m.returned, 0) AS ${a('returnedOrders')},
  COALESCE(m.revenue, 0) AS ${a('revenue')},
  COALESCE(m.gross, 0) AS ${a('grossRevenue')},
  CASE WHEN COALESCE(m.orders, 0) = 0 THEN NULL ELSE m.revenue / m.orders END AS ${a('averageOrderValue')},
  CASE WHEN ${active} = 0 THEN NULL ELSE ${dbl('c.repeaters')} / c.active END AS ${a('repeatRate')},
  CASE WHEN ${first} THEN 0 ELSE ${base} END AS ${a('customersAtStart')},
  CASE WHEN ${first} THEN 0 WHEN ${unseen} THEN NULL ELSE ${churned} END AS ${a('churnedCustomers')},
  CASE WHEN ${first} OR ${unseen} OR ${base} = 0 THEN NULL
    ELSE ${dbl(churned)} / b0.active END AS ${a('churnRate')}
FROM series s
CROSS JOIN bounds b
LEFT JOIN counts c ON c.p = s.p
LEFT JOIN counts b0 ON b0.p = s.p - 1
LEFT JOIN money m ON m.p = s.p
LEFT JOIN lost l ON l.p = s.p
ORDER BY s.p`;
}
