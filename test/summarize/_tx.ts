/**
 * Hand-written transactions for the summary tests (JS, streaming, SQL and DuckDB paths).
 */
import type { Transaction } from '../../src/schema/index';

/** `YYYY-MM-DD` as UTC midnight; any longer ISO string as written. */
export const d = (s: string): Date => new Date(s.length === 10 ? `${s}T00:00:00Z` : s);

/** A transaction of `customerId` on `date` (see {@link d}) with `amount` and any other fields. */
export const tx = (
  customerId: string,
  date: string,
  amount: number,
  extra: Partial<Transaction> = {},
): Transaction => ({
  customerId,
  date: d(date),
  amount,
  ...extra,
});
