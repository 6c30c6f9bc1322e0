/**
 * Quickstart: transactions → one row per customer → BG/NBD → who is still alive.
 * Run: npx tsx examples/quickstart.ts (after npm run build)
 */
import { bgNbd, repeatPurchaseRate, summarizeCustomers } from 'customer-analytics';
import { cdnowOrSimulated } from './_data';

const { source, transactions, observationEnd } = await cdnowOrSimulated();
const customers = summarizeCustomers(transactions, {
  observationEnd,
  unit: 'week',
  collapse: 'day',
});
console.log(`${source}: ${transactions.length} transactions, ${customers.length} customers`);

const fit = bgNbd.fit(customers);
const { r, alpha, a, b } = fit.params;
console.log(
  `BG/NBD: r=${r.toFixed(3)} alpha=${alpha.toFixed(3)} a=${a.toFixed(3)} b=${b.toFixed(3)} ` +
    `LL=${fit.logLikelihood.toFixed(1)} converged=${fit.converged}`,
);

const repeat = repeatPurchaseRate(transactions);
console.log(`repeat-purchase rate: ${(100 * repeat).toFixed(1)}%`);

const alive = customers.map((c) => bgNbd.probabilityAlive(fit.params, c));
const mean = alive.reduce((s, p) => s + p, 0) / alive.length;
console.log(`mean P(alive) at ${observationEnd.toISOString().slice(0, 10)}: ${mean.toFixed(3)}`);
