/**
 * The demo behind `npm run demo`: a seeded simulated store (BG/NBD purchases, Gamma-Gamma
 * spend, 2,000 customers over 78 weeks) through the whole nightly report, written to
 * out/report.html with metrics.json, customers.csv and rejected.csv. Needs no shared data.
 */
import { resolve } from 'node:path';
import { simulateTransactions } from 'customer-analytics';
import { runReport, writeReport } from 'customer-analytics/node';

const sim = simulateTransactions({
  transactionModel: 'bgNbd',
  transactionParams: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  monetaryParams: { p: 6.25, q: 3.74, v: 15.44 },
  customers: 2000,
  T: 78,
  acquisitionSpan: 12,
  seed: 42,
  start: new Date('2025-01-06T00:00:00Z'),
  unit: 'week',
});
const n = sim.transactions.length;
const result = runReport(
  {
    source: 'simulated store (seed 42)',
    records: sim.transactions,
    rejected: [],
    stats: { read: n, accepted: n, rejected: 0, duplicates: 0 },
  },
  {
    runTime: new Date('2026-07-06T00:00:00Z'), // fixed, so the demo output is reproducible
    observationEnd: sim.observationEnd,
    calibrationEnd: new Date('2025-10-06T00:00:00Z'),
    unit: 'week',
  },
);
const paths = await writeReport(resolve('out'), result, { title: 'customer-analytics demo' });
const metrics = result.metrics.metrics as Record<string, number | undefined>;
const fmt = (key: string, digits = 2) => metrics[key]?.toFixed(digits) ?? 'n/a';
console.log(`demo: ${n} simulated transactions, ${result.customers.length} customers`);
console.log(
  `revenue ${fmt('revenue')}, AOV ${fmt('averageOrderValue')}, repeat-purchase rate ${fmt('repeatPurchaseRate', 3)}, ` +
    `mean P(alive) ${fmt('meanProbabilityAlive', 3)}, predicted 12-month CLV ${fmt('predictedClvTotal')}`,
);
console.log(`report written to ${paths.html}`);
