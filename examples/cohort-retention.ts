/**
 * Cohort retention and monthly metrics: how many of each month's new customers come back in
 * the following months, and the period series a nightly pipeline tracks.
 * Run: npx tsx examples/cohort-retention.ts (after npm run build)
 */
import { cohortRetention, metricsByPeriod } from 'customer-analytics';
import { cdnowOrSimulated } from './_data';

const { source, transactions } = await cdnowOrSimulated();
const { cohorts } = cohortRetention(transactions, { period: 'month' });
const total = cohorts.reduce((s, c) => s + c.customers, 0);
console.log(`${source}: ${cohorts.length} monthly cohorts, ${total} customers`);
for (const c of cohorts.slice(0, 3)) {
  const rates = c.cells
    .slice(0, 7)
    .map((x) => `${(100 * x.retentionRate).toFixed(0)}%`.padStart(5));
  console.log(`  cohort ${c.cohort} (${String(c.customers).padStart(5)}): ${rates.join(' ')}`);
}

const months = metricsByPeriod(transactions, { period: 'month' });
console.log(`${months.length} months of metrics`);
for (const m of months.slice(0, 4)) {
  console.log(
    `  ${m.period}: ${m.activeCustomers} active, ${m.newCustomers} new, revenue ${m.revenue.toFixed(2)}, ` +
      `AOV ${m.averageOrderValue?.toFixed(2) ?? 'n/a'}, churn ${m.churnRate === null ? 'n/a' : `${(100 * m.churnRate).toFixed(1)}%`}`,
  );
}
