import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { gammaGamma } from '../../src/models/gammaGamma';
import { gammaGammaLogLik } from '../../src/models/gammaGammaLikelihood';
import { simulateCustomers } from '../../src/models/simulate';
import { prepareSpend } from '../../src/models/summaryData';
import { cdnowSpendPath, readCdnowSpend } from './_cdnow';

// Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", CDNOW 946 repeat buyers.
const P = { p: 6.25, q: 3.74, v: 15.44 };
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('gammaGamma documented examples', () => {
  it('logLikelihood and conditionalExpectedAverageValue', () => {
    // ln f = lnΓ(16.24) − lnΓ(12.5) − lnΓ(3.74) + 3.74 ln 15.44 + 11.5 ln 22.35 + 12.5 ln 2
    //        − 16.24 ln(15.44 + 44.7) = −3.5513
    expect(gammaGamma.logLikelihood(P, [{ frequency: 2, monetaryValue: 22.35 }])).toBeCloseTo(
      -3.5513,
      4,
    );
    // 6.25·(15.44 + 2·22.35)/(6.25·2 + 3.74 − 1) = 375.875/15.24 = 24.66371…
    expect(
      gammaGamma.conditionalExpectedAverageValue(P, { frequency: 2, monetaryValue: 22.35 }),
    ).toBeCloseTo(375.875 / 15.24, 10);
    // x = 0: population mean p·v/(q−1) = 96.5/2.74 = 35.2189…
    expect(
      gammaGamma.conditionalExpectedAverageValue(P, { frequency: 0, monetaryValue: 0 }),
    ).toBeCloseTo(96.5 / 2.74, 10);
  });
});

describe.skipIf(!cdnowSpendPath)('gammaGamma.fit on the CDNOW repeat buyers', () => {
  it('reproduces p = 6.25, q = 3.74, v = 15.44 within 0.5%', () => {
    const all = readCdnowSpend();
    expect(all).toHaveLength(2357);
    const buyers = all.filter((r) => r.frequency > 0);
    expect(buyers).toHaveLength(946);
    const fit = gammaGamma.fit(buyers);
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(946);
    for (const k of ['p', 'q', 'v'] as const) expect(rel(fit.params[k], P[k])).toBeLessThan(0.005);
    expect(fit.standardErrors).not.toBeNull();
  });
  it('rejects the zero-spend rows of non-repeat buyers, naming the customer', () => {
    const all = readCdnowSpend();
    expect(() => gammaGamma.fit(all)).toThrow(
      /gammaGamma\.fit: expected frequency an integer ≥ 1 .*customer "3"/,
    );
  });
});

describe('gammaGamma analytic gradient', () => {
  test.prop([
    fc.double({ min: 0.1, max: 20, noNaN: true }),
    fc.double({ min: 0.1, max: 20, noNaN: true }),
    fc.double({ min: 0.1, max: 100, noNaN: true }),
  ])('matches central finite differences', (p, q, v) => {
    const d = prepareSpend('t', [
      { frequency: 1, monetaryValue: 10 },
      { frequency: 3, monetaryValue: 25.5, weight: 2 },
      { frequency: 40, monetaryValue: 3.2 },
    ]);
    const th = Float64Array.of(p, q, v);
    const g = new Float64Array(3);
    gammaGammaLogLik(th, d, g);
    for (let i = 0; i < 3; i++) {
      const h = 1e-6 * th[i]!;
      const up = Float64Array.from(th);
      const dn = Float64Array.from(th);
      up[i] = th[i]! + h;
      dn[i] = th[i]! - h;
      const fd = (gammaGammaLogLik(up, d) - gammaGammaLogLik(dn, d)) / (2 * h);
      expect(Math.abs(g[i]! - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });
});

describe('gammaGamma invariants and invalid input', () => {
  test.prop([
    fc.double({ min: 0.01, max: 50, noNaN: true }),
    fc.double({ min: 1.01, max: 50, noNaN: true }),
    fc.double({ min: 0.01, max: 1000, noNaN: true }),
    fc.integer({ min: 1, max: 10_000 }),
    fc.double({ min: 0.01, max: 1e6, noNaN: true }),
  ])(
    'the expected spend lies between the population mean and the customer mean',
    (p, q, v, x, m) => {
      const e = gammaGamma.conditionalExpectedAverageValue(
        { p, q, v },
        { frequency: x, monetaryValue: m },
      );
      const pop = (p * v) / (q - 1);
      expect(Number.isFinite(e)).toBe(true);
      expect(e).toBeGreaterThanOrEqual(Math.min(pop, m) * (1 - 1e-12));
      expect(e).toBeLessThanOrEqual(Math.max(pop, m) * (1 + 1e-12));
    },
  );
  it('rejects non-positive spend, q ≤ 1, bad frequency and empty data', () => {
    expect(() => gammaGamma.fit([{ customerId: 'z', frequency: 2, monetaryValue: 0 }])).toThrow(
      /monetaryValue a finite number > 0, received 0 \(customer "z"\)/,
    );
    expect(() => gammaGamma.fit([{ frequency: 2, monetaryValue: Number.NaN }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => gammaGamma.fit([])).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_DATA' }),
    );
    expect(() =>
      gammaGamma.conditionalExpectedAverageValue(
        { ...P, q: 0.9 },
        { frequency: 1, monetaryValue: 5 },
      ),
    ).toThrow(/params\.q/);
    expect(() =>
      gammaGamma.conditionalExpectedAverageValue(P, { frequency: 1.5, monetaryValue: 5 }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() =>
      gammaGamma.conditionalExpectedAverageValue(P, { frequency: 1, monetaryValue: -5 }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('gammaGamma parameter recovery (100,000 simulated customers)', () => {
  it('recovers p, q, v within 5%', () => {
    const truth = { p: 6, q: 4, v: 15 };
    const customers = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: { r: 2, alpha: 4, a: 0.5, b: 5 },
      monetaryParams: truth,
      customers: 100_000,
      T: 52,
      seed: 20260103,
    });
    const buyers = customers
      .filter((c) => c.frequency > 0)
      .map((c) => ({ frequency: c.frequency, monetaryValue: c.monetaryValue! }));
    expect(buyers.length).toBeGreaterThan(50_000);
    const fit = gammaGamma.fit(buyers);
    expect(fit.converged).toBe(true);
    for (const k of ['p', 'q', 'v'] as const) {
      expect(rel(fit.params[k], truth[k])).toBeLessThan(0.05);
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(4 * fit.standardErrors![k]);
    }
  }, 30_000);
});
