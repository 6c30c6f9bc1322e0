import type { Interaction } from '../schema/index';
import { assertObject, shareOf } from './_checks';
import { type EngagementOptions, type ReachCounts, reach } from './_interactions';

/**
 * Visit reach: the share of customers visited at least once.
 *
 * Formula: `#customers with ≥ 1 visit / #customers`, in [0, 1].
 * @throws InvalidInputError on invalid counts or interactions, or more reached than customers.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * visitReach({ reachedCustomers: 45, customers: 100 }); // 0.45
 */
export function visitReach(
  input: ReachCounts | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return reach('visitReach', 'visit', input, options);
}

/**
 * Communication reach: the share of customers with at least one communication.
 *
 * Formula: `#customers with ≥ 1 communication / #customers`, in [0, 1].
 * @throws InvalidInputError on invalid counts or interactions, or more reached than customers.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * communicationReach({ reachedCustomers: 3, customers: 4 }); // 0.75
 */
export function communicationReach(
  input: ReachCounts | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return reach('communicationReach', 'communication', input, options);
}

/**
 * Service reach: the share of customers with at least one service contact.
 *
 * Formula: `#customers with ≥ 1 service contact / #customers`, in [0, 1].
 * @throws InvalidInputError on invalid counts or interactions, or more reached than customers.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * serviceReach({ reachedCustomers: 1, customers: 8 }); // 0.125
 */
export function serviceReach(
  input: ReachCounts | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return reach('serviceReach', 'service', input, options);
}

/**
 * Feedback reach: the share of customers who gave feedback at least once.
 *
 * Formula: `#customers with ≥ 1 feedback / #customers`, in [0, 1].
 * @throws InvalidInputError on invalid counts or interactions, or more reached than customers.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * feedbackReach({ reachedCustomers: 9, customers: 36 }); // 0.25
 */
export function feedbackReach(
  input: ReachCounts | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return reach('feedbackReach', 'feedback', input, options);
}

/**
 * Complaint reach: the share of customers who complained at least once.
 *
 * Formula: `#customers with ≥ 1 complaint / #customers`, in [0, 1].
 * @throws InvalidInputError on invalid counts or interactions, or more reached than customers.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * complaintReach({ reachedCustomers: 2, customers: 50 }); // 0.04
 */
export function complaintReach(
  input: ReachCounts | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return reach('complaintReach', 'complaint', input, options);
}

/** Counts of {@link suggestionAdoptionRate}. */
export interface SuggestionCounts {
  /** Customer suggestions that were adopted. */
  adopted: number;
  /** Customer suggestions received. */
  suggestions: number;
}

/**
 * Suggestion adoption rate (建议采纳率, from the seed's table of key interaction indicators):
 * the share of customer suggestions the company adopted.
 *
 * Formula: `#adopted suggestions / #suggestions`, in [0, 1].
 * @throws InvalidInputError on negative or non-integer counts, or `adopted > suggestions`.
 * @throws InsufficientDataError when there are no suggestions.
 * @example
 * suggestionAdoptionRate({ adopted: 7, suggestions: 28 }); // 0.25
 */
export function suggestionAdoptionRate(counts: SuggestionCounts): number {
  assertObject('suggestionAdoptionRate', 'counts', counts);
  return shareOf(
    'suggestionAdoptionRate',
    'adopted',
    counts.adopted,
    'suggestions',
    counts.suggestions,
  );
}
