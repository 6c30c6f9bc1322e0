import type { Transaction } from '../../src/schema/index';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

/**
 * A hand-checkable ledger over Jan–Apr 2024 (see the tests for the arithmetic):
 * - a: Jan 5 (10, o1), Jan 20 (5, o2), Mar 3 (20)
 * - b: Jan 15 (30), Feb 10 return (−10), Feb 12 order o9 in two lines (25 + 15)
 * - c: Feb 1 (8)
 * - d: Apr 30 (12)
 * - e: Mar 20 return only (−5): belongs to no cohort
 */
export const ledger: Transaction[] = [
  { customerId: 'a', date: at('2024-01-05'), amount: 10, orderId: 'o1' },
  { customerId: 'b', date: at('2024-01-15'), amount: 30 },
  { customerId: 'a', date: at('2024-01-20'), amount: 5, orderId: 'o2' },
  { customerId: 'c', date: at('2024-02-01'), amount: 8 },
  { customerId: 'b', date: at('2024-02-10'), amount: -10, kind: 'return' },
  { customerId: 'b', date: at('2024-02-12'), amount: 25, orderId: 'o9' },
  { customerId: 'b', date: at('2024-02-12'), amount: 15, orderId: 'o9' },
  { customerId: 'a', date: at('2024-03-03'), amount: 20 },
  { customerId: 'e', date: at('2024-03-20'), amount: -5 },
  { customerId: 'd', date: at('2024-04-30'), amount: 12 },
];
