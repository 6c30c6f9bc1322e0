/**
 * The model part of the report pipeline: BG/NBD on the customer summaries, per-customer
 * P(alive) and expected purchases, the P(alive) grid for the heatmap, and holdout tracking.
 */
import { bgNbd } from '../../models/bgNbd';
import { customerLifetimeValue, gammaGamma } from '../../models/index';
import type { BgNbdParams, Fit } from '../../models/types';
import type { CustomerSummary, HoldoutSummary } from '../../summarize/index';
import type { TrackingChartPoint } from '../charts/holdout';
import type { AliveCell } from '../charts/probabilityAlive';
import type { ModelFitRecord } from './document';

/** A fit as plain data for metrics.json. */
export function fitRecord(
  fit: Omit<Fit, 'params' | 'standardErrors'> & { params: object; standardErrors: object | null },
): ModelFitRecord {
  return {
    model: fit.model,
    params: { ...(fit.params as Record<string, number>) },
    logLikelihood: fit.logLikelihood,
    aic: fit.aic,
    bic: fit.bic,
    standardErrors: fit.standardErrors
      ? ({ ...fit.standardErrors } as Record<string, number>)
      : null,
    converged: fit.converged,
    iterations: fit.iterations,
    n: fit.n,
    gradientNorm: fit.gradientNorm,
    message: fit.message,
  };
}

/** Fits BG/NBD on summaries (frequency, recency, T in the summary unit). */
export function fitBgNbd(customers: readonly CustomerSummary[]): Fit<BgNbdParams> {
  return bgNbd.fit(
    customers.map((c) => ({
      frequency: c.frequency,
      recency: c.recency,
      T: c.T,
      customerId: c.customerId,
    })),
  );
}

/** Per-customer P(alive) and expected purchases over the next `t` units. */
export function customerPredictions(
  params: BgNbdParams,
  customers: readonly CustomerSummary[],
  t: number,
): { pAlive: Float64Array; expected: Float64Array } {
  const pAlive = new Float64Array(customers.length);
  const expected = new Float64Array(customers.length);
  customers.forEach((c, i) => {
    const h = { frequency: c.frequency, recency: c.recency, T: c.T };
    pAlive[i] = bgNbd.probabilityAlive(params, h);
    expected[i] = bgNbd.conditionalExpectedPurchases(params, t, h);
  });
  return { pAlive, expected };
}

/**
 * P(alive) over a frequency × recency grid at T = the largest T observed (the layout of
 * lifetimes' `plot_probability_alive_matrix`): frequency 0..maxF (the 99th percentile of
 * observed frequency, at least 1, at most 60) and recency 0..T in at most 40 steps.
 */
export function aliveGrid(params: BgNbdParams, customers: readonly CustomerSummary[]): AliveCell[] {
  const freqs = customers.map((c) => c.frequency).sort((a, b) => a - b);
  const maxF = Math.min(60, Math.max(1, freqs[Math.floor(0.99 * (freqs.length - 1))] ?? 1));
  const T = Math.max(...customers.map((c) => c.T));
  const steps = Math.min(40, Math.max(1, Math.ceil(T)));
  const step = T / steps;
  const cells: AliveCell[] = [];
  for (let f = 0; f <= maxF; f++) {
    for (let k = 0; k <= steps; k++) {
      const recency = f === 0 ? 0 : k * step;
      if (f === 0 && k > 0) {
        // x = 0 forces recency 0 (P(alive) = 1): draw the whole row at that value.
        cells.push({ frequency: 0, recency: k * step, pAlive: 1 });
        continue;
      }
      cells.push({
        frequency: f,
        recency: k * step,
        pAlive: bgNbd.probabilityAlive(params, { frequency: f, recency, T }),
      });
    }
  }
  return cells;
}

/**
 * Cumulative repeat purchases over time, actual vs predicted (Fader, Hardie & Lee 2005,
 * figure 2): at each whole unit τ since the first acquisition, actual = Σ customers' repeat
 * purchase periods dated ≤ τ; predicted = Σ_i E[X(τ − s_i)] with s_i the customer's first
 * purchase in units since the first acquisition, grouped by s_i so the unconditional
 * expectation is evaluated once per distinct acquisition time.
 *
 * @param repeatTimes - Each repeat purchase's time in units since the first acquisition.
 * @param acquisitionTimes - Each customer's first purchase in the same clock.
 */
export function trackingCurve(
  params: BgNbdParams,
  repeatTimes: readonly number[],
  acquisitionTimes: readonly number[],
  horizon: number,
): TrackingChartPoint[] {
  const groups = new Map<number, number>();
  for (const s of acquisitionTimes) groups.set(s, (groups.get(s) ?? 0) + 1);
  const sortedRepeats = [...repeatTimes].sort((a, b) => a - b);
  const points: TrackingChartPoint[] = [];
  let j = 0;
  for (let tau = 1; tau <= Math.ceil(horizon); tau++) {
    while (j < sortedRepeats.length && sortedRepeats[j]! <= tau) j++;
    let predicted = 0;
    for (const [s, count] of groups) {
      if (tau > s) predicted += count * bgNbd.expectedPurchases(params, tau - s);
    }
    points.push({ period: tau, actual: j, predicted });
  }
  return points;
}

/** Holdout accuracy: per-customer predicted vs actual holdout purchases. */
export function holdoutAccuracy(
  params: BgNbdParams,
  customers: readonly HoldoutSummary[],
): { actual: number; predicted: number; mae: number; rmse: number } {
  let actual = 0;
  let predicted = 0;
  let abs = 0;
  let sq = 0;
  for (const c of customers) {
    const p = bgNbd.conditionalExpectedPurchases(params, c.durationHoldout, c);
    const a = c.frequencyHoldout;
    actual += a;
    predicted += p;
    abs += Math.abs(p - a);
    sq += (p - a) ** 2;
  }
  const n = Math.max(1, customers.length);
  return { actual, predicted, mae: abs / n, rmse: Math.sqrt(sq / n) };
}

/** Customers whose spend Gamma-Gamma can use: repeat buyers with a positive mean repeat spend. */
export function spendEligible(c: CustomerSummary): boolean {
  return c.frequency > 0 && c.monetaryValue > 0;
}

/** Fits Gamma-Gamma on the repeat buyers with positive mean repeat spend (Fader & Hardie 2013). */
export function fitGammaGamma(customers: readonly CustomerSummary[]) {
  return gammaGamma.fit(
    customers.filter(spendEligible).map((c) => ({
      frequency: c.frequency,
      monetaryValue: c.monetaryValue,
      customerId: c.customerId,
    })),
  );
}

/**
 * Discounted CLV over `months` for every customer BG/NBD × Gamma-Gamma can value: repeat buyers
 * with positive mean spend, and one-time buyers (valued at the population mean spend). Repeat
 * buyers whose returns make their mean repeat spend ≤ 0 get `undefined` (counted by the caller).
 */
export function customerClv(
  bg: BgNbdParams,
  gg: { p: number; q: number; v: number },
  customers: readonly CustomerSummary[],
  unit: 'day' | 'week' | 'month',
  months: number,
  discountRate: number,
): (number | undefined)[] {
  const index: number[] = [];
  customers.forEach((c, i) => {
    if (c.frequency === 0 || spendEligible(c)) index.push(i);
  });
  const out = new Array<number | undefined>(customers.length).fill(undefined);
  if (index.length === 0) return out;
  const values = customerLifetimeValue({
    transactionModel: 'bgNbd',
    transactionParams: bg,
    monetaryParams: gg,
    customers: index.map((i) => {
      const c = customers[i]!;
      return {
        frequency: c.frequency,
        recency: c.recency,
        T: c.T,
        monetaryValue: c.frequency === 0 ? 0 : c.monetaryValue,
        customerId: c.customerId,
      };
    }),
    months,
    discountRate,
    unit,
  });
  index.forEach((i, j) => {
    out[i] = values[j];
  });
  return out;
}
