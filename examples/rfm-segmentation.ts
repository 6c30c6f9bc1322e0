/**
 * RFM segmentation: score every customer 1–5 on recency, frequency and money, name the
 * segments (the rfm R package's table) with a suggested action, and add k-means clusters.
 * Run: npx tsx examples/rfm-segmentation.ts (after npm run build)
 */
import {
  kmeansSegments,
  rfmScores,
  rfmSegments,
  summarizeCustomers,
  summarizeSegments,
} from 'customer-analytics';
import { cdnowOrSimulated } from './_data';

const { source, transactions, observationEnd } = await cdnowOrSimulated();
const customers = summarizeCustomers(transactions, {
  observationEnd,
  unit: 'day',
  collapse: 'day',
});
const segments = rfmSegments(rfmScores(customers));
console.log(
  `${source}: ${customers.length} customers in ${new Set(segments.map((s) => s.segment)).size} RFM segments`,
);
for (const s of summarizeSegments(segments)) {
  console.log(
    `  ${s.segment.padEnd(20)} ${String(s.customers).padStart(6)} customers  ` +
      `${(100 * s.customerShare).toFixed(1).padStart(5)}%  → ${s.action}`,
  );
}

const clusters = kmeansSegments(customers, {
  features: ['daysSinceLastPurchase', 'orders', 'totalSpend'],
  k: 4,
  seed: 2024,
  restarts: 5,
  transform: 'log1p',
  scale: 'zscore',
  revenue: 'totalSpend',
});
console.log(`k-means (k = 4): inertia ${clusters.inertia.toFixed(1)}`);
for (const c of clusters.clusters) {
  console.log(
    `  cluster ${c.id}: ${c.size} customers, ${(100 * (c.revenueShare ?? 0)).toFixed(1)}% of revenue: ${c.profile}`,
  );
}
