/**
 * Option checks and the final step of the summaries (accumulated state → rows + report),
 * shared by summarizeCustomers and calibrationHoldout. Internal: not exported from the package.
 */

import { tzOffset } from '@date-fns/tz';
import { formatValue, InvalidInputError, invalidInput } from '../errors';
import { type Accumulated, type CustomerAcc, meanAmount, purchaseBuckets } from './_accumulate';
import {
  bucketer,
  COLLAPSES,
  type Collapse,
  type DayOf,
  dayOfIn,
  span,
  type TimeUnit,
  UNITS,
  utcDay,
} from './_time';
import {
  type CustomerSummary,
  type ReturnsOnlyCustomer,
  SUMMARY_DEFAULTS,
  type SummaryReport,
} from './customers';

/** Validates the shared summary options; returns the calendar day of `field`. */
export function checkEnd(fn: string, field: string, value: unknown, dayOf: DayOf = utcDay): number {
  if (!(value instanceof Date) || !Number.isFinite(value.getTime()))
    throw invalidInput(fn, field, 'to be a valid Date', value, { code: 'invalid_date' });
  return dayOf(value.getTime());
}

/** Validates `timeZone` (an IANA name or undefined for UTC); returns the day function. */
export function checkTimeZone(fn: string, timeZone: unknown): DayOf {
  if (timeZone === undefined) return utcDay;
  if (typeof timeZone !== 'string' || Number.isNaN(tzOffset(timeZone, new Date(0))))
    throw invalidInput(fn, 'timeZone', 'to be an IANA time zone name', timeZone, {
      code: 'invalid_time_zone',
    });
  return dayOfIn(timeZone);
}

/** Validates `unit` and `collapse`; returns the collapse with its default applied. */
export function checkUnit(fn: string, options: { unit?: unknown; collapse?: unknown }): Collapse {
  if (!UNITS.includes(options.unit as TimeUnit))
    throw invalidInput(fn, 'unit', "to be one of 'day', 'week', 'month'", options.unit, {
      code: 'invalid_enum',
    });
  const collapse = options.collapse ?? SUMMARY_DEFAULTS.collapse;
  if (!COLLAPSES.includes(collapse as Collapse))
    throw invalidInput(fn, 'collapse', "to be 'period' or 'day'", collapse, {
      code: 'invalid_enum',
    });
  return collapse as Collapse;
}

/** Checks that options is an object (options are required for the summaries). */
export function checkOptions(fn: string, options: unknown): void {
  if (options === null || typeof options !== 'object')
    throw new InvalidInputError(
      `${fn}: expected options to be an object, received ${formatValue(options)}`,
      [{ field: 'options', code: 'invalid_type', message: 'options missing', value: options }],
    );
}

/** Turns one customer's calibration state into a summary, or undefined without a purchase. */
export function finalize(
  acc: CustomerAcc,
  endDay: number,
  unit: TimeUnit,
  collapse: Collapse,
  dayOf: DayOf = utcDay,
): CustomerSummary | undefined {
  if (!Number.isFinite(acc.firstMs)) return undefined;
  const { keys, amounts } = purchaseBuckets(acc.buckets);
  const first = keys[0] as number;
  const last = keys[keys.length - 1] as number;
  const endKey = bucketer(unit, collapse)(endDay);
  return {
    customerId: acc.id,
    frequency: keys.length - 1,
    recency: span(first, last, unit, collapse),
    T: span(first, endKey, unit, collapse),
    monetaryValue: meanAmount(keys.slice(1), amounts),
    orders: acc.ordersWithoutId + (acc.orderIds?.size ?? 0),
    totalSpend: acc.spend + acc.spendC,
    firstPurchase: new Date(acc.firstMs),
    lastPurchase: new Date(acc.lastMs),
    daysSinceLastPurchase: endDay - dayOf(acc.lastMs),
  };
}

/** Splits accumulated customers into summaries (sorted by id) and returns-only customers. */
export function collectReport(
  acc: Accumulated,
  endDay: number,
  unit: TimeUnit,
  collapse: Collapse,
  dayOf: DayOf = utcDay,
): SummaryReport {
  const customers: CustomerSummary[] = [];
  const returnsOnly: ReturnsOnlyCustomer[] = [];
  const ids = [...acc.customers.keys()].sort();
  for (const id of ids) {
    const c = acc.customers.get(id) as CustomerAcc;
    const s = finalize(c, endDay, unit, collapse, dayOf);
    if (s) customers.push(s);
    else returnsOnly.push({ customerId: id, returns: c.returns, amount: c.returnAmount });
  }
  return {
    customers,
    returnsOnly,
    excludedAfterEnd: acc.excludedAfterEnd,
    customersOnlyAfterEnd: acc.customersOnlyAfterEnd,
  };
}
