/**
 * The nightly report as a reusable function: load → summarize → metrics → RFM and segments →
 * k-means → lifecycle → BG/NBD predictions → cohort retention → holdout → deltas and
 * thresholds. The CLI's `report` command is a thin wrapper; scripts can call it directly.
 */
import { fsum } from '../../_lib/sum';
import { CustomerAnalyticsError, InsufficientDataError, invalidInput } from '../../errors';
import {
  averageOrderValue,
  averageRevenuePerCustomer,
  type CohortRetention,
  churnByPeriod,
  cohortRetention,
  purchaseFrequency,
  repeatPurchaseRate,
  returnRate,
} from '../../metrics/index';
import type { BgNbdParams } from '../../models/types';
import type { Interaction, SurveyResponse, Transaction } from '../../schema/index';
import {
  type ChurnRiskRow,
  churnRisk,
  type KmeansResult,
  kmeansSegments,
  type LifecycleResult,
  lifecycleStages,
  rfmScores,
  rfmSegments,
  type SegmentedCustomer,
  summarizeSegments,
} from '../../segment/index';
import { calibrationHoldoutWithReport, summarizeCustomersWithReport } from '../../summarize/index';
import type { TrackingChartPoint } from '../charts/holdout';
import type { AliveCell } from '../charts/probabilityAlive';
import { flattenMetrics, metricDeltas } from '../deltas';
import { checkThresholds, type ThresholdResult } from '../thresholds';
import {
  type CustomerReportRow,
  METRICS_SCHEMA_VERSION,
  type MetricsDocument,
  type RejectedReportRow,
  rejectedRows,
  type SkippedStep,
} from './document';
import { engagementMetrics, satisfactionMetrics } from './extraMetrics';
import type { LoadedInput } from './input';
import {
  aliveGrid,
  customerClv,
  customerPredictions,
  fitBgNbd,
  fitGammaGamma,
  fitRecord,
  holdoutAccuracy,
  trackingCurve,
} from './modelStep';

/** Options of {@link runReport}. */
export interface ReportOptions {
  /** Run time written to metrics.json (the pipeline has no clock). */
  runTime: Date;
  /** End of observation; default: the UTC day of the latest accepted transaction. */
  observationEnd?: Date;
  /** Time unit of frequency/recency/T and of the models. Default `week`. */
  unit?: 'day' | 'week' | 'month';
  /** `day` (default: Fader–Hardie, same-day purchases merge) or `period`. */
  collapse?: 'period' | 'day';
  /** Calendar period of cohorts and churn. Default `month`. */
  cohortPeriod?: 'week' | 'month' | 'quarter';
  /** Calibration end for the holdout check (optional). */
  calibrationEnd?: Date;
  /** k of the k-means segmentation. Default 4. */
  clusters?: number;
  /** Seed of every random choice (k-means). Default 42. */
  seed?: number;
  /** CLV horizon in months. Default 12. */
  clvMonths?: number;
  /** Monthly discount rate of CLV. Default 0.01. */
  discountRate?: number;
  /** A previous run's metrics.json, for deltas. */
  baseline?: { source: string; document: unknown };
  /** `--fail-on` thresholds such as `churnRate > 0.3`. */
  thresholds?: readonly string[];
  /** Interactions (visits, service, complaints…) for the engagement metrics. */
  interactions?: readonly Interaction[];
  /** Survey responses for CSAT, NPS and CES. */
  surveys?: readonly SurveyResponse[];
  /** Called before each step, for progress bars. */
  onProgress?: (step: string, index: number, total: number) => void;
}

/** Defaults of {@link ReportOptions}. */
export const REPORT_DEFAULTS = {
  unit: 'week',
  collapse: 'day',
  cohortPeriod: 'month',
  clusters: 4,
  seed: 42,
  clvMonths: 12,
  discountRate: 0.01,
} as const;

/** Days per summary unit; one "next period" is one mean month (30.4375 days). */
const DAYS_PER_UNIT = { day: 1, week: 7, month: 30.4375 } as const;
const MS_PER_DAY = 86_400_000;

/** Everything the report produces, before writing. */
export interface ReportResult {
  metrics: MetricsDocument;
  customers: CustomerReportRow[];
  rejected: RejectedReportRow[];
  /** Chart data for the HTML report. */
  charts: {
    segments: MetricsDocument['segments'];
    rfm: { r: number; f: number; monetary: number }[];
    cohorts?: CohortRetention;
    clv?: number[];
    alive?: AliveCell[];
    tracking?: { points: TrackingChartPoint[]; calibrationEnd: number };
    clusters?: KmeansResult;
  };
  thresholds: ThresholdResult[];
}

const STEPS = [
  'summaries',
  'metrics',
  'rfm',
  'k-means',
  'lifecycle',
  'models',
  'cohorts',
  'holdout',
  'thresholds',
];

function endOfUtcDay(d: Date): number {
  return Math.floor(d.getTime() / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY - 1;
}

/** Runs a step that may not apply to this data; a library error becomes a recorded skip. */
function attempt<T>(step: string, skipped: SkippedStep[], run: () => T): T | undefined {
  try {
    return run();
  } catch (err) {
    if (err instanceof CustomerAnalyticsError) {
      skipped.push({ step, reason: err.message });
      return undefined;
    }
    throw err;
  }
}

/**
 * Runs the whole report on loaded transactions and returns metrics.json, the customer table,
 * the rejected rows and the chart data. Steps that cannot run on this data (e.g. k-means with
 * fewer distinct customers than clusters, a model that has too few repeat buyers) are listed
 * in `metrics.skipped` with the reason instead of failing the run.
 *
 * @param input - From `loadReportInput`, or in-memory transactions with their row accounting.
 * @param options - See {@link ReportOptions}; `runTime` is required.
 * @throws InsufficientDataError when no row was accepted (naming the first rejection);
 *   InvalidInputError for invalid options, or thresholds naming an unknown metric.
 * @example
 * const input = await loadReportInput('CDNOW_master.txt', { columns: { customerId: 'customer_id', date: 'date', amount: 'dollar_value' }, dateFormat: 'yyyyMMdd' });
 * const result = runReport(input, { runTime: new Date() });
 * result.customers.length; // => 23570
 */
export function runReport(input: LoadedInput, options: ReportOptions): ReportResult {
  const fn = 'runReport';
  const o = { ...REPORT_DEFAULTS, ...options };
  if (!(o.runTime instanceof Date) || Number.isNaN(o.runTime.getTime())) {
    throw invalidInput(fn, 'runTime', 'a valid Date', o.runTime, { code: 'invalid_date' });
  }
  const progress = (step: string) => o.onProgress?.(step, STEPS.indexOf(step), STEPS.length);
  if (input.records.length === 0) {
    const first = input.rejected[0]?.issues[0]?.message;
    throw new InsufficientDataError(
      `${fn}: expected at least one accepted transaction, received 0 of ${input.stats.read} rows${first ? ` (first rejection: ${first})` : ''}`,
    );
  }
  let latest = Number.NEGATIVE_INFINITY;
  for (const t of input.records) latest = Math.max(latest, t.date.getTime());
  const observationEnd = o.observationEnd ?? new Date(Math.floor(latest / MS_PER_DAY) * MS_PER_DAY);
  const endMs = endOfUtcDay(observationEnd);
  const records: Transaction[] = input.records.filter((t) => t.date.getTime() <= endMs);
  const skipped: SkippedStep[] = [];
  const predictionPeriod = 30.4375 / DAYS_PER_UNIT[o.unit];

  progress('summaries');
  const summary = summarizeCustomersWithReport(records, {
    observationEnd,
    unit: o.unit,
    collapse: o.collapse,
  });
  const customers = summary.customers;
  if (customers.length === 0) {
    throw new InsufficientDataError(
      `${fn}: expected at least one customer with a purchase up to ${observationEnd.toISOString()}, received 0`,
    );
  }

  progress('metrics');
  const metrics: Record<string, number> = {};
  const definitions: Record<string, string> = {};
  const put = (name: string, value: number | undefined, definition: string) => {
    if (value === undefined || !Number.isFinite(value)) return;
    metrics[name] = value;
    definitions[name] = definition;
  };
  put('customers', customers.length, 'customers with at least one purchase up to observationEnd');
  put('transactions', records.length, 'accepted transaction rows up to observationEnd');
  put('revenue', fsum(records.map((t) => t.amount)), 'net revenue: Σ amount (returns negative)');
  put(
    'orders',
    fsum(customers.map((c) => c.orders)),
    'purchase orders (distinct order ids, else rows)',
  );
  put(
    'averageOrderValue',
    attempt('averageOrderValue', skipped, () => averageOrderValue(records)),
    'net revenue / orders',
  );
  put(
    'averageRevenuePerCustomer',
    attempt('averageRevenuePerCustomer', skipped, () => averageRevenuePerCustomer(records)),
    'net revenue / customers',
  );
  put(
    'purchaseFrequency',
    attempt('purchaseFrequency', skipped, () => purchaseFrequency(records)),
    'orders / customers',
  );
  put(
    'repeatPurchaseRate',
    attempt('repeatPurchaseRate', skipped, () => repeatPurchaseRate(records)),
    'customers with ≥ 2 orders / customers (the seed documents’ loyalty measure)',
  );
  put(
    'returnRate',
    attempt('returnRate', skipped, () => returnRate(records)),
    'orders with a return / orders',
  );
  const churn = attempt('churnRate', skipped, () =>
    churnByPeriod(records, { period: o.cohortPeriod, end: observationEnd }),
  );
  const lastChurn = churn?.filter((p) => Number.isFinite(p.churnRate)).at(-1);
  if (lastChurn) {
    put(
      'churnRate',
      lastChurn.churnRate,
      `customers active in the ${o.cohortPeriod} before ${lastChurn.period} with no purchase in ${lastChurn.period} / customers active in the ${o.cohortPeriod} before`,
    );
    put('retentionRate', lastChurn.retentionRate, `1 − churnRate (${lastChurn.period})`);
  } else if (churn) {
    skipped.push({ step: 'churnRate', reason: `fewer than two ${o.cohortPeriod}s of data` });
  }

  if (o.interactions && o.interactions.length > 0) {
    const ids = new Set(customers.map((c) => c.customerId));
    for (const m of engagementMetrics(o.interactions, ids, skipped))
      put(m.name, m.value, m.definition);
  }
  if (o.surveys && o.surveys.length > 0) {
    for (const m of satisfactionMetrics(o.surveys, skipped)) put(m.name, m.value, m.definition);
  }

  progress('rfm');
  const segmented: SegmentedCustomer[] | undefined = attempt('rfm', skipped, () =>
    rfmSegments(rfmScores(customers, { asOf: observationEnd })),
  );
  const segments = segmented ? summarizeSegments(segmented).map((s) => ({ ...s })) : [];

  progress('k-means');
  const k = Math.min(o.clusters, customers.length);
  const clusterRows = customers.map((c) => ({
    customerId: c.customerId,
    recencyDays: c.daysSinceLastPurchase,
    orders: c.orders,
    spend: Math.max(0, c.totalSpend),
  }));
  const kmeans = attempt('k-means', skipped, () =>
    kmeansSegments(clusterRows, {
      features: ['recencyDays', 'orders', 'spend'],
      k,
      seed: o.seed,
      transform: 'log1p',
      scale: 'zscore',
      revenue: 'spend',
    }),
  );

  progress('lifecycle');
  const lifecycle: LifecycleResult | undefined = attempt('lifecycle', skipped, () =>
    lifecycleStages(records, { asOf: observationEnd }),
  );

  progress('models');
  const fit = attempt('models.bgNbd', skipped, () => fitBgNbd(customers));
  let pred: { pAlive: Float64Array; expected: Float64Array } | undefined;
  let alive: AliveCell[] | undefined;
  if (fit) {
    const params: BgNbdParams = fit.params;
    pred = attempt('predictions', skipped, () =>
      customerPredictions(params, customers, predictionPeriod),
    );
    alive = attempt('P(alive) grid', skipped, () => aliveGrid(params, customers));
    if (!fit.converged)
      skipped.push({ step: 'models.bgNbd', reason: `fit did not converge: ${fit.message}` });
  }
  const ggFit = fit
    ? attempt('models.gammaGamma', skipped, () => fitGammaGamma(customers))
    : undefined;
  if (ggFit && !ggFit.converged)
    skipped.push({ step: 'models.gammaGamma', reason: `fit did not converge: ${ggFit.message}` });
  let clv: (number | undefined)[] | undefined;
  if (fit && ggFit) {
    const bg = fit.params;
    const gg = ggFit.params;
    clv = attempt('clv', skipped, () =>
      customerClv(bg, gg, customers, o.unit, o.clvMonths, o.discountRate),
    );
  }
  if (clv) {
    const valued = clv.filter((v): v is number => v !== undefined);
    put(
      'predictedClvTotal',
      fsum(valued),
      `Σ discounted ${o.clvMonths}-month CLV (BG/NBD × Gamma-Gamma, ${o.discountRate} per month)`,
    );
    if (valued.length > 0)
      put(
        'predictedClvMean',
        fsum(valued) / valued.length,
        'mean predicted CLV of the customers valued',
      );
    put(
      'clvUnvaluedCustomers',
      clv.length - valued.length,
      'repeat buyers whose mean repeat spend is ≤ 0 (returns): no Gamma-Gamma value',
    );
  }
  if (pred) {
    put(
      'meanProbabilityAlive',
      fsum(pred.pAlive) / customers.length,
      'mean over customers of BG/NBD P(alive) at observationEnd',
    );
    put(
      'expectedPurchasesNextPeriod',
      fsum(pred.expected),
      `Σ customers' BG/NBD expected purchases in the next ${predictionPeriod.toFixed(3)} ${o.unit}s (one mean month)`,
    );
  }

  progress('churn risk');
  const aliveMap = pred
    ? new Map(customers.map((c, i) => [c.customerId, pred.pAlive[i]!]))
    : undefined;
  const risk: ChurnRiskRow[] | undefined = attempt('churn risk', skipped, () =>
    churnRisk(records, {
      asOf: observationEnd,
      ...(o.interactions ? { interactions: o.interactions } : {}),
      ...(aliveMap ? { probabilityAlive: aliveMap } : {}),
    }),
  );
  if (risk && risk.length > 0) {
    put(
      'meanChurnRisk',
      fsum(risk.map((r) => r.score)) / risk.length,
      'mean churn-risk score in [0, 1] (weighted early-warning signals)',
    );
  }

  progress('cohorts');
  const cohorts = attempt('cohorts', skipped, () =>
    cohortRetention(records, { period: o.cohortPeriod, end: observationEnd }),
  );

  progress('holdout');
  let holdout: MetricsDocument['holdout'];
  let tracking: ReportResult['charts']['tracking'];
  let calibrationFit: MetricsDocument['models']['calibrationBgNbd'];
  if (o.calibrationEnd) {
    const calEnd = o.calibrationEnd;
    const done = attempt('holdout', skipped, () => {
      const h = calibrationHoldoutWithReport(records, {
        calibrationEnd: calEnd,
        observationEnd,
        unit: o.unit,
        collapse: o.collapse,
      });
      const cfit = fitBgNbd(h.customers);
      const acc = holdoutAccuracy(cfit.params, h.customers);
      // Tracking clock: units since the first acquisition.
      const unitMs = DAYS_PER_UNIT[o.unit] * MS_PER_DAY;
      const firsts = new Map<string, number>();
      for (const t of records) {
        if (t.kind === 'return' || t.amount < 0) continue;
        const d = Math.floor(t.date.getTime() / MS_PER_DAY) * MS_PER_DAY;
        const f = firsts.get(t.customerId);
        if (f === undefined || d < f) firsts.set(t.customerId, d);
      }
      const calCustomers = new Set(h.customers.map((c) => c.customerId));
      const origin = Math.min(...[...calCustomers].map((id) => firsts.get(id)!));
      const repeatDays = new Set<string>();
      const repeatTimes: number[] = [];
      for (const t of records) {
        if (!calCustomers.has(t.customerId) || t.kind === 'return' || t.amount < 0) continue;
        const d = Math.floor(t.date.getTime() / MS_PER_DAY) * MS_PER_DAY;
        if (d === firsts.get(t.customerId)) continue;
        const key = `${t.customerId}|${d}`;
        if (repeatDays.has(key)) continue;
        repeatDays.add(key);
        repeatTimes.push((d - origin) / unitMs);
      }
      const acquisition = [...calCustomers].map((id) => (firsts.get(id)! - origin) / unitMs);
      const horizon = (endMs - origin) / unitMs;
      return {
        h,
        cfit,
        acc,
        points: trackingCurve(cfit.params, repeatTimes, acquisition, horizon),
        calX: (endOfUtcDay(calEnd) - origin) / unitMs,
      };
    });
    if (done) {
      calibrationFit = fitRecord(done.cfit);
      holdout = {
        calibrationEnd: calEnd.toISOString(),
        customers: done.h.customers.length,
        actualPurchases: done.acc.actual,
        predictedPurchases: done.acc.predicted,
        mae: done.acc.mae,
        rmse: done.acc.rmse,
      };
      tracking = { points: done.points, calibrationEnd: done.calX };
      put(
        'holdoutMae',
        done.acc.mae,
        'mean |predicted − actual| holdout purchases per customer (BG/NBD fitted on calibration)',
      );
    }
  }

  // Customer table.
  const seg = new Map(segmented?.map((s) => [s.customerId, s]));
  const clusterOf = new Map(kmeans?.assignments.map((a) => [a.customerId, a.cluster]));
  const stage = new Map(lifecycle?.customers.map((l) => [l.customerId, l]));
  const riskOf = new Map(risk?.map((r) => [r.customerId, r]));
  const rows: CustomerReportRow[] = customers.map((c, i) => {
    const s = seg.get(c.customerId);
    const cl = clusterOf.get(c.customerId);
    const l = stage.get(c.customerId);
    const row: CustomerReportRow = {
      customerId: c.customerId,
      frequency: c.frequency,
      recency: c.recency,
      T: c.T,
      monetaryValue: c.monetaryValue,
      orders: c.orders,
      totalSpend: c.totalSpend,
      firstPurchase: c.firstPurchase,
      lastPurchase: c.lastPurchase,
      daysSinceLastPurchase: c.daysSinceLastPurchase,
    };
    if (s)
      Object.assign(row, {
        r: s.r,
        f: s.f,
        m: s.m,
        rfmCell: s.cell,
        rfmScore: s.score,
        segment: s.segment,
      });
    if (cl !== undefined && kmeans)
      Object.assign(row, { cluster: cl, clusterProfile: kmeans.clusters[cl]?.profile });
    if (l) Object.assign(row, { lifecycleStage: l.stage, lifecycleReason: l.reason });
    const rk = riskOf.get(c.customerId);
    if (rk) Object.assign(row, { churnRisk: rk.score, churnReasons: rk.reasons });
    if (pred)
      Object.assign(row, { pAlive: pred.pAlive[i], expectedPurchasesNextPeriod: pred.expected[i] });
    return row;
  });

  for (const r of summary.returnsOnly) {
    rows.push({
      customerId: r.customerId,
      orders: 0,
      totalSpend: r.amount,
      lifecycleStage: 'returns only',
      lifecycleReason: `${r.returns} return rows and no purchase up to observationEnd`,
    });
  }

  const lifecycleCounts: Record<string, number> | undefined = lifecycle
    ? lifecycle.customers.reduce<Record<string, number>>((acc, l) => {
        acc[l.stage] = (acc[l.stage] ?? 0) + 1;
        return acc;
      }, {})
    : undefined;

  const doc: MetricsDocument = {
    schemaVersion: METRICS_SCHEMA_VERSION,
    generatedAt: o.runTime.toISOString(),
    input: {
      source: input.source,
      ...(input.sha256 ? { sha256: input.sha256 } : {}),
      ...(input.bytes !== undefined ? { bytes: input.bytes } : {}),
    },
    settings: {
      observationEnd: observationEnd.toISOString(),
      unit: o.unit,
      collapse: o.collapse,
      cohortPeriod: o.cohortPeriod,
      ...(o.calibrationEnd ? { calibrationEnd: o.calibrationEnd.toISOString() } : {}),
      clvMonths: o.clvMonths,
      discountRate: o.discountRate,
      seed: o.seed,
      predictionPeriod,
    },
    rows: {
      ...input.stats,
      afterObservationEnd: input.records.length - records.length,
      returnsOnlyCustomers: summary.returnsOnly.length,
    },
    metrics,
    definitions,
    segments,
    models: {
      ...(fit ? { bgNbd: fitRecord(fit) } : {}),
      ...(ggFit ? { gammaGamma: fitRecord(ggFit) } : {}),
      ...(calibrationFit ? { calibrationBgNbd: calibrationFit } : {}),
    },
    skipped,
  };
  if (kmeans) {
    doc.clusters = {
      k: kmeans.k,
      inertia: kmeans.inertia,
      ...(kmeans.silhouette !== undefined ? { silhouette: kmeans.silhouette } : {}),
      converged: kmeans.converged,
      iterations: kmeans.iterations,
      features: ['recencyDays', 'orders', 'spend'],
      clusters: kmeans.clusters.map((c) => ({
        id: c.id,
        size: c.size,
        share: c.share,
        profile: c.profile,
        centroid: { ...c.centroid },
        ...(c.revenueShare !== undefined ? { revenueShare: c.revenueShare } : {}),
      })),
    };
  }
  if (lifecycleCounts) doc.lifecycle = lifecycleCounts;
  if (holdout) doc.holdout = holdout;

  progress('thresholds');
  if (o.baseline) {
    const base = o.baseline.document as { metrics?: unknown; generatedAt?: unknown } | null;
    const baseMetrics = flattenMetrics(base && typeof base === 'object' ? base.metrics : undefined);
    doc.baseline = {
      source: o.baseline.source,
      ...(typeof base?.generatedAt === 'string' ? { generatedAt: base.generatedAt } : {}),
      deltas: metricDeltas(metrics, baseMetrics),
    };
  }
  const thresholds =
    o.thresholds && o.thresholds.length > 0 ? checkThresholds(o.thresholds, metrics) : [];
  if (thresholds.length > 0) doc.thresholds = thresholds;

  return {
    metrics: doc,
    customers: rows,
    rejected: rejectedRows(input.rejected),
    charts: {
      segments,
      rfm: (segmented ?? []).map((s) => ({ r: s.r, f: s.f, monetary: s.totalSpend })),
      ...(cohorts ? { cohorts } : {}),
      ...(alive ? { alive } : {}),
      ...(clv ? { clv: clv.filter((v): v is number => v !== undefined) } : {}),
      ...(tracking ? { tracking } : {}),
      ...(kmeans ? { clusters: kmeans } : {}),
    },
    thresholds,
  };
}
