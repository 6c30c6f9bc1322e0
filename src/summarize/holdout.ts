/**
 * Calibration/holdout split: the calibration summary plus the same customers' purchases in the
 * holdout window, bucketed exactly as in calibration, for checking a model's predictions.
 */
import { invalidInput } from '../errors';
import type { Transaction } from '../schema/index';
import { accumulate, meanAmount, purchaseBuckets } from './_accumulate';
import { checkEnd, checkOptions, checkTimeZone, checkUnit, collectReport } from './_report';
import { bucketer, type Collapse, span, type TimeUnit } from './_time';
import type { CustomerSummary, ReturnsOnlyCustomer, SummaryReport } from './customers';

/** A calibration summary with the holdout columns. */
export interface HoldoutSummary extends CustomerSummary {
  /** Purchase periods (days, collapse 'day') in the holdout window (calibrationEnd, observationEnd]. */
  frequencyHoldout: number;
  /** Mean net amount of those periods; 0 without any. */
  monetaryValueHoldout: number;
  /** Length of the holdout window in `unit`s (same rule as T). */
  durationHoldout: number;
}

/** Options of {@link calibrationHoldout}. */
export interface HoldoutOptions {
  /** Last instant of calibration; inclusive at UTC-day granularity. */
  calibrationEnd: Date;
  /** Last instant of the holdout window; inclusive at UTC-day granularity. */
  observationEnd: Date;
  unit: TimeUnit;
  /** `'period'` (default) or `'day'`, as in {@link summarizeCustomers}. */
  collapse?: Collapse;
  /** IANA time zone of the calendar (default UTC), as in {@link summarizeCustomers}. */
  timeZone?: string;
}

/** The report of {@link calibrationHoldoutWithReport}. */
export interface HoldoutReport extends SummaryReport<HoldoutSummary> {
  /** Customers whose first purchase is in the holdout window (not in `customers`). */
  firstPurchaseInHoldout: string[];
  /** Customers with only returns in both windows; `returns` and `amount` cover both. */
  returnsOnly: ReturnsOnlyCustomer[];
}

/**
 * Calibration/holdout summary with a report of what was left out (returns-only customers in
 * calibration, first purchases in the holdout window, rows after `observationEnd`).
 *
 * Same rules as {@link calibrationHoldout}.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for a bad row or option, or `calibrationEnd` not
 *   before `observationEnd` (code `invalid_range`).
 * @example
 * ```ts
 * const d = (s: string) => new Date(`${s}T00:00:00Z`);
 * calibrationHoldoutWithReport(
 *   [
 *     { customerId: 'a', date: d('2024-01-01'), amount: 10 },
 *     { customerId: 'b', date: d('2024-01-20'), amount: 5 },
 *   ],
 *   { calibrationEnd: d('2024-01-10'), observationEnd: d('2024-01-31'), unit: 'day' },
 * );
 * // → customers: [a with frequencyHoldout 0, durationHoldout 21], firstPurchaseInHoldout: ['b']
 * ```
 */
export function calibrationHoldoutWithReport(
  transactions: readonly Transaction[],
  options: HoldoutOptions,
): HoldoutReport {
  const fn = 'calibrationHoldoutWithReport';
  checkOptions(fn, options);
  const dayOf = checkTimeZone(fn, options.timeZone);
  const calDay = checkEnd(fn, 'calibrationEnd', options.calibrationEnd, dayOf);
  const endDay = checkEnd(fn, 'observationEnd', options.observationEnd, dayOf);
  if (calDay >= endDay)
    throw invalidInput(
      fn,
      'calibrationEnd',
      `to be a UTC day before observationEnd ${options.observationEnd.toISOString()}`,
      options.calibrationEnd,
      { code: 'invalid_range' },
    );
  const { unit } = options;
  const collapse = checkUnit(fn, options);
  const acc = accumulate(fn, transactions, endDay, unit, collapse, calDay, dayOf);
  const cal = collectReport(acc, calDay, unit, collapse, dayOf);
  const key = bucketer(unit, collapse);
  const calKey = key(calDay);
  const durationHoldout = span(calKey, key(endDay), unit, collapse);
  const customers: HoldoutSummary[] = cal.customers.map((s) => {
    const { keys, amounts } = purchaseBuckets(acc.customers.get(s.customerId)?.holdout);
    return {
      ...s,
      frequencyHoldout: keys.length,
      monetaryValueHoldout: meanAmount(keys, amounts),
      durationHoldout,
    };
  });
  // Customers without a calibration purchase: either their first purchase is in the holdout,
  // or they only returned goods (in either window). Both are reported, none dropped.
  const firstPurchaseInHoldout: string[] = [];
  const returnsOnly: ReturnsOnlyCustomer[] = [];
  for (const r of cal.returnsOnly) {
    const c = acc.customers.get(r.customerId);
    if (c?.holdout && [...c.holdout.values()].some((b) => b.purchase))
      firstPurchaseInHoldout.push(r.customerId);
    else
      returnsOnly.push({
        customerId: r.customerId,
        returns: r.returns + (c?.holdoutReturns ?? 0),
        amount: r.amount + (c?.holdoutReturnAmount ?? 0),
      });
  }
  return {
    customers,
    returnsOnly,
    excludedAfterEnd: cal.excludedAfterEnd,
    customersOnlyAfterEnd: cal.customersOnlyAfterEnd,
    firstPurchaseInHoldout,
  };
}

/**
 * Summarizes the calibration window (to `calibrationEnd`) exactly like
 * {@link summarizeCustomers} and adds, for the same customers, the holdout window
 * (calibrationEnd, observationEnd]: frequencyHoldout = purchase periods in it,
 * monetaryValueHoldout = their mean net amount (0 without any), durationHoldout = its length in
 * `unit`s. Holdout purchases merge into periods (days) with the same rule as calibration; rows
 * split at the UTC day, so with `collapse: 'period'` a week or month straddling calibrationEnd
 * can count in both windows, once for each side's rows (as in lifetimes).
 * Customers whose first purchase falls in the holdout are not summarized (as in lifetimes'
 * `calibration_and_holdout_data`); {@link calibrationHoldoutWithReport} lists them.
 *
 * Source: lifetimes `utils.calibration_and_holdout_data`; Fader, Hardie & Lee (2005) §4
 * (39-week calibration, 39-week holdout on CDNOW).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for a bad row or option, or `calibrationEnd` not
 *   before `observationEnd` (code `invalid_range`).
 * @example
 * ```ts
 * const d = (s: string) => new Date(`${s}T00:00:00Z`);
 * calibrationHoldout(
 *   [
 *     { customerId: 'a', date: d('2024-01-01'), amount: 10 },
 *     { customerId: 'a', date: d('2024-01-05'), amount: 20 },
 *     { customerId: 'a', date: d('2024-01-15'), amount: 30 },
 *     { customerId: 'a', date: d('2024-01-15'), amount: 12 },
 *     { customerId: 'a', date: d('2024-01-20'), amount: 40 },
 *   ],
 *   { calibrationEnd: d('2024-01-10'), observationEnd: d('2024-01-31'), unit: 'day' },
 * );
 * // → [{ customerId: 'a', frequency: 1, recency: 4, T: 9, monetaryValue: 20,
 * //      frequencyHoldout: 2, monetaryValueHoldout: 41 ((42 + 40) / 2), durationHoldout: 21, … }]
 * ```
 */
export function calibrationHoldout(
  transactions: readonly Transaction[],
  options: HoldoutOptions,
): HoldoutSummary[] {
  return calibrationHoldoutWithReport(transactions, options).customers;
}
