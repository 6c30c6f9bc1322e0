import type { Interaction } from '../schema/index';
import { type EngagementOptions, rate } from './_interactions';

export type { EngagementOptions, ReachCounts } from './_interactions';

/**
 * Visit rate as the seed defines it (CVR, 客户拜访率): visits per customer.
 *
 * Formula: `visit rate = #visits / #customers` (the seed writes it × 100%). Not a share: a
 * customer can be visited several times, so it can exceed 1; see {@link visitReach} for the
 * share of customers visited. From interactions, visits are rows with `kind: 'visit'`.
 *
 * @throws InvalidInputError on negative or non-integer counts, an invalid interaction, or
 *   `options.customers` below the customers seen.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * visitRate({ visits: 150, customers: 100 }); // 1.5  (150%)
 */
export function visitRate(counts: { visits: number; customers: number }): number;
/** Visit rate from interactions. @example visitRate([{ customerId: 'a', date: new Date(0), kind: 'visit' }], { customers: 4 }) // 0.25 */
export function visitRate(interactions: readonly Interaction[], options: EngagementOptions): number;
export function visitRate(
  input: { visits: number; customers: number } | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return rate('visitRate', 'visit', 'visits', input, options);
}

/**
 * Communication rate as the seed defines it (CTE, 客户沟通效率): communications per customer.
 *
 * Formula: `#communications / #customers` (can exceed 1; the seed writes × 100%). From
 * interactions: rows with `kind: 'communication'`. Share form: {@link communicationReach}.
 *
 * @throws InvalidInputError on negative or non-integer counts or an invalid interaction.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * communicationRate({ communications: 80, customers: 200 }); // 0.4
 */
export function communicationRate(counts: { communications: number; customers: number }): number;
/** Communication rate from interactions. @example communicationRate([], { customers: 3 }) // 0 */
export function communicationRate(
  interactions: readonly Interaction[],
  options: EngagementOptions,
): number;
export function communicationRate(
  input: { communications: number; customers: number } | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return rate('communicationRate', 'communication', 'communications', input, options);
}

/**
 * Service rate as the seed defines it (CSE, 客户服务效率): service contacts per customer.
 *
 * Formula: `#services / #customers` (can exceed 1). From interactions: rows with
 * `kind: 'service'`. Share form: {@link serviceReach}.
 *
 * @throws InvalidInputError on negative or non-integer counts or an invalid interaction.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * serviceRate({ services: 30, customers: 120 }); // 0.25
 */
export function serviceRate(counts: { services: number; customers: number }): number;
/** Service rate from interactions. @example serviceRate([{ customerId: 'a', date: new Date(0), kind: 'service' }], { customers: 2 }) // 0.5 */
export function serviceRate(
  interactions: readonly Interaction[],
  options: EngagementOptions,
): number;
export function serviceRate(
  input: { services: number; customers: number } | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return rate('serviceRate', 'service', 'services', input, options);
}

/**
 * Feedback rate as the seed defines it (CFR, 客户反馈率): feedback items per customer.
 *
 * Formula: `#feedback / #customers` (can exceed 1). From interactions: rows with
 * `kind: 'feedback'`. Share form: {@link feedbackReach}.
 *
 * @throws InvalidInputError on negative or non-integer counts or an invalid interaction.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * feedbackRate({ feedback: 12, customers: 60 }); // 0.2
 */
export function feedbackRate(counts: { feedback: number; customers: number }): number;
/** Feedback rate from interactions. @example feedbackRate([{ customerId: 'a', date: new Date(0), kind: 'feedback' }], { customers: 5 }) // 0.2 */
export function feedbackRate(
  interactions: readonly Interaction[],
  options: EngagementOptions,
): number;
export function feedbackRate(
  input: { feedback: number; customers: number } | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return rate('feedbackRate', 'feedback', 'feedback', input, options);
}

/**
 * Complaint rate (投诉次数 per customer, from the seed's key indicators): complaints per
 * customer.
 *
 * Formula: `#complaints / #customers` (can exceed 1). From interactions: rows with
 * `kind: 'complaint'`. Share form: {@link complaintReach}.
 *
 * @throws InvalidInputError on negative or non-integer counts or an invalid interaction.
 * @throws InsufficientDataError when there are no customers.
 * @example
 * complaintRate({ complaints: 5, customers: 250 }); // 0.02
 */
export function complaintRate(counts: { complaints: number; customers: number }): number;
/** Complaint rate from interactions. @example complaintRate([{ customerId: 'a', date: new Date(0), kind: 'complaint' }], { customers: 10 }) // 0.1 */
export function complaintRate(
  interactions: readonly Interaction[],
  options: EngagementOptions,
): number;
export function complaintRate(
  input: { complaints: number; customers: number } | readonly Interaction[],
  options?: EngagementOptions,
): number {
  return rate('complaintRate', 'complaint', 'complaints', input, options);
}
