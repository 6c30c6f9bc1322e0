/** High/medium/low value tiers by cumulative revenue share (Pareto). */

import { fsum } from '../_lib/sum';
import { formatValue, InsufficientDataError, InvalidInputError, invalidInput } from '../errors';
import type { CustomerSummary } from '../summarize/index';

/** Tier names, from most to least valuable. */
export type ValueTier = 'high' | 'medium' | 'low';

/** Options of {@link valueTiers}. */
export interface ValueTierOptions {
  /** Revenue share each tier covers, top customers first; each in [0, 1], summing to 1. */
  shares?: { high: number; medium: number; low: number };
}

/** Defaults of {@link valueTiers}: the 80/15/5 Pareto split. */
export const VALUE_TIER_DEFAULTS = { shares: { high: 0.8, medium: 0.15, low: 0.05 } } as const;

/** One customer's tier. */
export interface TieredCustomer {
  customerId: string;
  tier: ValueTier;
  totalSpend: number;
  /** Share of positive revenue from customers who spent more (the rank at which this one enters). */
  revenueShareBefore: number;
}

/** One tier's size and value. */
export interface TierSummary {
  tier: ValueTier;
  customers: number;
  /** customers / all customers. */
  customerShare: number;
  /** Summed net spend of the tier. */
  revenue: number;
  /** revenue / total positive revenue. */
  revenueShare: number;
}

/** What {@link valueTiers} returns. */
export interface ValueTierResult {
  /** In input order. */
  customers: TieredCustomer[];
  /** high, medium, low. */
  tiers: TierSummary[];
}

const TIERS: readonly ValueTier[] = ['high', 'medium', 'low'];

/**
 * Splits customers into high/medium/low value tiers by cumulative revenue share: rank customers
 * by net spend, highest first; a customer is `high` while the revenue of everyone ranked above
 * them is below `shares.high` of the total, `medium` while it is below `shares.high +
 * shares.medium`, else `low`. So the high tier is the smallest group of top spenders that covers
 * 80% of revenue (with the default 80/15/5).
 *
 * - Total = Σ max(totalSpend, 0); customers with net spend ≤ 0 are always `low`.
 * - Customers with equal spend are never split across tiers (the block enters where its first
 *   member does). A cumulative share exactly on a cut goes to the lower tier.
 *
 * Source: Pareto (80/20) customer value tiers, as in seed 003 (high/medium/low value customers).
 * Complexity O(n log n).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for shares outside [0, 1] or not summing to 1, or a
 *   non-finite totalSpend (naming the customer).
 * @throws InsufficientDataError (`INSUFFICIENT_DATA`) when no customer has positive spend.
 * @example
 * ```ts
 * valueTiers([40, 30, 10, 10, 5, 3, 2].map((totalSpend, i) => ({ customerId: `c${i}`, totalSpend })))
 *   .customers.map((c) => c.tier);
 * // → ['high', 'high', 'high', 'high', 'medium', 'low', 'low']
 * ```
 */
export function valueTiers(
  summaries: readonly Pick<CustomerSummary, 'customerId' | 'totalSpend'>[],
  options: ValueTierOptions = {},
): ValueTierResult {
  const fn = 'valueTiers';
  const shares = options.shares ?? VALUE_TIER_DEFAULTS.shares;
  for (const t of TIERS) {
    const v = shares?.[t];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      throw invalidInput(fn, `shares.${t}`, 'to be a number in [0, 1]', v, {
        code: 'invalid_share',
      });
  }
  const sum = shares.high + shares.medium + shares.low;
  if (Math.abs(sum - 1) > 1e-9)
    throw invalidInput(fn, 'shares', 'to sum to 1', sum, { code: 'invalid_share' });
  if (!Array.isArray(summaries))
    throw new InvalidInputError(
      `${fn}: expected summaries to be an array, received ${formatValue(summaries)}`,
      [{ field: 'summaries', code: 'invalid_type', message: 'not an array', value: summaries }],
    );
  summaries.forEach((s, i) => {
    if (typeof s?.totalSpend !== 'number' || !Number.isFinite(s.totalSpend))
      throw invalidInput(fn, 'totalSpend', 'to be a finite number', s?.totalSpend, {
        code: 'invalid_number',
        ...(typeof s?.customerId === 'string' ? { customerId: s.customerId } : { line: i }),
      });
  });
  const total = fsum(summaries.map((s) => Math.max(s.totalSpend, 0)));
  if (!(total > 0))
    throw new InsufficientDataError(
      `${fn}: expected at least one customer with positive totalSpend, received ${summaries.length} customers and total ${total}`,
    );
  const order = summaries
    .map((_, i) => i)
    .sort((a, b) => (summaries[b]?.totalSpend as number) - (summaries[a]?.totalSpend as number));
  const tierOf = new Array<ValueTier>(summaries.length);
  const before = new Float64Array(summaries.length);
  const eps = 1e-12;
  let cum = 0;
  let blockStartCum = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const spend = summaries[i]?.totalSpend as number;
    const prev = k > 0 ? (summaries[order[k - 1] as number]?.totalSpend as number) : Number.NaN;
    if (spend !== prev) blockStartCum = cum;
    const share = blockStartCum / total;
    before[i] = share;
    tierOf[i] =
      spend <= 0
        ? 'low'
        : share < shares.high - eps
          ? 'high'
          : share < shares.high + shares.medium - eps
            ? 'medium'
            : 'low';
    if (spend > 0) cum += spend;
  }
  const customers = summaries.map((s, i) => ({
    customerId: s.customerId,
    tier: tierOf[i] as ValueTier,
    totalSpend: s.totalSpend,
    revenueShareBefore: before[i] as number,
  }));
  const n = summaries.length;
  const tiers = TIERS.map((tier) => {
    const members = customers.filter((c) => c.tier === tier);
    const revenue = fsum(members.map((c) => c.totalSpend));
    return {
      tier,
      customers: members.length,
      customerShare: members.length / n,
      revenue,
      revenueShare: revenue / total,
    };
  });
  return { customers, tiers };
}
