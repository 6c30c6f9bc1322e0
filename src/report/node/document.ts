/**
 * The shape of metrics.json and of one customers.csv row: the report's public output contract.
 * Bump {@link METRICS_SCHEMA_VERSION} on any breaking change.
 */
import type { Issue } from '../../errors';
import type { LoadStats } from '../../load/index';
import type { MetricDelta } from '../deltas';
import type { ThresholdResult } from '../thresholds';

/** Version of the metrics.json layout. */
export const METRICS_SCHEMA_VERSION = 1;

/** A model fit as written to metrics.json (plain data, reloadable). */
export interface ModelFitRecord {
  model: string;
  params: Record<string, number>;
  logLikelihood: number;
  aic: number;
  bic: number;
  standardErrors: Record<string, number> | null;
  converged: boolean;
  iterations: number;
  n: number;
  gradientNorm: number;
  message: string;
}

/** A pipeline step that could not run on this data, and why (the report still completes). */
export interface SkippedStep {
  step: string;
  reason: string;
}

/** metrics.json. */
export interface MetricsDocument {
  schemaVersion: typeof METRICS_SCHEMA_VERSION;
  /** Run time, ISO 8601 (passed in by the caller). */
  generatedAt: string;
  /** Wall-clock duration of the run in milliseconds (measured by the caller, when given). */
  durationMs?: number;
  input: { source: string; sha256?: string; bytes?: number };
  /** Options that shape the numbers. */
  settings: {
    observationEnd: string;
    unit: 'day' | 'week' | 'month';
    collapse: 'period' | 'day';
    cohortPeriod: 'week' | 'month' | 'quarter';
    calibrationEnd?: string;
    clvMonths: number;
    discountRate: number;
    seed: number;
    /** Length of "next period" in summary units (one mean month = 30.4375 days). */
    predictionPeriod: number;
  };
  /** The loader's row accounting plus what the summary left out. */
  rows: LoadStats & {
    /** Accepted rows dated after observationEnd (not used). */
    afterObservationEnd: number;
    /** Customers whose only activity is returns (reported, not summarized). */
    returnsOnlyCustomers: number;
  };
  /** Flat map of metric name → value; `--fail-on` and `--baseline` read these names. */
  metrics: Record<string, number>;
  /** Plain-language definition of each metric. */
  definitions: Record<string, string>;
  segments: {
    segment: string;
    action: string;
    customers: number;
    customerShare: number;
    revenue: number;
    revenueShare: number;
  }[];
  clusters?: {
    k: number;
    inertia: number;
    silhouette?: number;
    converged: boolean;
    iterations: number;
    features: string[];
    clusters: {
      id: number;
      size: number;
      share: number;
      profile: string;
      centroid: Record<string, number>;
      revenueShare?: number;
    }[];
  };
  lifecycle?: Record<string, number>;
  models: {
    bgNbd?: ModelFitRecord;
    gammaGamma?: ModelFitRecord;
    calibrationBgNbd?: ModelFitRecord;
  };
  holdout?: {
    calibrationEnd: string;
    customers: number;
    actualPurchases: number;
    predictedPurchases: number;
    mae: number;
    rmse: number;
  };
  skipped: SkippedStep[];
  baseline?: { source: string; generatedAt?: string; deltas: MetricDelta[] };
  thresholds?: ThresholdResult[];
}

/** One row of customers.csv. */
export interface CustomerReportRow {
  customerId: string;
  /** Summary fields; empty for customers whose only activity is returns. */
  frequency?: number;
  recency?: number;
  T?: number;
  monetaryValue?: number;
  orders: number;
  totalSpend: number;
  firstPurchase?: Date;
  lastPurchase?: Date;
  daysSinceLastPurchase?: number;
  r?: number;
  f?: number;
  m?: number;
  rfmCell?: string;
  rfmScore?: number;
  segment?: string;
  cluster?: number;
  clusterProfile?: string;
  lifecycleStage?: string;
  lifecycleReason?: string;
  churnRisk?: number;
  churnReasons?: string[];
  pAlive?: number;
  expectedPurchasesNextPeriod?: number;
  predictedClv?: number;
}

/** Column order of customers.csv. */
export const CUSTOMER_COLUMNS: readonly (keyof CustomerReportRow)[] = [
  'customerId',
  'frequency',
  'recency',
  'T',
  'monetaryValue',
  'orders',
  'totalSpend',
  'firstPurchase',
  'lastPurchase',
  'daysSinceLastPurchase',
  'r',
  'f',
  'm',
  'rfmCell',
  'rfmScore',
  'segment',
  'cluster',
  'clusterProfile',
  'lifecycleStage',
  'lifecycleReason',
  'churnRisk',
  'churnReasons',
  'pAlive',
  'expectedPurchasesNextPeriod',
  'predictedClv',
];

/** One row of rejected.csv: the input line, the reasons and the raw values. */
export interface RejectedReportRow {
  line: number;
  reasons: string[];
  fields: string[];
  raw: string;
}

/** Turns the loader's rejected rows into rejected.csv rows (raw record as JSON text). */
export function rejectedRows(
  rejected: readonly { line: number; record: Record<string, unknown>; issues: Issue[] }[],
): RejectedReportRow[] {
  return rejected.map((r) => ({
    line: r.line,
    reasons: r.issues.map((i) => i.message),
    fields: [...new Set(r.issues.map((i) => i.field))],
    raw: JSON.stringify(Object.fromEntries(Object.keys(r.record).map((k) => [k, r.record[k]]))),
  }));
}
