/** Lifecycle stages from purchase histories: acquisition, conversion, retention, upgrade, decline, lapsed. */
import type { Transaction } from '../schema/index';
import { checkAsOf, checkPositive, histories, windowStats } from './_history';

/** A lifecycle stage (seed 001: acquisition, conversion, retention, upgrade, decline; plus lapsed). */
export type LifecycleStage =
  | 'acquisition'
  | 'conversion'
  | 'retention'
  | 'upgrade'
  | 'decline'
  | 'lapsed';

/** Options of {@link lifecycleStages}; every threshold is configurable. */
export interface LifecycleOptions {
  /** Date the stages are computed at; rows on later UTC days are excluded and counted. */
  asOf: Date;
  /** Length of the recent window (asOf − recentDays, asOf], days (default 90). */
  recentDays?: number;
  /** No purchase for more than this many days → lapsed (default 180). */
  lapsedDays?: number;
  /** Decline when the recent purchase rate < declineRatio × the earlier rate (default 0.5). */
  declineRatio?: number;
  /** Upgrade when recent spend per purchase day ≥ upgradeRatio × earlier (default 1.25). */
  upgradeRatio?: number;
}

/** Defaults of {@link lifecycleStages}. */
export const LIFECYCLE_DEFAULTS = {
  recentDays: 90,
  lapsedDays: 180,
  declineRatio: 0.5,
  upgradeRatio: 1.25,
} as const;

/** One customer's stage and the evidence for it. */
export interface LifecycleRow {
  customerId: string;
  stage: LifecycleStage;
  /** Plain-language reason naming the rule and numbers. */
  reason: string;
  purchaseDays: number;
  daysSinceLastPurchase: number;
  /** Purchase days inside the recent window and before it. */
  recentPurchases: number;
  earlierPurchases: number;
}

/** What {@link lifecycleStages} returns. */
export interface LifecycleResult {
  /** Buyers, sorted by customerId. */
  customers: LifecycleRow[];
  /** Customers with only returns up to asOf (no stage). */
  returnsOnly: string[];
  /** Rows after asOf (not used). */
  excludedAfterAsOf: number;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/**
 * Assigns each buyer a lifecycle stage at `asOf` from their purchase days (same-day purchases
 * merge; amounts net of same-day returns). Rules, first match wins (W = the last `recentDays`):
 * 1. lapsed: days since the last purchase > lapsedDays.
 * 2. acquisition: exactly one purchase day, inside W.
 * 3. conversion: exactly two purchase days, the second inside W (the converting repeat purchase).
 * 4. decline: purchases before W, and recent rate < declineRatio × earlier rate, where recent
 *    rate = purchase days in W / recentDays and earlier rate = purchase days before W / days
 *    from the first purchase to the start of W. (A one-time buyer older than W declines.)
 * 5. upgrade: purchases before and inside W, and mean spend per purchase day in W ≥
 *    upgradeRatio × the mean before W.
 * 6. retention: every other repeat buyer (buying at ≥ declineRatio of their own pace).
 *
 * Source: seed 001 (客户生命周期: 获取, 转化, 保持, 提升, 衰退); thresholds are ours, documented in
 * docs/segments.md. Complexity O(n + c log c).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for a bad row (as summarizeCustomers), an invalid
 *   `asOf`, or a non-positive threshold (code `invalid_option`).
 * @example
 * ```ts
 * const d = (s: string) => new Date(`${s}T00:00:00Z`);
 * lifecycleStages(
 *   [
 *     { customerId: 'new', date: d('2024-06-20'), amount: 10 },
 *     { customerId: 'old', date: d('2023-01-01'), amount: 10 },
 *   ],
 *   { asOf: d('2024-06-30') },
 * ).customers.map((c) => c.stage);
 * // → ['acquisition', 'lapsed']
 * ```
 */
export function lifecycleStages(
  transactions: readonly Transaction[],
  options: LifecycleOptions,
): LifecycleResult {
  const fn = 'lifecycleStages';
  const asOfDay = checkAsOf(fn, options?.asOf);
  const o = { ...LIFECYCLE_DEFAULTS, ...options };
  const recentDays = checkPositive(fn, 'recentDays', o.recentDays, true);
  const lapsedDays = checkPositive(fn, 'lapsedDays', o.lapsedDays, true);
  const declineRatio = checkPositive(fn, 'declineRatio', o.declineRatio);
  const upgradeRatio = checkPositive(fn, 'upgradeRatio', o.upgradeRatio);
  const h = histories(fn, transactions, asOfDay);
  const customers = h.customers.map((c): LifecycleRow => {
    const n = c.days.length;
    const since = asOfDay - (c.days[n - 1] as number);
    const w = windowStats(c, asOfDay, recentDays);
    const row = (stage: LifecycleStage, reason: string): LifecycleRow => ({
      customerId: c.customerId,
      stage,
      reason,
      purchaseDays: n,
      daysSinceLastPurchase: since,
      recentPurchases: w.recent,
      earlierPurchases: w.earlier,
    });
    if (since > lapsedDays) return row('lapsed', `no purchase for ${since} days (> ${lapsedDays})`);
    if (n === 1 && w.recent === 1)
      return row('acquisition', `first purchase ${since} days ago, within ${recentDays}`);
    if (n === 2 && w.recent >= 1)
      return row('conversion', `second purchase ${since} days ago, within ${recentDays}`);
    const perWindow = (rate: number) => fmt(rate * recentDays);
    if (w.earlier > 0 && w.recentRate < declineRatio * w.earlierRate)
      return row(
        'decline',
        `${perWindow(w.recentRate)} purchases in the last ${recentDays} days vs ${perWindow(w.earlierRate)} per ${recentDays} days before (< ${declineRatio}×)`,
      );
    if (
      w.earlier > 0 &&
      w.recent > 0 &&
      w.recentMeanAmount >= upgradeRatio * w.earlierMeanAmount &&
      w.recentMeanAmount > 0
    )
      return row(
        'upgrade',
        `spend per purchase ${fmt(w.recentMeanAmount)} in the last ${recentDays} days vs ${fmt(w.earlierMeanAmount)} before (≥ ${upgradeRatio}×)`,
      );
    return row('retention', `${n} purchase days, buying at ≥ ${declineRatio}× their own pace`);
  });
  return { customers, returnsOnly: h.returnsOnly, excludedAfterAsOf: h.excludedAfterAsOf };
}
