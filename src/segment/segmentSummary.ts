/** Size, share and revenue of each named segment, for the marketer's overview. */
import { Adder } from '../_lib/sum';
import {
  DEFAULT_SEGMENT_RULES,
  type SegmentedCustomer,
  type SegmentRule,
  UNMATCHED_SEGMENT,
  validateSegmentRules,
} from './segments';

/** One segment's size and value. */
export interface SegmentSummary {
  segment: string;
  action: string;
  customers: number;
  /** customers / all customers, in [0, 1]. */
  customerShare: number;
  /** Summed totalSpend of the segment. */
  revenue: number;
  /** revenue / all revenue; 0 when all revenue is 0. */
  revenueShare: number;
}

/**
 * Counts customers and revenue per segment, in rule order then `'Others'`, segments with no
 * customer included (count 0).
 *
 * customerShare = customers / n; revenueShare = Σ totalSpend in segment / Σ totalSpend (0 when
 * the total is 0).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for a malformed rule.
 * @example
 * ```ts
 * summarizeSegments(
 *   rfmSegments([
 *     { customerId: 'a', r: 5, f: 5, m: 5, cell: '555', score: 15, recencyDays: 1, orders: 9, totalSpend: 900 },
 *     { customerId: 'b', r: 1, f: 1, m: 1, cell: '111', score: 3, recencyDays: 300, orders: 1, totalSpend: 100 },
 *   ]),
 * )[0];
 * // → { segment: 'Champions', action: 'Reward and retain: …', customers: 1, customerShare: 0.5,
 * //     revenue: 900, revenueShare: 0.9 }
 * ```
 */
export function summarizeSegments(
  segmented: readonly SegmentedCustomer[],
  rules: readonly SegmentRule[] = DEFAULT_SEGMENT_RULES,
): SegmentSummary[] {
  validateSegmentRules(rules, 'summarizeSegments');
  const names = [...new Set([...rules.map((r) => r.name), UNMATCHED_SEGMENT.name])];
  const actions = new Map<string, string>(
    names.map((n) => [n, rules.find((r) => r.name === n)?.action ?? UNMATCHED_SEGMENT.action]),
  );
  const count = new Map<string, number>();
  const revenue = new Map<string, Adder>();
  const total = new Adder();
  for (const s of segmented) {
    if (!actions.has(s.segment)) {
      names.push(s.segment);
      actions.set(s.segment, s.action);
    }
    count.set(s.segment, (count.get(s.segment) ?? 0) + 1);
    revenue.set(s.segment, (revenue.get(s.segment) ?? new Adder()).add(s.totalSpend));
    total.add(s.totalSpend);
  }
  const n = segmented.length;
  const t = total.valueOf();
  const rev = (name: string) => revenue.get(name)?.valueOf() ?? 0;
  return names.map((name) => ({
    segment: name,
    action: actions.get(name) as string,
    customers: count.get(name) ?? 0,
    customerShare: n === 0 ? 0 : (count.get(name) ?? 0) / n,
    revenue: rev(name),
    revenueShare: t === 0 ? 0 : rev(name) / t,
  }));
}
