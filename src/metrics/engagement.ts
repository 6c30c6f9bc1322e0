import { invalidInput } from '../errors';
import { type Interaction, InteractionKind } from '../schema/index';
import { assertCount, assertObject, perUnit, shareOf } from './_checks';

/** Options of the interaction forms of the engagement metrics. */
export interface EngagementOptions {
  /**
   * Number of customers in the base (customers without any interaction included). Must be at
   * least the number of distinct customers in the interactions.
   */
  customers: number;
}

/** Counts of the reach forms ({@link visitReach} …). */
export interface ReachCounts {
  /** Customers with at least one interaction of the kind. */
  reachedCustomers: number;
  /** Customers in the base. */
  customers: number;
}

/** Counts the interactions of `kind` and the customers reached, after validating every row. */
function tally(
  fn: string,
  kind: InteractionKind,
  interactions: readonly Interaction[],
  options: EngagementOptions,
) {
  if (options === null || typeof options !== 'object') {
    throw invalidInput(fn, 'options.customers', 'to be given with interactions', options, {
      code: 'invalid_type',
    });
  }
  const customers = assertCount(fn, 'options.customers', options.customers);
  const all = new Set<string>();
  const reached = new Set<string>();
  let count = 0;
  for (let i = 0; i < interactions.length; i++) {
    const row = interactions[i] as Interaction | undefined;
    const id = row?.customerId;
    if (typeof id !== 'string' || id.trim() === '') {
      throw invalidInput(fn, `interactions[${i}].customerId`, 'to be a non-empty string', id, {
        code: 'invalid_id',
        path: ['interactions', i, 'customerId'],
      });
    }
    if (!InteractionKind.options.includes(row!.kind)) {
      throw invalidInput(
        fn,
        `interactions[${i}].kind`,
        `to be one of ${InteractionKind.options.join(', ')}`,
        row!.kind,
        { code: 'invalid_enum', path: ['interactions', i, 'kind'], customerId: id },
      );
    }
    all.add(id);
    if (row!.kind === kind) {
      count++;
      reached.add(id);
    }
  }
  if (all.size > customers) {
    throw invalidInput(
      fn,
      'options.customers',
      `to be at least the ${all.size} distinct customers in the interactions`,
      customers,
      { code: 'too_small' },
    );
  }
  return { count, reached: reached.size, customers };
}

type CountsOf<F extends string> = { [K in F]: number } & { customers: number };

function rate<F extends string>(
  fn: string,
  kind: InteractionKind,
  field: F,
  input: CountsOf<F> | readonly Interaction[],
  options?: EngagementOptions,
): number {
  if (Array.isArray(input)) {
    const t = tally(fn, kind, input, options as EngagementOptions);
    return perUnit(fn, field, t.count, 'customers', t.customers);
  }
  const counts = input as CountsOf<F>;
  assertObject(fn, 'counts', counts);
  return perUnit(fn, field, counts[field], 'customers', counts.customers);
}

function reach(
  fn: string,
  kind: InteractionKind,
  input: ReachCounts | readonly Interaction[],
  options?: EngagementOptions,
): number {
  if (Array.isArray(input)) {
    const t = tally(fn, kind, input, options as EngagementOptions);
    return shareOf(fn, 'reachedCustomers', t.reached, 'customers', t.customers);
  }
  const counts = input as ReachCounts;
  assertObject(fn, 'counts', counts);
  return shareOf(fn, 'reachedCustomers', counts.reachedCustomers, 'customers', counts.customers);
}

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
