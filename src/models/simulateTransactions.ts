/**
 * Seeded simulation of dated transaction records from a BTYD process plus Gamma-Gamma spend.
 */
import { invalidInput } from '../errors';
import type { Transaction } from '../schema';
import { runSimulation, type SimulatedCustomer, type SimulateOptions } from './simulate';

/** Length of one time unit in milliseconds; a month is the mean Gregorian month, 365.25 / 12 = 30.4375 days. */
export const UNIT_MS = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30.4375 * 86_400_000,
} as const;

/** Options of `simulateTransactions`: the process, spend, calendar start and unit. */
export type SimulateTransactionsOptions = SimulateOptions & {
  /** Gamma-Gamma spend parameters {p, q, v} (required: every transaction needs an amount). */
  monetaryParams: { p: number; q: number; v: number };
  /** Calendar instant of time 0 (the start of the acquisition window). */
  start: Date;
  /** Time unit of T, acquisitionSpan and the process rates. */
  unit: 'day' | 'week' | 'month';
};

/** Simulated transactions, the customers' summaries in model units, and the observation end. */
export interface SimulatedTransactions {
  /** One record per purchase (first purchases included), ordered by customer then date. */
  transactions: Transaction[];
  /** Exact (unrounded) summaries and latent draws, identical to `simulateCustomers` for the same options. */
  customers: SimulatedCustomer[];
  /** start + T units: pass it as observationEnd when summarizing the transactions. */
  observationEnd: Date;
}

/**
 * Simulates dated transactions: the same draws as `simulateCustomers` (same options and seed give
 * the same customers), with purchase k of customer i dated start + (acquisition_i + t_k) × unit
 * and its Gamma-Gamma amount (not rounded to cents).
 *
 * Units: one day = 86,400,000 ms, one week = 7 days, one month = 30.4375 days (365.25 / 12), so
 * `unit: 'month'` uses the mean month, not calendar months.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) as `simulateCustomers`, and for a missing
 *   monetaryParams, an invalid start date or an unknown unit.
 * @example
 * const sim = simulateTransactions({
 *   transactionModel: 'bgNbd', transactionParams: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 *   monetaryParams: { p: 6.25, q: 3.74, v: 15.44 },
 *   customers: 2, T: 39, seed: 7, start: new Date('1997-01-01T00:00:00Z'), unit: 'week',
 * });
 * sim.observationEnd.toISOString() // '1997-10-01T00:00:00.000Z'
 * sim.transactions.filter((t) => t.customerId === '1').length === sim.customers[0].frequency + 1 // true
 */
export function simulateTransactions(options: SimulateTransactionsOptions): SimulatedTransactions {
  const fn = 'simulateTransactions';
  if (options === null || typeof options !== 'object') {
    throw invalidInput(fn, 'options', 'an object', options, { code: 'invalid_type' });
  }
  const { start, unit, monetaryParams } = options;
  if (monetaryParams === undefined || monetaryParams === null) {
    throw invalidInput(fn, 'monetaryParams', '{ p, q, v }', monetaryParams, { code: 'required' });
  }
  if (!(start instanceof Date) || Number.isNaN(start.getTime())) {
    throw invalidInput(fn, 'start', 'a valid Date', start, { code: 'invalid_date' });
  }
  if (unit !== 'day' && unit !== 'week' && unit !== 'month') {
    throw invalidInput(fn, 'unit', "'day' | 'week' | 'month'", unit, { code: 'invalid_enum' });
  }
  const unitMs = UNIT_MS[unit];
  const t0 = start.getTime();
  const transactions: Transaction[] = [];
  const customers = runSimulation(fn, options, (i, acquisition, time, amount) => {
    transactions.push({
      customerId: String(i + 1),
      date: new Date(t0 + (acquisition + time) * unitMs),
      amount: amount as number,
      kind: 'purchase',
    });
  });
  return { transactions, customers, observationEnd: new Date(t0 + options.T * unitMs) };
}
