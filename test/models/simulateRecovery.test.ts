import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/models/bgNbd';
import { gammaGamma } from '../../src/models/gammaGamma';
import { mbgNbd } from '../../src/models/mbgNbd';
import { paretoNbd } from '../../src/models/paretoNbd';
import { simulateCustomers } from '../../src/models/simulate';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // FHL 2005 CDNOW estimates (weeks)

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

describe('simulated BG/NBD data against the BG/NBD model', () => {
  it('mean frequency matches bgNbd.expectedPurchases(T) (FHL 2005 eq. 9) within 4 standard errors', () => {
    const n = 40_000;
    const rows = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: BG,
      customers: n,
      T: 39,
      seed: 21,
    });
    const xs = rows.map((c) => c.frequency);
    const expected = bgNbd.expectedPurchases(BG, 39);
    expect(Math.abs(mean(xs) - expected)).toBeLessThan(4 * (sd(xs) / Math.sqrt(n)));
  });

  it('share alive among customers with a given history matches bgNbd.probabilityAlive', () => {
    // Customers with x = 1 and T = 39: bucket by recency, compare the latent alive share with
    // the average predicted P(alive) in the bucket.
    const n = 60_000;
    const rows = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: BG,
      customers: n,
      T: 39,
      seed: 22,
    });
    const ones = rows.filter((c) => c.frequency === 1);
    for (const [lo, hi] of [
      [0, 13],
      [13, 26],
      [26, 39],
    ] as const) {
      const bucket = ones.filter((c) => c.recency >= lo && c.recency < hi);
      const predicted = mean(bucket.map((c) => bgNbd.probabilityAlive(BG, c)));
      const actual = bucket.filter((c) => c.latent.alive).length / bucket.length;
      expect(Math.abs(actual - predicted)).toBeLessThan(
        4 * Math.sqrt((predicted * (1 - predicted)) / bucket.length),
      );
    }
  });

  it('parameter recovery: fitting 30,000 simulated customers recovers r, α, a, b within 4 standard errors', () => {
    const rows = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: BG,
      customers: 30_000,
      T: 39,
      acquisitionSpan: 12,
      seed: 23,
    });
    const fit = bgNbd.fit(rows);
    expect(fit.converged).toBe(true);
    expect(fit.standardErrors).not.toBeNull();
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      const se = (fit.standardErrors as Record<string, number>)[k] as number;
      expect(Math.abs(fit.params[k] - BG[k])).toBeLessThan(4 * se);
    }
  });
});

describe('simulated Pareto/NBD data against the Pareto/NBD model', () => {
  const PNBD = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }; // Fader & Hardie CDNOW estimates

  it('mean frequency matches paretoNbd.expectedPurchases(T) within 4 standard errors', () => {
    const n = 40_000;
    const rows = simulateCustomers({
      transactionModel: 'paretoNbd',
      transactionParams: PNBD,
      customers: n,
      T: 39,
      seed: 31,
    });
    const xs = rows.map((c) => c.frequency);
    expect(Math.abs(mean(xs) - paretoNbd.expectedPurchases(PNBD, 39))).toBeLessThan(
      4 * (sd(xs) / Math.sqrt(n)),
    );
  });

  it('parameter recovery: fitting 30,000 simulated customers recovers r, α, s, β within 4 standard errors', () => {
    const rows = simulateCustomers({
      transactionModel: 'paretoNbd',
      transactionParams: PNBD,
      customers: 30_000,
      T: 39,
      acquisitionSpan: 12,
      seed: 32,
    });
    const fit = paretoNbd.fit(rows);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      const se = (fit.standardErrors as Record<string, number>)[k] as number;
      expect(Math.abs(fit.params[k] - PNBD[k])).toBeLessThan(4 * se);
    }
  });
});

describe('simulated MBG/NBD and Gamma-Gamma data against their models', () => {
  it('MBG/NBD: mean frequency matches mbgNbd.expectedPurchases(T) within 4 standard errors', () => {
    const n = 40_000;
    const rows = simulateCustomers({
      transactionModel: 'mbgNbd',
      transactionParams: BG,
      customers: n,
      T: 39,
      seed: 41,
    });
    const xs = rows.map((c) => c.frequency);
    expect(Math.abs(mean(xs) - mbgNbd.expectedPurchases(BG, 39))).toBeLessThan(
      4 * (sd(xs) / Math.sqrt(n)),
    );
  });

  it('Gamma-Gamma parameter recovery: fitting the simulated repeat buyers recovers p, q, v within 4 standard errors', () => {
    const GG = { p: 6.25, q: 3.74, v: 15.44 }; // Fader & Hardie 2013 CDNOW estimates
    const rows = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: { r: 2, alpha: 10, a: 0.793, b: 2.426 }, // more repeat buyers than CDNOW
      monetaryParams: GG,
      customers: 20_000,
      T: 39,
      seed: 42,
    }).filter((c) => c.frequency > 0);
    expect(rows.length).toBeGreaterThan(10_000);
    const fit = gammaGamma.fit(
      rows.map((c) => ({ frequency: c.frequency, monetaryValue: c.monetaryValue as number })),
    );
    expect(fit.converged).toBe(true);
    for (const k of ['p', 'q', 'v'] as const) {
      const se = (fit.standardErrors as Record<string, number>)[k] as number;
      expect(Math.abs(fit.params[k] - GG[k])).toBeLessThan(4 * se);
    }
  });
});
