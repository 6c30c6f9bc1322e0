/**
 * Tracking curves: expected vs actual repeat transactions of a cohort over calendar time,
 * period by period and cumulatively (Fader, Hardie & Lee 2005, Figures 2 and 3).
 */
import { InsufficientDataError, invalidInput } from '../errors';
import { type TransactionModelName, transactionModelByName } from './clv';
import type { ModelParams } from './types';

const DAY_MS = 86_400_000;
/** Period length in days: a month is the mean Gregorian month, 30.4375 days. */
const UNIT_DAYS = { day: 1, week: 7, month: 30.4375 } as const;

/** Options of {@link trackingCurves}. */
export interface TrackingOptions {
  transactionModel: TransactionModelName;
  /** Parameters fitted on summaries in `unit`. */
  transactionParams: object;
  /** Every purchase of the cohort (first purchases included); only customerId and date are read. */
  transactions: readonly { customerId: string; date: Date }[];
  /** Unit of the model and the length of one tracking period. */
  unit: 'day' | 'week' | 'month';
  /** Last day observed (inclusive, UTC); later transactions are an error. */
  observationEnd: Date;
  /** First period starts here (default: UTC midnight of the earliest purchase). */
  start?: Date;
}

/** One tracking period (plain data for a Vega-Lite line chart). */
export interface TrackingPoint {
  /** 1, 2, …. */
  period: number;
  periodStart: Date;
  /** Exclusive end (the last period ends at the day after observationEnd). */
  periodEnd: Date;
  /** Expected repeat transactions in the period. */
  expected: number;
  /** Actual repeat transactions (purchase days after each customer's first) in the period. */
  actual: number;
  expectedCumulative: number;
  actualCumulative: number;
}

const FN = 'trackingCurves';

/**
 * Expected vs actual repeat transactions per period and cumulatively.
 * Each customer's clock starts at 00:00 UTC of her first purchase day f_i; purchases on the same
 * UTC day count once (the convention of the published CDNOW summaries); repeat transactions are
 * her purchase days after f_i.
 * expectedCumulative(b) = Σ_i model.expectedPurchases(params, max(0, b − f_i) / unit) at each
 * period end b; expected = its increments; actual counts repeat days in [periodStart, periodEnd).
 * Customers are grouped by first day, so the cost is O(transactions + first days × periods).
 * @throws InvalidInputError for an unknown model or unit, an invalid observationEnd/start, a row
 *   with an empty customerId or invalid date, or a date after observationEnd or before start
 *   (row index named).
 * @throws InsufficientDataError for no transactions.
 * @example
 * const d = (s: string) => new Date(`${s}T00:00:00Z`);
 * trackingCurves({
 *   transactionModel: 'bgNbd', transactionParams: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 *   transactions: [{ customerId: 'a', date: d('1997-01-01') }, { customerId: 'a', date: d('1997-01-10') }],
 *   unit: 'week', observationEnd: d('1997-01-14'),
 * }).map((p) => [p.actualCumulative, +p.expectedCumulative.toFixed(4)])
 * // → [[0, 0.0523], [1, 0.0988]]
 */
export function trackingCurves(options: TrackingOptions): TrackingPoint[] {
  if (options === null || typeof options !== 'object')
    throw invalidInput(FN, 'options', 'an object', options, { code: 'invalid_type' });
  const { transactionParams, transactions, unit, observationEnd, start } = options;
  const model = transactionModelByName(FN, options.transactionModel);
  if (unit !== 'day' && unit !== 'week' && unit !== 'month') {
    throw invalidInput(FN, 'unit', "'day' | 'week' | 'month'", unit, { code: 'invalid_unit' });
  }
  if (!(observationEnd instanceof Date) || Number.isNaN(observationEnd.getTime())) {
    throw invalidInput(FN, 'observationEnd', 'a valid Date', observationEnd, {
      code: 'invalid_date',
    });
  }
  if (start !== undefined && (!(start instanceof Date) || Number.isNaN(start.getTime()))) {
    throw invalidInput(FN, 'start', 'a valid Date', start, { code: 'invalid_date' });
  }
  if (!Array.isArray(transactions))
    throw invalidInput(FN, 'transactions', 'an array', transactions, { code: 'invalid_type' });
  if (transactions.length === 0)
    throw new InsufficientDataError(`${FN}: expected at least one transaction, received 0`);
  const endMs = (Math.floor(observationEnd.getTime() / DAY_MS) + 1) * DAY_MS;

  // purchase days per customer
  const days = new Map<string, Set<number>>();
  transactions.forEach((t, i) => {
    const id = t?.customerId;
    if (typeof id !== 'string' || id.trim() === '') {
      throw invalidInput(FN, 'customerId', 'a non-empty string', id, {
        code: 'invalid_id',
        path: ['transactions', i],
      });
    }
    const ms = t.date instanceof Date ? t.date.getTime() : Number.NaN;
    if (Number.isNaN(ms))
      throw invalidInput(FN, 'date', 'a valid Date', t.date, {
        code: 'invalid_date',
        path: ['transactions', i],
        customerId: id,
      });
    if (ms >= endMs) {
      throw invalidInput(
        FN,
        'date',
        `on or before observationEnd (${observationEnd.toISOString().slice(0, 10)})`,
        t.date,
        {
          code: 'after_observation_end',
          path: ['transactions', i],
          customerId: id,
        },
      );
    }
    const set = days.get(id) ?? new Set<number>();
    set.add(Math.floor(ms / DAY_MS));
    days.set(id, set);
  });

  const firstDays = new Map<number, number>(); // first day → customers
  const repeatDays: number[] = [];
  let minDay = Number.POSITIVE_INFINITY;
  for (const set of days.values()) {
    let first = Number.POSITIVE_INFINITY;
    for (const d of set) if (d < first) first = d;
    firstDays.set(first, (firstDays.get(first) ?? 0) + 1);
    for (const d of set) if (d !== first) repeatDays.push(d);
    if (first < minDay) minDay = first;
  }
  const startMs = start ? start.getTime() : minDay * DAY_MS;
  if (minDay * DAY_MS < startMs) {
    throw invalidInput(
      FN,
      'start',
      `on or before the first purchase (${new Date(minDay * DAY_MS).toISOString().slice(0, 10)})`,
      start,
      {
        code: 'after_first_purchase',
      },
    );
  }
  const unitMs = UNIT_DAYS[unit] * DAY_MS;
  const periods = Math.ceil((endMs - startMs) / unitMs);

  const actual = new Array<number>(periods).fill(0);
  for (const d of repeatDays) actual[Math.floor((d * DAY_MS - startMs) / unitMs)]! += 1;

  const origins = [...firstDays.entries()];
  const points: TrackingPoint[] = [];
  let prevExpected = 0;
  let actualCumulative = 0;
  for (let k = 1; k <= periods; k++) {
    const periodStart = startMs + (k - 1) * unitMs;
    const periodEnd = Math.min(startMs + k * unitMs, endMs);
    let expectedCumulative = 0;
    for (const [day, count] of origins) {
      const t = (periodEnd - day * DAY_MS) / unitMs;
      if (t > 0)
        expectedCumulative += count * model.expectedPurchases(transactionParams as ModelParams, t);
    }
    actualCumulative += actual[k - 1] as number;
    points.push({
      period: k,
      periodStart: new Date(periodStart),
      periodEnd: new Date(periodEnd),
      expected: Math.max(0, expectedCumulative - prevExpected),
      actual: actual[k - 1] as number,
      expectedCumulative,
      actualCumulative,
    });
    prevExpected = expectedCumulative;
  }
  return points;
}
