/** Named RFM segments: rules on score ranges, first match wins, each with a suggested action. */
import { formatValue, InvalidInputError, invalidInput } from '../errors';
import type { RfmScore } from './rfm';

/** Inclusive score range `[low, high]`. */
export type ScoreRange = readonly [number, number];

/** One segment rule: a name, inclusive R/F/M score ranges and the action to take. */
export interface SegmentRule {
  name: string;
  r: ScoreRange;
  f: ScoreRange;
  m: ScoreRange;
  /** One-line suggested action for the marketer. */
  action: string;
}

/** An RFM score with its segment and suggested action. */
export interface SegmentedCustomer extends RfmScore {
  segment: string;
  action: string;
}

/** Name and action given to customers no rule matches. */
export const UNMATCHED_SEGMENT = {
  name: 'Others',
  action: 'Review: no rule matched this cell; look at these customers and extend the rules.',
} as const;

/**
 * The rfm R package's named segments (rfm_segment, current README table), in its order, for
 * 5 bins, with actions drawn from the seed documents' tiered strategies (retain, upsell, win back).
 */
export const DEFAULT_SEGMENT_RULES: readonly SegmentRule[] = [
  {
    name: 'Champions',
    r: [5, 5],
    f: [5, 5],
    m: [5, 5],
    action: 'Reward and retain: VIP perks, early access, ask for reviews and referrals.',
  },
  {
    name: 'Potential Loyalist',
    r: [3, 5],
    f: [3, 5],
    m: [2, 5],
    action: 'Upsell: offer membership or the loyalty program and personalized recommendations.',
  },
  {
    name: 'Loyal Customers',
    r: [2, 4],
    f: [2, 4],
    m: [2, 4],
    action: 'Retain and upsell: loyalty points, higher-value products, ask for feedback.',
  },
  {
    name: 'Promising',
    r: [3, 4],
    f: [1, 3],
    m: [3, 5],
    action: 'Build the habit: onboarding offers and free trials to earn the next purchase.',
  },
  {
    name: 'New Customers',
    r: [4, 5],
    f: [1, 3],
    m: [1, 5],
    action: 'Onboard: welcome series, a first-repeat incentive and easy support.',
  },
  {
    name: "Can't Lose Them",
    r: [1, 2],
    f: [3, 4],
    m: [4, 5],
    action: 'Win back now: personal outreach, renewals and new products, strong offers.',
  },
  {
    name: 'At Risk',
    r: [1, 2],
    f: [2, 5],
    m: [4, 5],
    action: 'Reactivate: personalized emails and offers, ask what went wrong.',
  },
  {
    name: 'Need Attention',
    r: [1, 3],
    f: [3, 5],
    m: [3, 5],
    action: 'Re-engage: limited-time offers and recommendations based on past purchases.',
  },
  {
    name: 'About To Sleep',
    r: [2, 3],
    f: [1, 3],
    m: [1, 4],
    action: 'Revive: popular products and discounts to reconnect before they lapse.',
  },
  {
    name: 'Lost',
    r: [1, 1],
    f: [1, 5],
    m: [1, 5],
    action: 'Win back cheaply or let go: one low-cost reactivation campaign, then stop spending.',
  },
];

function checkRange(fn: string, rule: unknown, i: number, key: 'r' | 'f' | 'm'): void {
  const range = (rule as Record<string, unknown>)[key];
  const ok =
    Array.isArray(range) &&
    range.length === 2 &&
    range.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    (range[0] as number) <= (range[1] as number);
  if (!ok)
    throw invalidInput(
      fn,
      `rules[${i}].${key}`,
      'to be an inclusive range [low, high] with low ≤ high',
      range,
      {
        code: 'invalid_rule',
        path: ['rules', i, key],
      },
    );
}

/**
 * Checks segment rules before use: each needs a non-empty name, a string action and inclusive
 * integer-or-number ranges `[low, high]` with low ≤ high for r, f and m. rfmSegments and
 * summarizeSegments call it; call it yourself to validate rules loaded from a config file.
 *
 * @throws InvalidInputError (`INVALID_INPUT`, code `invalid_rule`) naming the rule index and field.
 * @example
 * ```ts
 * validateSegmentRules([{ name: 'VIP', r: [4, 5], f: [4, 5], m: [4, 5], action: 'Call them.' }]);
 * // → undefined (valid)
 * validateSegmentRules([{ name: 'Bad', r: [5, 4], f: [1, 5], m: [1, 5], action: '' }]);
 * // throws "rfmSegments: expected rules[0].r to be an inclusive range [low, high] with low ≤ high, received array(2)"
 * ```
 */
export function validateSegmentRules(rules: readonly SegmentRule[], fn = 'rfmSegments'): void {
  if (!Array.isArray(rules))
    throw new InvalidInputError(
      `${fn}: expected rules to be an array, received ${formatValue(rules)}`,
      [{ field: 'rules', code: 'invalid_type', message: 'not an array', value: rules }],
    );
  rules.forEach((rule, i) => {
    if (
      rule === null ||
      typeof rule !== 'object' ||
      typeof rule.name !== 'string' ||
      rule.name === ''
    )
      throw invalidInput(fn, `rules[${i}].name`, 'to be a non-empty string', rule?.name, {
        code: 'invalid_rule',
      });
    if (typeof rule.action !== 'string')
      throw invalidInput(fn, `rules[${i}].action`, 'to be a string', rule.action, {
        code: 'invalid_rule',
      });
    checkRange(fn, rule, i, 'r');
    checkRange(fn, rule, i, 'f');
    checkRange(fn, rule, i, 'm');
  });
}

const inRange = (v: number, [lo, hi]: ScoreRange) => v >= lo && v <= hi;

/**
 * Gives each RFM score a named segment: the first rule whose inclusive R, F and M ranges all
 * contain the customer's scores; customers no rule matches get `'Others'`.
 *
 * Rule: segment = first rule with r ∈ [r.low, r.high] ∧ f ∈ [f.low, f.high] ∧ m ∈ [m.low, m.high].
 * Default rules: {@link DEFAULT_SEGMENT_RULES} (rfm R package, for 5 bins). Every customer gets
 * exactly one segment. Complexity O(n · rules).
 *
 * @throws InvalidInputError (`INVALID_INPUT`, code `invalid_rule`) for a malformed rule, and for
 *   a score that is not an integer in 1..9, or above 5 with the default rules, which are for
 *   5 bins (naming the customer).
 * @example
 * ```ts
 * rfmSegments([
 *   { customerId: 'a', r: 5, f: 5, m: 5, cell: '555', score: 15, recencyDays: 1, orders: 9, totalSpend: 900 },
 *   { customerId: 'b', r: 1, f: 1, m: 1, cell: '111', score: 3, recencyDays: 300, orders: 1, totalSpend: 5 },
 *   { customerId: 'c', r: 5, f: 1, m: 5, cell: '515', score: 11, recencyDays: 2, orders: 1, totalSpend: 80 },
 * ]).map((s) => s.segment);
 * // → ['Champions', 'Lost', 'New Customers']
 * ```
 */
export function rfmSegments(
  scores: readonly RfmScore[],
  rules: readonly SegmentRule[] = DEFAULT_SEGMENT_RULES,
): SegmentedCustomer[] {
  const fn = 'rfmSegments';
  validateSegmentRules(rules, fn);
  if (!Array.isArray(scores))
    throw new InvalidInputError(
      `${fn}: expected scores to be an array, received ${formatValue(scores)}`,
      [{ field: 'scores', code: 'invalid_type', message: 'not an array', value: scores }],
    );
  const maxScore = rules === DEFAULT_SEGMENT_RULES ? 5 : 9;
  return scores.map((s, i) => {
    for (const k of ['r', 'f', 'm'] as const)
      if (!Number.isInteger(s?.[k]) || s[k] < 1 || s[k] > maxScore)
        throw invalidInput(
          fn,
          k,
          maxScore === 5
            ? 'to be an integer score in 1..5 (the default rules are for 5 bins)'
            : 'to be an integer score in 1..9',
          s?.[k],
          {
            code: 'invalid_number',
            ...(typeof s?.customerId === 'string' ? { customerId: s.customerId } : { line: i }),
          },
        );
    const rule = rules.find((x) => inRange(s.r, x.r) && inRange(s.f, x.f) && inRange(s.m, x.m));
    return {
      ...s,
      segment: rule?.name ?? UNMATCHED_SEGMENT.name,
      action: rule?.action ?? UNMATCHED_SEGMENT.action,
    };
  });
}
