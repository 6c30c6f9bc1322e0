import { invalidInput } from '../errors';
import { assertCount, assertNonZero, assertObject, shareOf } from './_checks';

/** Counts of {@link churnRate}. */
export interface ChurnCounts {
  /** Customers at the start of the period (the base that could churn). */
  customersAtStart: number;
  /** Of those, customers lost during the period. */
  customersLost: number;
}

/** Counts of {@link retentionRate}. */
export interface RetentionCounts {
  /** Customers at the start of the period. */
  customersAtStart: number;
  /** Customers at the end of the period (retained plus newly acquired). */
  customersAtEnd: number;
  /** Customers acquired during the period. */
  newCustomers: number;
}

/**
 * Churn rate: the share of the customers present at the start of a period who were lost in it.
 *
 * Formula: `churn = customersLost / customersAtStart`, a fraction in [0, 1]. The seed's CLR
 * (`客户流失数量 / 客户总数 × 100%`) is the same with "all customers" as the base.
 *
 * @throws InvalidInputError when a count is negative or not an integer, or
 *   `customersLost > customersAtStart`.
 * @throws InsufficientDataError when `customersAtStart` is 0.
 * @example
 * churnRate({ customersAtStart: 200, customersLost: 15 }); // 0.075  (15/200 = 7.5%)
 */
export function churnRate(counts: ChurnCounts): number {
  assertObject('churnRate', 'counts', counts);
  return shareOf(
    'churnRate',
    'customersLost',
    counts.customersLost,
    'customersAtStart',
    counts.customersAtStart,
  );
}

/**
 * Customer retention rate (CRR): customers kept from the start of a period, net of those
 * acquired during it, as a share of the starting customers.
 *
 * Formula: `CRR = (customersAtEnd − newCustomers) / customersAtStart`, a fraction in [0, 1].
 * Source: the standard CRR definition (e.g. Kumar & Reinartz, *Customer Relationship
 * Management*, 2018). When no customer is lost and none gained, CRR = 1.
 *
 * @throws InvalidInputError when a count is negative or not an integer,
 *   `newCustomers > customersAtEnd`, or `customersAtEnd − newCustomers > customersAtStart`
 *   (more retained customers than there were).
 * @throws InsufficientDataError when `customersAtStart` is 0.
 * @example
 * retentionRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 40 }); // 0.85  ((210−40)/200)
 */
export function retentionRate(counts: RetentionCounts): number {
  const fn = 'retentionRate';
  assertObject(fn, 'counts', counts);
  const start = assertCount(fn, 'customersAtStart', counts.customersAtStart);
  const end = assertCount(fn, 'customersAtEnd', counts.customersAtEnd);
  const added = assertCount(fn, 'newCustomers', counts.newCustomers);
  assertNonZero(fn, 'customersAtStart', start);
  if (added > end) {
    throw invalidInput(fn, 'newCustomers', `to be at most customersAtEnd (${end})`, added, {
      code: 'too_big',
    });
  }
  if (end - added > start) {
    throw invalidInput(
      fn,
      'customersAtEnd − newCustomers',
      `to be at most customersAtStart (${start})`,
      end - added,
      { code: 'too_big' },
    );
  }
  return (end - added) / start;
}
