import { assertObject, shareOf } from './_checks';

/** Counts of {@link conversionRate}. */
export interface ConversionCounts {
  /** Leads (or visitors, sessions, prospects) that converted. */
  conversions: number;
  /** Leads (or visitors, sessions, prospects) that could have converted. */
  leads: number;
}

/**
 * Conversion rate: the share of leads (or visitors) that became customers or completed the goal.
 *
 * Formula: `CVR = #conversions / #leads`, in [0, 1]. The seed writes `Conversion Rate = Number
 * of Conversions / Total Number of Customers`; pass the population that could convert as
 * `leads`. Conversions are a subset of leads, so `conversions ≤ leads`.
 *
 * @throws InvalidInputError on negative or non-integer counts, or `conversions > leads`.
 * @throws InsufficientDataError when `leads` is 0.
 * @example
 * conversionRate({ conversions: 36, leads: 1200 }); // 0.03
 */
export function conversionRate(counts: ConversionCounts): number {
  assertObject('conversionRate', 'counts', counts);
  return shareOf('conversionRate', 'conversions', counts.conversions, 'leads', counts.leads);
}
