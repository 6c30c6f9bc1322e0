import { alias, periodLabel, periodStart, sumDouble, toDouble } from './periodExpressions';
import {
  PAIRS_CTE,
  type PeriodQuery,
  type PeriodSqlBaseOptions,
  periodQuery,
  rangeCtes,
} from './periodSource';

/** Options of {@link cohortRetentionSql}: those of `cohortRetention` plus dialect, table, columns. */
export interface CohortRetentionSqlOptions extends PeriodSqlBaseOptions {
  /** Cohort and offset period: ISO week (Monday–Sunday), month or quarter. */
  period: 'week' | 'month' | 'quarter';
}

/** Output columns of {@link cohortRetentionSql}, in order: one row per (cohort, offset). */
export const COHORT_CELL_COLUMNS = [
  'cohort',
  'start',
  'customers',
  'offset',
  'period',
  'activeCustomers',
  'retentionRate',
  'orders',
  'revenue',
] as const;

/** Output columns of {@link cohortUnattributedSql} (one row). */
export const COHORT_UNATTRIBUTED_COLUMNS = ['transactions', 'customers', 'revenue'] as const;

const UNITS = ['week', 'month', 'quarter'] as const;

/** The CTE `firsts`: each purchasing customer's acquisition period `a`. */
const FIRSTS_CTE = 'firsts AS (SELECT cid, MIN(p) AS a FROM pairs GROUP BY cid)';

function query(fn: string, options: CohortRetentionSqlOptions): PeriodQuery {
  return periodQuery(fn, options as CohortRetentionSqlOptions & { period: unknown }, UNITS);
}

/**
 * SQL for the acquisition-cohort table of `cohortRetention`, in long form: one row per
 * (cohort, offset) from offset 0 to the last period of the range, cells without activity
 * included, ordered by cohort then offset.
 *
 * Cohort k = customers whose first purchase falls in period k (`customers` = its size, `start`
 * its first DATE). Cell (k, j): activeCustomers = customers of k with ≥ 1 purchase order in
 * period k + j, retentionRate = activeCustomers / customers (1 at offset 0), orders = their
 * purchase orders in that period (distinct order ids + rows without one), revenue = Σ amount of
 * their rows in that period, returns subtracting (currency units of the amount column);
 * retentionRate is a fraction in [0, 1]. Periods with no first purchase have no cohort. Transactions attributed to no cell (returns by customers who never purchased, or
 * before their first purchase) are counted by {@link cohortUnattributedSql}, so no amount goes
 * unseen. Same calendar, labels, range and row rules as {@link metricsByPeriodSql} (run
 * {@link periodChecksSql} to count rows left out); dialect notes in
 * `src/sql/periodExpressions.ts`.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) on an unknown dialect, a period other than week,
 *   month or quarter (issue code `invalid_enum`), an empty table, a missing column, an invalid
 *   range, or a `timeZone` for a dialect other than duckdb/postgres.
 * @example
 * const sql = cohortRetentionSql({
 *   dialect: 'duckdb',
 *   table: 'tx',
 *   columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
 *   period: 'month',
 * });
 * // run on the example rows of cohortRetention, (cohort, customers, offset, retentionRate) are
 * // [['2024-01', 2, 0, 1], ['2024-01', 2, 1, 0.5], ['2024-02', 1, 0, 1]]
 */
export function cohortRetentionSql(options: CohortRetentionSqlOptions): string {
  return writeCohortRetentionSql('cohortRetentionSql', options);
}

/** Internal: {@link cohortRetentionSql} with errors naming `fn`. */
export function writeCohortRetentionSql(fn: string, options: CohortRetentionSqlOptions): string {
  const q = query(fn, options);
  const d = q.dialect;
  const u = q.unit;
  const a = (name: (typeof COHORT_CELL_COLUMNS)[number]) => alias(d, name);
  return `${q.ctes},
${rangeCtes(q)},
${PAIRS_CTE},
${FIRSTS_CTE},
sizes AS (SELECT a, COUNT(*) AS customers FROM firsts GROUP BY a),
activity AS (
  SELECT f.a, pr.p, COUNT(*) AS active, SUM(pr.orders) AS orders
  FROM pairs pr JOIN firsts f ON f.cid = pr.cid GROUP BY f.a, pr.p
),
money AS (
  SELECT f.a, t.p, ${sumDouble(d, 't.amount')} AS revenue
  FROM tx t JOIN firsts f ON f.cid = t.cid WHERE t.p >= f.a GROUP BY f.a, t.p
)
SELECT
  ${periodLabel(d, u, 'z.a')} AS ${a('cohort')},
  ${periodStart(d, u, 'z.a')} AS ${a('start')},
  z.customers AS ${a('customers')},
  s.p - z.a AS ${a('offset')},
  ${periodLabel(d, u, 's.p')} AS ${a('period')},
  COALESCE(c.active, 0) AS ${a('activeCustomers')},
  ${toDouble(d, 'COALESCE(c.active, 0)')} / z.customers AS ${a('retentionRate')},
  COALESCE(c.orders, 0) AS ${a('orders')},
  COALESCE(m.revenue, 0) AS ${a('revenue')}
FROM sizes z
JOIN series s ON s.p >= z.a
LEFT JOIN activity c ON c.a = z.a AND c.p = s.p
LEFT JOIN money m ON m.a = z.a AND m.p = s.p
ORDER BY z.a, s.p`;
}

/**
 * SQL for the transactions `cohortRetention` attributes to no cohort cell: one row with
 * `transactions` (rows), `customers` (distinct customers) and `revenue` (Σ amount) of the rows
 * of customers who never purchased (returns only) or dated before their first purchase period.
 * The same options as {@link cohortRetentionSql}; together the two queries account for every
 * row in range: Σ cell revenue + unattributed revenue = Σ amount.
 *
 * @throws InvalidInputError as {@link cohortRetentionSql}.
 * @example
 * const sql = cohortUnattributedSql({
 *   dialect: 'postgres',
 *   table: 'tx',
 *   columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
 *   period: 'month',
 * });
 * // run on [{ customerId: 'e', date: 2024-03-20, amount: -5 }, { customerId: 'a', … 10 }]:
 * // [{ transactions: 1, customers: 1, revenue: -5 }]
 */
export function cohortUnattributedSql(options: CohortRetentionSqlOptions): string {
  return writeCohortUnattributedSql('cohortUnattributedSql', options);
}

/** Internal: {@link cohortUnattributedSql} with errors naming `fn`. */
export function writeCohortUnattributedSql(fn: string, options: CohortRetentionSqlOptions): string {
  const q = query(fn, options);
  const a = (name: (typeof COHORT_UNATTRIBUTED_COLUMNS)[number]) => alias(q.dialect, name);
  return `${q.ctes},
${PAIRS_CTE},
${FIRSTS_CTE}
SELECT COUNT(*) AS ${a('transactions')}, COUNT(DISTINCT t.cid) AS ${a('customers')},
  COALESCE(${sumDouble(q.dialect, 't.amount')}, 0) AS ${a('revenue')}
FROM tx t LEFT JOIN firsts f ON f.cid = t.cid
WHERE f.a IS NULL OR t.p < f.a`;
}
