import { TZDate } from '@date-fns/tz';
import { invalidInput } from '../errors';
import type { CohortRetention, RetentionCohort } from '../metrics/cohortRetention';
import type { PeriodMetrics } from '../metrics/metricsByPeriod';

/** Options of the row converters. */
export interface PeriodRowsOptions {
  /**
   * The `timeZone` the SQL was written with: the DATE columns are then local calendar dates,
   * turned into the instant of local midnight (as `metricsByPeriod` does). Default: UTC.
   */
  timeZone?: string;
}

type Row = Record<string, unknown>;

/** A number from a driver value (number, bigint, numeric string). */
function num(fn: string, row: Row, key: string, i: number): number {
  const v = row[key];
  const n =
    typeof v === 'number' ? v : typeof v === 'bigint' || typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) {
    throw invalidInput(fn, `rows[${i}].${key}`, 'to be a finite number', v, {
      code: 'invalid_number',
      path: ['rows', i, key],
    });
  }
  return n;
}

function numOrNull(fn: string, row: Row, key: string, i: number): number | null {
  return row[key] === null || row[key] === undefined ? null : num(fn, row, key, i);
}

/** The instant of a DATE value (a Date at UTC midnight, or `YYYY-MM-DD`) in the calendar zone. */
function day(fn: string, row: Row, key: string, i: number, tz: string | undefined): Date {
  const v = row[key];
  const d =
    v instanceof Date
      ? v
      : typeof v === 'string'
        ? new Date(`${v.slice(0, 10)}T00:00:00Z`)
        : undefined;
  if (d === undefined || Number.isNaN(d.getTime())) {
    throw invalidInput(fn, `rows[${i}].${key}`, 'to be a DATE', v, {
      code: 'invalid_date',
      path: ['rows', i, key],
    });
  }
  if (tz === undefined) return new Date(d.getTime());
  return new Date(new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), tz).getTime());
}

function label(fn: string, row: Row, key: string, i: number): string {
  const v = row[key];
  if (typeof v !== 'string') {
    throw invalidInput(fn, `rows[${i}].${key}`, 'to be a period label', v, {
      code: 'invalid_type',
      path: ['rows', i, key],
    });
  }
  return v;
}

/**
 * Turns the rows of `metricsByPeriodSql` (from any driver) into the `PeriodMetrics` objects
 * `metricsByPeriod` returns: counts as numbers (bigint and numeric strings converted), DATE
 * columns as the instants the periods start, NULL ratios as `null`.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) when a row lacks a column or holds a value of the
 *   wrong type (naming `rows[i].column`).
 * @example
 * periodMetricsFromRows([{ period: '2024-01', start: new Date('2024-01-01'), end: new Date('2024-02-01'),
 *   activeCustomers: 2n, newCustomers: 2n, returningCustomers: 0n, orders: 2n, returnedOrders: 0n,
 *   revenue: 40, grossRevenue: 40, averageOrderValue: 20, repeatRate: 0, customersAtStart: 0n,
 *   churnedCustomers: 0n, churnRate: null }])[0].activeCustomers;
 * // 2
 */
export function periodMetricsFromRows(
  rows: readonly Row[],
  options: PeriodRowsOptions = {},
): PeriodMetrics[] {
  const fn = 'periodMetricsFromRows';
  const tz = options.timeZone;
  return rows.map((r, i) => ({
    period: label(fn, r, 'period', i),
    start: day(fn, r, 'start', i, tz),
    end: day(fn, r, 'end', i, tz),
    activeCustomers: num(fn, r, 'activeCustomers', i),
    newCustomers: num(fn, r, 'newCustomers', i),
    returningCustomers: num(fn, r, 'returningCustomers', i),
    orders: num(fn, r, 'orders', i),
    returnedOrders: num(fn, r, 'returnedOrders', i),
    revenue: num(fn, r, 'revenue', i),
    grossRevenue: num(fn, r, 'grossRevenue', i),
    averageOrderValue: numOrNull(fn, r, 'averageOrderValue', i),
    repeatRate: numOrNull(fn, r, 'repeatRate', i),
    customersAtStart: num(fn, r, 'customersAtStart', i),
    churnedCustomers: numOrNull(fn, r, 'churnedCustomers', i),
    churnRate: numOrNull(fn, r, 'churnRate', i),
  }));
}

/**
 * Assembles the rows of `cohortRetentionSql` (one per cohort and offset, ordered by cohort then
 * offset) and the one row of `cohortUnattributedSql` into the object `cohortRetention`
 * returns: cohorts in calendar order, each with its cells from offset 0.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) on a missing or mistyped column, or cells out of
 *   order (a cohort's offsets must run 0, 1, 2, …).
 * @example
 * cohortRetentionFromRows(
 *   [{ cohort: '2024-01', start: new Date('2024-01-01'), customers: 2, offset: 0, period: '2024-01',
 *      activeCustomers: 2, retentionRate: 1, orders: 2, revenue: 40 }],
 *   { transactions: 0, customers: 0, revenue: 0 },
 *   'month',
 * ).cohorts[0].cells[0].retentionRate;
 * // 1
 */
export function cohortRetentionFromRows(
  cells: readonly Row[],
  unattributed: Row,
  period: CohortRetention['period'],
  options: PeriodRowsOptions = {},
): CohortRetention {
  const fn = 'cohortRetentionFromRows';
  const cohorts: RetentionCohort[] = [];
  let current: RetentionCohort | undefined;
  cells.forEach((r, i) => {
    const cohort = label(fn, r, 'cohort', i);
    if (current === undefined || current.cohort !== cohort) {
      current = {
        cohort,
        start: day(fn, r, 'start', i, options.timeZone),
        customers: num(fn, r, 'customers', i),
        cells: [],
      };
      cohorts.push(current);
    }
    const offset = num(fn, r, 'offset', i);
    if (offset !== current.cells.length) {
      throw invalidInput(fn, `rows[${i}].offset`, `to be ${current.cells.length}`, offset, {
        code: 'out_of_order',
        path: ['rows', i, 'offset'],
      });
    }
    current.cells.push({
      offset,
      period: label(fn, r, 'period', i),
      activeCustomers: num(fn, r, 'activeCustomers', i),
      retentionRate: num(fn, r, 'retentionRate', i),
      orders: num(fn, r, 'orders', i),
      revenue: num(fn, r, 'revenue', i),
    });
  });
  const u = unattributed ?? {};
  return {
    period,
    cohorts,
    unattributed: {
      transactions: num(fn, u, 'transactions', 0),
      customers: num(fn, u, 'customers', 0),
      revenue: num(fn, u, 'revenue', 0),
    },
  };
}
