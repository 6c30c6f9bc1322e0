import { InsufficientDataError, invalidInput } from '../errors';
import { calendar, PERIOD_UNITS } from '../metrics/_periods';
import { alias, notFinite } from './periodExpressions';
import { type PeriodSqlBaseOptions, periodQuery } from './periodSource';

/** Options of {@link periodChecksSql} and {@link assertPeriodChecks}. */
export interface PeriodChecksOptions extends PeriodSqlBaseOptions {
  /** The period of the query the checks guard: day, week, month or quarter. */
  period: 'day' | 'week' | 'month' | 'quarter';
}

/** Largest number of periods the period views build (as the JS functions). */
const MAX_PERIODS = 5_000_000;

/** Output columns of {@link periodChecksSql} (one row). */
export const PERIOD_CHECK_COLUMNS = [
  'rows',
  'invalidCustomerRows',
  'invalidCustomerValue',
  'invalidDateRows',
  'invalidDateCustomer',
  'invalidAmountRows',
  'invalidAmountCustomer',
  'invalidAmountValue',
  'invalidKindRows',
  'invalidKindCustomer',
  'invalidKindValue',
  'signMismatchRows',
  'signMismatchCustomer',
  'signMismatchValue',
  'outOfRangeRows',
  'outOfRangeCustomer',
  'outOfRangePeriod',
  'minPeriod',
  'maxPeriod',
  'orderConflicts',
  'orderConflictValue',
] as const;

/**
 * SQL counting the rows the period queries ({@link metricsByPeriodSql},
 * {@link cohortRetentionSql}) cannot use, so nothing is dropped unseen: one row with, per rule,
 * the number of offending rows and an example customer and value, plus the first and last
 * period index of the data. The rules are those `metricsByPeriod` enforces on transactions:
 * a non-empty customer id; a date; a finite amount; kind `'purchase'`, `'return'` or NULL; a
 * return's amount ≤ 0 and a purchase's ≥ 0 (`signMismatch`); an order id of one customer only
 * (`orderConflicts`: order ids seen under two customers); and, when `start`/`end` are given,
 * dates inside the range (`outOfRange`). Pass the row to {@link assertPeriodChecks}.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) on invalid options, as {@link metricsByPeriodSql}.
 * @example
 * const sql = periodChecksSql({
 *   dialect: 'duckdb',
 *   table: 'tx',
 *   columns: { customerId: 'customer_id', date: 'ts', amount: 'amount', kind: 'kind' },
 *   period: 'month',
 * });
 * // on rows [('a', 2024-01-05, 10, NULL), ('b', 2024-01-06, 5, 'return')]:
 * // { rows: 2, signMismatchRows: 1, signMismatchCustomer: 'b', signMismatchValue: 5, …,
 * //   minPeriod: 24288, maxPeriod: 24288 }  (24288 = 2024 × 12 + 0)
 */
export function periodChecksSql(options: PeriodChecksOptions): string {
  return writePeriodChecksSql('periodChecksSql', options);
}

/** Internal: {@link periodChecksSql} with errors naming `fn`. */
export function writePeriodChecksSql(fn: string, options: PeriodChecksOptions): string {
  const q = periodQuery(fn, options, PERIOD_UNITS);
  const d = q.dialect;
  const a = (name: (typeof PERIOD_CHECK_COLUMNS)[number]) => alias(d, name);
  type Col = (typeof PERIOD_CHECK_COLUMNS)[number];
  const rule = (cond: string, rows: Col, customer?: Col, value?: [string, Col]) =>
    [
      `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS ${a(rows)}`,
      customer === undefined ? '' : `MIN(CASE WHEN ${cond} THEN cid END) AS ${a(customer)}`,
      value === undefined ? '' : `MIN(CASE WHEN ${cond} THEN ${value[0]} END) AS ${a(value[1])}`,
    ]
      .filter((s) => s !== '')
      .join(',\n  ');
  const out = [
    q.startIndex === undefined ? undefined : `p < ${q.startIndex}`,
    q.endIndex === undefined ? undefined : `p > ${q.endIndex}`,
  ].filter((s) => s !== undefined);
  const outside = out.length === 0 ? '1 = 0' : `(${out.join(' OR ')})`;
  return `${q.ctes},
conflicts AS (
  SELECT COUNT(*) AS n, MIN(oid) AS example FROM (
    SELECT oid FROM dated WHERE oid IS NOT NULL AND cid IS NOT NULL
    GROUP BY oid HAVING COUNT(DISTINCT cid) > 1
  ) AS x
),
checks AS (
  SELECT COUNT(*) AS ${a('rows')},
  ${rule("cid IS NULL OR TRIM(cid) = ''", 'invalidCustomerRows', undefined, ['cid', 'invalidCustomerValue'])},
  ${rule('p IS NULL', 'invalidDateRows', 'invalidDateCustomer')},
  ${rule(`amount IS NULL OR ${notFinite(d, 'amount')}`, 'invalidAmountRows', 'invalidAmountCustomer', ['amount', 'invalidAmountValue'])},
  ${rule("kind IS NOT NULL AND kind NOT IN ('purchase', 'return')", 'invalidKindRows', 'invalidKindCustomer', ['kind', 'invalidKindValue'])},
  ${rule("(kind = 'return' AND amount > 0) OR (kind = 'purchase' AND amount < 0)", 'signMismatchRows', 'signMismatchCustomer', ['amount', 'signMismatchValue'])},
  ${rule(`p IS NOT NULL AND ${outside}`, 'outOfRangeRows', 'outOfRangeCustomer', ['p', 'outOfRangePeriod'])},
  MIN(p) AS ${a('minPeriod')}, MAX(p) AS ${a('maxPeriod')}
  FROM dated
)
SELECT checks.*, conflicts.n AS ${a('orderConflicts')}, conflicts.example AS ${a('orderConflictValue')}
FROM checks CROSS JOIN conflicts`;
}

const count = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * Throws the error the JS function would throw on the data described by a row of
 * {@link periodChecksSql}; returns nothing when every row is usable. Checked in the JS
 * functions' order: customer id, date, amount, kind, amount sign, order ids, then the range
 * (no data, end before the data's start, too many periods, rows outside `start`/`end`). The
 * message names the rule, an example value and customer, and how many rows break it.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) with issue code `invalid_id`, `invalid_date`,
 *   `invalid_number`, `invalid_enum`, `sign_mismatch`, `order_customer_mismatch`,
 *   `invalid_range`, `too_many_periods` or `out_of_range`.
 * @throws InsufficientDataError (`INSUFFICIENT_DATA`) when there are no rows and no explicit
 *   range.
 * @example
 * const options = { dialect: 'duckdb', table: 'tx', columns, period: 'month', caller: 'nightly' };
 * assertPeriodChecks({ rows: 2, signMismatchRows: 1, signMismatchCustomer: 'b',
 *   signMismatchValue: 5, minPeriod: 24288, maxPeriod: 24288 }, options);
 * // throws InvalidInputError 'nightly: expected transactions.amount to be ≤ 0 for a return
 * //   (1 rows), received 5 (customer "b")', issues[0].code 'sign_mismatch'
 * assertPeriodChecks({ rows: 2, minPeriod: 24288, maxPeriod: 24290 }, options);
 * // undefined (every row usable)
 */
export function assertPeriodChecks(
  row: Record<string, unknown>,
  options: PeriodChecksOptions & {
    /** Function name the messages start with. Default `assertPeriodChecks`. */
    caller?: string;
  },
): void {
  const fn = options.caller ?? 'assertPeriodChecks';
  const r = row ?? {};
  const cid = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
  const fail = (
    n: unknown,
    field: string,
    rule: string,
    value: unknown,
    code: string,
    c?: string,
  ) => {
    const rows = count(n);
    if (rows === 0) return;
    throw invalidInput(fn, `transactions.${field}`, `${rule} (${rows} rows)`, value, {
      code,
      customerId: c,
    });
  };
  fail(
    r.invalidCustomerRows,
    'customerId',
    'to be a non-empty string',
    r.invalidCustomerValue ?? null,
    'invalid_id',
  );
  fail(
    r.invalidDateRows,
    'date',
    'to be a valid date',
    null,
    'invalid_date',
    cid('invalidDateCustomer'),
  );
  fail(
    r.invalidAmountRows,
    'amount',
    'to be a finite number',
    r.invalidAmountValue ?? null,
    'invalid_number',
    cid('invalidAmountCustomer'),
  );
  fail(
    r.invalidKindRows,
    'kind',
    "to be 'purchase', 'return' or absent",
    r.invalidKindValue,
    'invalid_enum',
    cid('invalidKindCustomer'),
  );
  const sign = Number(r.signMismatchValue);
  fail(
    r.signMismatchRows,
    'amount',
    sign > 0 ? 'to be ≤ 0 for a return' : 'to be ≥ 0 for a purchase',
    sign,
    'sign_mismatch',
    cid('signMismatchCustomer'),
  );
  fail(
    r.orderConflicts,
    'orderId',
    'to belong to one customer',
    r.orderConflictValue,
    'order_customer_mismatch',
  );
  const cal = calendar(fn, options.period, options.timeZone);
  const startIdx = options.start === undefined ? undefined : cal.index(options.start.getTime());
  const endIdx = options.end === undefined ? undefined : cal.index(options.end.getTime());
  const lo = r.minPeriod === null || r.minPeriod === undefined ? undefined : Number(r.minPeriod);
  const hi = r.maxPeriod === null || r.maxPeriod === undefined ? undefined : Number(r.maxPeriod);
  const first = startIdx ?? lo;
  const last = endIdx ?? hi;
  if (first === undefined || last === undefined) {
    throw new InsufficientDataError(
      `${fn}: expected at least 1 transaction, received 0 transactions`,
    );
  }
  if (last < first) {
    throw invalidInput(fn, 'options.end', 'to be on or after options.start', options.end, {
      code: 'invalid_range',
    });
  }
  if (last - first + 1 > MAX_PERIODS) {
    throw invalidInput(
      fn,
      'options.period',
      `to give at most ${MAX_PERIODS} periods over the data's span`,
      cal.unit,
      {
        code: 'too_many_periods',
      },
    );
  }
  const p =
    r.outOfRangePeriod === null || r.outOfRangePeriod === undefined
      ? undefined
      : Number(r.outOfRangePeriod);
  fail(
    r.outOfRangeRows,
    'date',
    `to fall inside options.start … options.end (${cal.label(first)} … ${cal.label(last)})`,
    p === undefined ? null : cal.label(p),
    'out_of_range',
    cid('outOfRangeCustomer'),
  );
}
