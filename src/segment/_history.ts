/**
 * Per-customer purchase-day histories up to an `asOf` date, shared by lifecycleStages and
 * churnRisk. Internal. Reuses the summaries' validated one-pass accumulation (days, UTC).
 */
import { invalidInput } from '../errors';
import type { Transaction } from '../schema/index';
import { accumulate, purchaseBuckets } from '../summarize/_accumulate';

/** One customer's purchase days (UTC day numbers, ascending) and each day's net amount. */
export interface History {
  customerId: string;
  days: number[];
  amounts: number[];
}

/** Histories of buyers, plus the customers with only returns and the rows after asOf. */
export interface Histories {
  asOfDay: number;
  customers: History[];
  returnsOnly: string[];
  excludedAfterAsOf: number;
}

export function checkAsOf(fn: string, asOf: unknown): number {
  if (!(asOf instanceof Date) || !Number.isFinite(asOf.getTime()))
    throw invalidInput(fn, 'asOf', 'to be a valid Date', asOf, { code: 'invalid_date' });
  return Math.floor(asOf.getTime() / 86_400_000);
}

export function checkPositive(fn: string, field: string, value: unknown, integer = false): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (integer && !Number.isInteger(value))
  )
    throw invalidInput(
      fn,
      field,
      integer ? 'to be a positive integer' : 'to be a positive number',
      value,
      {
        code: 'invalid_option',
      },
    );
  return value;
}

export function histories(
  fn: string,
  transactions: readonly Transaction[],
  asOfDay: number,
): Histories {
  const acc = accumulate(fn, transactions, asOfDay, 'day', 'day');
  const customers: History[] = [];
  const returnsOnly: string[] = [];
  for (const id of [...acc.customers.keys()].sort()) {
    const { keys, amounts } = purchaseBuckets(acc.customers.get(id)?.buckets);
    if (keys.length === 0) returnsOnly.push(id);
    else
      customers.push({
        customerId: id,
        days: keys,
        amounts: keys.map((k) => amounts.get(k) as number),
      });
  }
  return { asOfDay, customers, returnsOnly, excludedAfterAsOf: acc.excludedAfterEnd };
}

/** Purchase days before the recent window and inside it, with rates per day and mean amounts. */
export interface WindowStats {
  earlier: number;
  recent: number;
  /** earlier purchases / days from the first purchase to the window start; 0 without history. */
  earlierRate: number;
  /** recent purchases / recentDays. */
  recentRate: number;
  earlierMeanAmount: number;
  recentMeanAmount: number;
}

/** Splits a history at the recent window (asOfDay − recentDays, asOfDay]. */
export function windowStats(h: History, asOfDay: number, recentDays: number): WindowStats {
  const start = asOfDay - recentDays + 1;
  let earlier = 0;
  let recent = 0;
  let eSum = 0;
  let rSum = 0;
  h.days.forEach((d, i) => {
    if (d >= start) {
      recent++;
      rSum += h.amounts[i] as number;
    } else {
      earlier++;
      eSum += h.amounts[i] as number;
    }
  });
  const earlierLength = start - (h.days[0] as number);
  return {
    earlier,
    recent,
    earlierRate: earlier > 0 ? earlier / earlierLength : 0,
    recentRate: recent / recentDays,
    earlierMeanAmount: earlier > 0 ? eSum / earlier : 0,
    recentMeanAmount: recent > 0 ? rSum / recent : 0,
  };
}
