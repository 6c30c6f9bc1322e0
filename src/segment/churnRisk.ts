/** Churn early warning: per-customer signals combined into a ranked risk score with reasons. */
import { invalidInput } from '../errors';
import type { Interaction, Transaction } from '../schema/index';
import { checkAsOf, checkPositive, type History, histories, windowStats } from './_history';

/** Signal names, as used in `weights` and `signals`. */
export type ChurnSignal = 'gap' | 'frequency' | 'interactions' | 'probabilityAlive';

/** Options of {@link churnRisk}. */
export interface ChurnRiskOptions {
  /** Date of the assessment; rows on later UTC days are not used. */
  asOf: Date;
  /** Recent window (asOf − recentDays, asOf], days (default 90). */
  recentDays?: number;
  /** A gap this many times the customer's median inter-purchase gap is a reason (default 2). */
  gapMultiple?: number;
  /** A recent rate below this share of the earlier one is a reason (default 0.5). */
  fallingRatio?: number;
  /** Interactions (visits, service, …) to compare the recent window against the one before. */
  interactions?: readonly Interaction[];
  /** P(alive) per customer from a fitted model (e.g. bgNbd.probabilityAlive), each in [0, 1]. */
  probabilityAlive?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  /** Weight of each signal in the score (default 1 each). */
  weights?: Partial<Record<ChurnSignal, number>>;
}

/** Defaults of {@link churnRisk}. */
export const CHURN_RISK_DEFAULTS = {
  recentDays: 90,
  gapMultiple: 2,
  fallingRatio: 0.5,
  weights: { gap: 1, frequency: 1, interactions: 1, probabilityAlive: 1 },
} as const;

/** One customer's risk, rank and reasons. */
export interface ChurnRiskRow {
  customerId: string;
  /** 1 = highest risk. */
  rank: number;
  /** Weighted mean of the available signal strengths, in [0, 1]. */
  score: number;
  /** Whole UTC days from the last purchase to asOf (breaks ties in the ranking). */
  daysSinceLastPurchase: number;
  /** Plain-language reasons, strongest signal first; empty when no signal crosses its threshold. */
  reasons: string[];
  /** Each available signal's strength in [0, 1] (absent when it cannot be computed). */
  signals: Partial<Record<ChurnSignal, number>>;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function interactionCounts(
  fn: string,
  rows: readonly Interaction[],
  asOfDay: number,
  recentDays: number,
) {
  const counts = new Map<string, [number, number]>();
  rows.forEach((r, i) => {
    const ms = r?.date instanceof Date ? r.date.getTime() : Number.NaN;
    if (typeof r?.customerId !== 'string' || r.customerId === '' || !Number.isFinite(ms))
      throw invalidInput(fn, 'interactions', 'to have a customerId and a valid date', r?.date, {
        line: i,
        path: ['interactions', i],
      });
    const day = Math.floor(ms / 86_400_000);
    const c = counts.get(r.customerId) ?? [0, 0];
    if (day > asOfDay - recentDays && day <= asOfDay) c[1]++;
    else if (day > asOfDay - 2 * recentDays && day <= asOfDay - recentDays) c[0]++;
    counts.set(r.customerId, c);
  });
  return counts;
}

/**
 * Scores each buyer's churn risk at `asOf` from the early-warning signals of seed 001 and ranks
 * them, highest risk first (ties: longer since the last purchase first, then customerId).
 * Signal strengths, each in [0, 1]:
 * - gap: g = days since the last purchase / median gap between the customer's purchase days;
 *   strength = 0 if g ≤ 1, else 1 − 1/g (0.5 at twice the usual gap). Needs ≥ 2 purchase days.
 *   Reason when g ≥ gapMultiple.
 * - frequency: strength = max(0, 1 − recent rate / earlier rate), rates as in lifecycleStages
 *   (purchase days per day in the recent window vs before it). Needs purchases before the window.
 *   Reason when recent < fallingRatio × earlier.
 * - interactions: strength = max(0, 1 − recent / previous), counts in the recent window vs the
 *   equal window before it. Needs `interactions` and ≥ 1 in the previous window.
 * - probabilityAlive: strength = 1 − P(alive). Needs `probabilityAlive` for the customer. Reason
 *   when P(alive) < 0.5.
 * score = Σ weight·strength / Σ weight over the signals available for that customer (0 when none).
 * Only buyers are ranked: a customer whose only rows up to `asOf` are returns has no purchase
 * history to judge (lifecycleStages and summarizeCustomersWithReport list them).
 *
 * Source: seed 001 (客户流失预警: 购买频率下降, 互动减少, 长时间未购买); P(alive) from Fader, Hardie &
 * Lee (2005) eq. (13) when a BG/NBD fit is given. Complexity O(n + c log c).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for a bad row or interaction, an invalid `asOf`, a
 *   non-positive option or weight, or a P(alive) outside [0, 1] (naming the customer).
 * @example
 * ```ts
 * const d = (s: string) => new Date(`${s}T00:00:00Z`);
 * const rows = ['2024-01-01', '2024-01-11', '2024-01-21', '2024-01-31'].flatMap((day) => [
 *   { customerId: 'steady', date: d(day), amount: 10 },
 * ]);
 * rows.push({ customerId: 'quiet', date: d('2024-01-01'), amount: 10 }, { customerId: 'quiet', date: d('2024-01-11'), amount: 10 });
 * churnRisk(rows, { asOf: d('2024-02-05'), recentDays: 30 }).map((r) => [r.customerId, r.rank]);
 * // → [["quiet", 1], ["steady", 2]]  (quiet: "no purchase for 25 days, 2.50× the usual 10-day gap")
 * ```
 */
export function churnRisk(
  transactions: readonly Transaction[],
  options: ChurnRiskOptions,
): ChurnRiskRow[] {
  const fn = 'churnRisk';
  const asOfDay = checkAsOf(fn, options?.asOf);
  const o = { ...CHURN_RISK_DEFAULTS, ...options };
  const recentDays = checkPositive(fn, 'recentDays', o.recentDays, true);
  const gapMultiple = checkPositive(fn, 'gapMultiple', o.gapMultiple);
  const fallingRatio = checkPositive(fn, 'fallingRatio', o.fallingRatio);
  const weights = { ...CHURN_RISK_DEFAULTS.weights, ...options.weights };
  for (const [k, v] of Object.entries(weights)) checkPositive(fn, `weights.${k}`, v);
  const pAlive =
    o.probabilityAlive === undefined
      ? undefined
      : o.probabilityAlive instanceof Map
        ? o.probabilityAlive
        : new Map(Object.entries(o.probabilityAlive));
  const inter = o.interactions
    ? interactionCounts(fn, o.interactions, asOfDay, recentDays)
    : undefined;
  const rows = histories(fn, transactions, asOfDay).customers.map((h: History): ChurnRiskRow => {
    const signals: Partial<Record<ChurnSignal, number>> = {};
    const reasons: [number, string][] = [];
    const n = h.days.length;
    const since = asOfDay - (h.days[n - 1] as number);
    if (n >= 2) {
      const gaps = h.days.slice(1).map((d, i) => d - (h.days[i] as number));
      const typical = median(gaps);
      const g = since / typical;
      signals.gap = g <= 1 ? 0 : 1 - 1 / g;
      if (g >= gapMultiple)
        reasons.push([
          signals.gap,
          `no purchase for ${since} days, ${fmt(g)}× the usual ${fmt(typical)}-day gap`,
        ]);
    }
    const w = windowStats(h, asOfDay, recentDays);
    if (w.earlier > 0) {
      signals.frequency = Math.max(0, 1 - w.recentRate / w.earlierRate);
      if (w.recentRate < fallingRatio * w.earlierRate)
        reasons.push([
          signals.frequency,
          `purchase rate fell to ${fmt(w.recentRate * recentDays)} per ${recentDays} days from ${fmt(w.earlierRate * recentDays)}`,
        ]);
    }
    const ic = inter?.get(h.customerId);
    if (inter && ic && ic[0] > 0) {
      signals.interactions = Math.max(0, 1 - ic[1] / ic[0]);
      if (ic[1] < fallingRatio * ic[0])
        reasons.push([
          signals.interactions,
          `interactions fell to ${ic[1]} in the last ${recentDays} days from ${ic[0]}`,
        ]);
    }
    const p = pAlive?.get(h.customerId);
    if (p !== undefined) {
      if (typeof p !== 'number' || !(p >= 0 && p <= 1))
        throw invalidInput(fn, 'probabilityAlive', 'to be a number in [0, 1]', p, {
          customerId: h.customerId,
          code: 'invalid_probability',
        });
      signals.probabilityAlive = 1 - p;
      if (p < 0.5) reasons.push([1 - p, `P(alive) ${p.toFixed(2)} from the fitted model`]);
    }
    let num = 0;
    let den = 0;
    for (const [k, s] of Object.entries(signals) as [ChurnSignal, number][]) {
      num += weights[k] * s;
      den += weights[k];
    }
    reasons.sort((a, b) => b[0] - a[0]);
    return {
      customerId: h.customerId,
      rank: 0,
      score: den > 0 ? num / den : 0,
      daysSinceLastPurchase: since,
      reasons: reasons.map((r) => r[1]),
      signals,
    };
  });
  rows.sort(
    (a, b) =>
      b.score - a.score ||
      b.daysSinceLastPurchase - a.daysSinceLastPurchase ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
  rows.forEach((r, i) => {
    r.rank = i + 1;
  });
  return rows;
}
