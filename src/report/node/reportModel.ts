/**
 * Turns a {@link ReportResult} into the HTML report's model: headline cards with deltas, the
 * charts (only those with data), and tables.
 */
import { clusterProfilesChart } from '../charts/clusters';
import { cohortRetentionChart } from '../charts/cohort';
import { clvHistogramChart } from '../charts/histogram';
import { holdoutTrackingChart } from '../charts/holdout';
import { probabilityAliveChart } from '../charts/probabilityAlive';
import { rfmGrid, rfmHeatmapChart } from '../charts/rfmHeatmap';
import { rowAccountingChart } from '../charts/rowAccounting';
import { segmentSizesChart } from '../charts/segments';
import type { Headline, HeadlineFormat, ReportChart, ReportModel, ReportTable } from './html';
import type { ReportResult } from './pipeline';

const HEADLINES: { metric: string; label: string; format: HeadlineFormat }[] = [
  { metric: 'customers', label: 'Customers', format: 'integer' },
  { metric: 'revenue', label: 'Net revenue', format: 'currency' },
  { metric: 'orders', label: 'Orders', format: 'integer' },
  { metric: 'averageOrderValue', label: 'Average order value', format: 'currency' },
  { metric: 'averageRevenuePerCustomer', label: 'Revenue per customer', format: 'currency' },
  { metric: 'repeatPurchaseRate', label: 'Repeat purchase rate', format: 'percent' },
  { metric: 'churnRate', label: 'Churn rate (last period)', format: 'percent' },
  { metric: 'returnRate', label: 'Return rate', format: 'percent' },
  { metric: 'meanProbabilityAlive', label: 'Mean P(alive)', format: 'percent' },
  {
    metric: 'expectedPurchasesNextPeriod',
    label: 'Expected purchases next month',
    format: 'number',
  },
  { metric: 'predictedClvTotal', label: 'Predicted CLV (total)', format: 'currency' },
  { metric: 'holdoutMae', label: 'Holdout MAE (purchases)', format: 'number' },
];

/**
 * Builds the HTML report model from a pipeline result: every headline metric present (with
 * its baseline delta), one chart per analysis that ran, the segment, model, threshold and
 * rejected-row tables, and notes for skipped steps and breached thresholds.
 *
 * @example
 * const model = buildReportModel(runReport(input, { runTime }), { title: 'Nightly' });
 * model.charts.map((c) => c.id); // => ['rows', 'segments', 'rfm', …]
 */
export function buildReportModel(
  result: ReportResult,
  options: { title?: string } = {},
): ReportModel {
  const doc = result.metrics;
  const deltas = new Map(doc.baseline?.deltas.map((d) => [d.metric, d]));
  const headlines: Headline[] = [];
  for (const h of HEADLINES) {
    const value = doc.metrics[h.metric];
    if (value === undefined) continue;
    const delta = deltas.get(h.metric);
    const definition = doc.definitions[h.metric];
    headlines.push({
      ...h,
      value,
      ...(delta ? { delta } : {}),
      ...(definition ? { definition } : {}),
    });
  }
  const charts: ReportChart[] = [
    {
      id: 'rows',
      title: 'Input rows',
      spec: rowAccountingChart(doc.rows),
      caption:
        'Every input row is accounted for: read = accepted + rejected + duplicates. Rejected rows are listed in rejected.csv with their line and reason.',
    },
  ];
  const nonEmpty = result.charts.segments.filter((s) => s.customers > 0);
  if (nonEmpty.length > 0) {
    charts.push({
      id: 'segments',
      title: 'Segments',
      spec: segmentSizesChart(nonEmpty),
      caption:
        'Named RFM segments (rules of the rfm R package): customers and net revenue per segment.',
    });
  }
  if (result.charts.rfm.length > 0) {
    charts.push({
      id: 'rfm',
      title: 'RFM heatmap',
      spec: rfmHeatmapChart(rfmGrid(result.charts.rfm)),
      caption:
        'Customers per recency × frequency score cell; color is the mean net spend of the cell.',
    });
  }
  const cohorts = result.charts.cohorts;
  if (cohorts && cohorts.cohorts.length > 0) {
    charts.push({
      id: 'cohorts',
      title: 'Cohort retention',
      spec: cohortRetentionChart(
        cohorts.cohorts.flatMap((c) =>
          c.cells.map((cell) => ({
            cohort: c.cohort,
            period: cell.offset,
            rate: cell.retentionRate,
            customers: cell.activeCustomers,
          })),
        ),
      ),
      caption: `Share of each acquisition ${cohorts.period}'s customers who purchased n ${cohorts.period}s later.`,
    });
  }
  if (result.charts.clv && result.charts.clv.length > 0) {
    charts.push({
      id: 'clv',
      title: 'Predicted CLV',
      spec: clvHistogramChart(result.charts.clv),
      caption: `Discounted ${doc.settings.clvMonths}-month CLV per customer (BG/NBD × Gamma-Gamma, ${(doc.settings.discountRate * 100).toFixed(2)}% per month).`,
    });
  }
  if (result.charts.alive && result.charts.alive.length > 0) {
    charts.push({
      id: 'alive',
      title: 'P(alive)',
      spec: probabilityAliveChart(result.charts.alive, { unit: doc.settings.unit }),
      caption:
        'BG/NBD probability that a customer is still active, by repeat purchases and recency, at the longest observed T.',
    });
  }
  if (result.charts.tracking && result.charts.tracking.points.length > 0) {
    charts.push({
      id: 'holdout',
      title: 'Holdout tracking',
      spec: holdoutTrackingChart(result.charts.tracking.points, {
        calibrationEnd: result.charts.tracking.calibrationEnd,
        xTitle: `${doc.settings.unit}s since the first acquisition`,
      }),
      caption:
        'Cumulative repeat purchases, actual vs BG/NBD expected (fitted on the calibration window; the dashed rule marks its end).',
    });
  }
  const km = result.charts.clusters;
  if (km) {
    charts.push({
      id: 'clusters',
      title: 'k-means clusters',
      spec: clusterProfilesChart(
        km.clusters.map((c) => ({
          cluster: c.id,
          size: c.size,
          centroid: c.centroid,
          label: c.profile,
        })),
      ),
      caption: `k = ${km.k} on log1p + z-scored recency (days), orders and spend; centroids in original units.`,
    });
  }

  const tables: ReportTable[] = [];
  if (doc.segments.length > 0) {
    tables.push({
      title: 'Segments and suggested actions',
      columns: ['Segment', 'Customers', 'Share', 'Revenue', 'Revenue share', 'Suggested action'],
      rows: doc.segments.map((s) => [
        s.segment,
        s.customers,
        `${(s.customerShare * 100).toFixed(1)}%`,
        Number(s.revenue.toFixed(2)),
        `${(s.revenueShare * 100).toFixed(1)}%`,
        s.action,
      ]),
    });
  }
  const fits = Object.entries(doc.models);
  if (fits.length > 0) {
    tables.push({
      title: 'Model fits',
      columns: ['Model', 'Parameters', 'Log-likelihood', 'Converged', 'Iterations', 'n'],
      rows: fits.map(([name, f]) => [
        name,
        Object.entries(f.params)
          .map(([k, v]) => `${k} = ${Number(v.toPrecision(4))}`)
          .join(', '),
        Number(f.logLikelihood.toFixed(2)),
        f.converged ? 'yes' : `no (${f.message})`,
        f.iterations,
        f.n,
      ]),
    });
  }
  if (doc.holdout) {
    const h = doc.holdout;
    tables.push({
      title: 'Holdout check',
      columns: [
        'Calibration end',
        'Customers',
        'Actual purchases',
        'Predicted purchases',
        'MAE',
        'RMSE',
      ],
      rows: [
        [
          h.calibrationEnd,
          h.customers,
          h.actualPurchases,
          Number(h.predictedPurchases.toFixed(1)),
          Number(h.mae.toFixed(4)),
          Number(h.rmse.toFixed(4)),
        ],
      ],
    });
  }
  if (result.thresholds.length > 0) {
    tables.push({
      title: 'Thresholds',
      columns: ['Threshold', 'Value', 'Result'],
      rows: result.thresholds.map((t) => [t.source, t.actual, t.breached ? 'BREACHED' : 'ok']),
    });
  }
  if (result.rejected.length > 0) {
    tables.push({
      title: `Rejected rows (first ${Math.min(20, result.rejected.length)} of ${result.rejected.length}; all in rejected.csv)`,
      columns: ['Line', 'Reason'],
      rows: result.rejected.slice(0, 20).map((r) => [r.line, r.reasons.join('; ')]),
    });
  }
  const notes = [
    ...result.thresholds.filter((t) => t.breached).map((t) => `Threshold breached: ${t.message}`),
    ...doc.skipped.map((s) => `Skipped ${s.step}: ${s.reason}`),
  ];
  if (!doc.settings.calibrationEnd)
    notes.push(
      'No calibration end given: the holdout tracking chart is omitted (use --calibration-end).',
    );
  const meta = [
    { label: 'Input', value: doc.input.source },
    ...(doc.input.sha256 ? [{ label: 'SHA-256', value: doc.input.sha256 }] : []),
    { label: 'Observation end', value: doc.settings.observationEnd },
    { label: 'Time unit', value: `${doc.settings.unit} (collapse: ${doc.settings.collapse})` },
    ...(doc.baseline
      ? [
          {
            label: 'Baseline',
            value: `${doc.baseline.source}${doc.baseline.generatedAt ? ` (${doc.baseline.generatedAt})` : ''}`,
          },
        ]
      : []),
  ];
  return {
    title: options.title ?? 'Customer analytics report',
    generatedAt: doc.generatedAt,
    meta,
    headlines,
    charts,
    tables,
    notes,
  };
}
