/**
 * CLV forecast: fit BG/NBD (purchases) and Gamma-Gamma (spend) on a calibration period, check
 * the predictions on the holdout, then forecast each customer's discounted 12-month value.
 * Run: npx tsx examples/clv-forecast.ts (after npm run build)
 */
import {
  bgNbd,
  calibrationHoldout,
  customerLifetimeValue,
  gammaGamma,
  holdoutValidation,
} from 'customer-analytics';
import { cdnowOrSimulated } from './_data';

const { source, transactions, observationEnd } = await cdnowOrSimulated();
const firstDate = Math.min(...transactions.map((t) => t.date.getTime()));
// Calibrate on the first 39 weeks, keep the rest as holdout (FHL 2005 split CDNOW at 1997-09-30).
const calibrationEnd = new Date(firstDate + 272 * 86_400_000);
const rows = calibrationHoldout(transactions, {
  calibrationEnd,
  observationEnd,
  unit: 'week',
  collapse: 'day',
});
const fit = bgNbd.fit(rows);
console.log(
  `${source}: BG/NBD on ${fit.n} customers, LL ${fit.logLikelihood.toFixed(1)}, converged ${fit.converged}`,
);

const check = holdoutValidation(fit, rows);
console.log(
  `holdout: predicted ${check.totalPredicted.toFixed(0)} vs actual ${check.totalActual} repeat purchases ` +
    `(MAE ${check.mae.toFixed(3)}, correlation ${check.correlation?.toFixed(3) ?? 'n/a'})`,
);

const repeaters = rows.filter((c) => c.frequency > 0 && c.monetaryValue > 0);
const spend = gammaGamma.fit(repeaters);
const { p, q, v } = spend.params;
console.log(
  `Gamma-Gamma on ${spend.n} repeat buyers: p=${p.toFixed(2)} q=${q.toFixed(2)} v=${v.toFixed(2)}`,
);

// Gamma-Gamma needs a positive mean spend for repeat buyers: CDNOW has a few $0 repeat days.
const valued = rows.filter((c) => c.frequency === 0 || c.monetaryValue > 0);
console.log(`${rows.length - valued.length} repeat buyers with zero spend are left out of the CLV`);
const clv = customerLifetimeValue({
  transactionModel: 'bgNbd',
  transactionParams: fit.params,
  monetaryParams: spend.params,
  customers: valued,
  months: 12,
  discountRate: 0.01,
  unit: 'week',
});
const total = clv.reduce((s, x) => s + x, 0);
const top = [...clv].sort((x, y) => y - x).slice(0, Math.ceil(clv.length / 10));
console.log(
  `12-month CLV: total ${total.toFixed(0)}, mean ${(total / clv.length).toFixed(2)} per customer, ` +
    `top decile ${((100 * top.reduce((s, x) => s + x, 0)) / total).toFixed(1)}% of it`,
);
