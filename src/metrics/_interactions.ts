/**
 * Internal: validation and counting shared by the engagement rates and their reach forms.
 */
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

/** Counts of the reach forms (`visitReach` …). */
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

/** Named counts of one rate, e.g. `{ visits, customers }`. */
export type CountsOf<F extends string> = { [K in F]: number } & { customers: number };

/** Interactions of `kind` per customer, from counts or interactions. */
export function rate<F extends string>(
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

/** Share of customers with at least one interaction of `kind`. */
export function reach(
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
