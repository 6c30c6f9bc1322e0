import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/models/bgNbd';
import { mbgNbdLogLik } from '../../src/models/bgNbdLikelihood';
import { betaRegularized } from '../../src/models/math/special';
import { mbgNbd } from '../../src/models/mbgNbd';
import { simulateCustomers } from '../../src/models/simulate';
import { prepareRfm } from '../../src/models/summaryData';
import { cdnowSummaryPath, readCdnowSummary } from './_cdnow';

// BTYDplus (Platzer) MBG/NBD estimates on the CDNOW summary, as checked by lifetimes'
// test_params_out_is_close_to_BTYDplus (3 decimals): r 0.525, α 6.183, a 0.891, b 1.614.
const P = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const C = { frequency: 2, recency: 30.43, T: 38.86 };

describe('mbgNbd documented examples', () => {
  it('logLikelihood, expectedPurchases, conditionalExpectedPurchases, probabilityAlive, probabilityOfPurchases', () => {
    // x = 0: B(a, b+1)/B(a, b) = b/(a+b) and the bracket is (α+T)^−r + (a/b)·α^−r, so
    // L = α^r·b/(a+b)·[(α+T)^−r + (a/b)·α^−r] = b/(a+b)·(α/(α+T))^r + a/(a+b)
    //   = 0.64431·(6.183/45.043)^0.525 + 0.35569 = 0.58281 → ln L = −0.5398.
    const a = P.a;
    const b = P.b;
    const L = (b / (a + b)) * (P.alpha / (P.alpha + 38.86)) ** P.r + a / (a + b);
    expect(mbgNbd.logLikelihood(P, [{ frequency: 0, recency: 0, T: 38.86 }])).toBeCloseTo(
      Math.log(L),
      12,
    );
    expect(mbgNbd.logLikelihood(P, [{ frequency: 0, recency: 0, T: 38.86 }])).toBeCloseTo(
      -0.5398,
      4,
    );
    expect(mbgNbd.expectedPurchases(P, 78)).toBeCloseTo(1.8048, 4);
    expect(mbgNbd.conditionalExpectedPurchases(P, 39, C)).toBeCloseTo(1.263, 4);
    // P(alive | x = 0) = 1/(1 + a/b) = b/(a+b) = 1.614/2.505 = 0.64431 at T = 0; at T = 38.86
    // with tₓ = 0: 1/(1 + (a/b)·(44.043/6.183)^0.525) = 0.3897
    expect(mbgNbd.probabilityAlive(P, { frequency: 0, recency: 0, T: 0 })).toBeCloseTo(
      b / (a + b),
      12,
    );
    expect(mbgNbd.probabilityAlive(P, { frequency: 0, recency: 0, T: 38.86 })).toBeCloseTo(
      0.3897,
      4,
    );
    expect(mbgNbd.probabilityOfPurchases(P, 39, 0)).toBeCloseTo(0.5825, 4);
  });
});

describe.skipIf(!cdnowSummaryPath)('mbgNbd.fit on the CDNOW summary', () => {
  it('matches the BTYDplus estimates to 3 decimals', () => {
    const rows = readCdnowSummary();
    const fit = mbgNbd.fit(rows);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[k] - P[k])).toBeLessThan(0.0015);
    }
    // Consistency: LL at the estimate exceeds LL at the rounded published values, and the MBG
    // and BG/NBD likelihoods are within a few units (same data, same number of parameters).
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(mbgNbd.logLikelihood(P, rows));
    expect(Math.abs(fit.logLikelihood - bgNbd.fit(rows).logLikelihood)).toBeLessThan(5);
  });
});

describe('mbgNbd consistency', () => {
  it('P(X(t)=n) sums to 1 and its mean equals expectedPurchases (independent formulas)', () => {
    let s = 0;
    let mean = 0;
    for (let n = 0; n < 3000; n++) {
      const q = mbgNbd.probabilityOfPurchases(P, 39, n);
      s += q;
      mean += n * q;
    }
    expect(Math.abs(s - 1)).toBeLessThan(1e-9);
    expect(rel(mean, mbgNbd.expectedPurchases(P, 39))).toBeLessThan(1e-9);
  });
  test.prop([
    fc.double({ min: 0.05, max: 5, noNaN: true }),
    fc.double({ min: 0.5, max: 50, noNaN: true }),
    fc.double({ min: 0.05, max: 5, noNaN: true }),
    fc.double({ min: 0.05, max: 5, noNaN: true }),
  ])('analytic gradient matches central finite differences', (r, alpha, a, b) => {
    const d = prepareRfm('t', [
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 1, recency: 2, T: 38 },
      { frequency: 5, recency: 20.5, T: 39, weight: 3 },
      { frequency: 40, recency: 38, T: 39 },
    ]);
    const th = Float64Array.of(r, alpha, a, b);
    const g = new Float64Array(4);
    mbgNbdLogLik(th, d, g);
    for (let i = 0; i < 4; i++) {
      const h = 1e-6 * th[i]!;
      const up = Float64Array.from(th);
      const dn = Float64Array.from(th);
      up[i] = th[i]! + h;
      dn[i] = th[i]! - h;
      const fd = (mbgNbdLogLik(up, d) - mbgNbdLogLik(dn, d)) / (2 * h);
      expect(Math.abs(g[i]! - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });
});

describe('mbgNbd invariants', () => {
  const params = fc.record({
    r: fc.double({ min: 0.01, max: 20, noNaN: true }),
    alpha: fc.double({ min: 0.01, max: 100, noNaN: true }),
    a: fc.double({ min: 0.01, max: 20, noNaN: true }),
    b: fc.double({ min: 0.01, max: 20, noNaN: true }),
  });
  const customer = fc
    .record({
      frequency: fc.integer({ min: 0, max: 10_000 }),
      u: fc.double({ min: 0, max: 1, noNaN: true }),
      T: fc.double({ min: 0, max: 10_000, noNaN: true }),
    })
    .map(({ frequency, u, T }) => ({ frequency, recency: frequency === 0 ? 0 : u * T, T }));
  test.prop([params, customer, fc.double({ min: 0, max: 10_000, noNaN: true })])(
    'P(alive) is in [0, 1] and not larger at a horizon',
    (p, c, h) => {
      const now = mbgNbd.probabilityAlive(p, c);
      const later = mbgNbd.probabilityAlive(p, c, { horizon: h });
      expect(now).toBeGreaterThanOrEqual(0);
      expect(now).toBeLessThanOrEqual(1);
      expect(later).toBeGreaterThanOrEqual(0);
      expect(later).toBeLessThanOrEqual(now * (1 + 1e-12));
    },
  );
  test.prop([
    params,
    customer,
    fc.double({ min: 0, max: 1000, noNaN: true }),
    fc.double({ min: 0, max: 1000, noNaN: true }),
  ])('conditional expectations are finite, ≥ 0 and non-decreasing in t', (p, c, t1, t2) => {
    const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
    const e1 = mbgNbd.conditionalExpectedPurchases(p, lo, c);
    const e2 = mbgNbd.conditionalExpectedPurchases(p, hi, c);
    expect(Number.isFinite(e1) && Number.isFinite(e2)).toBe(true);
    expect(e1).toBeGreaterThanOrEqual(0);
    expect(e2).toBeGreaterThanOrEqual(e1 * (1 - 1e-9) - 1e-12);
  });
  test.prop(
    [
      params.map((p) => ({ ...p, alpha: 1 + p.alpha })),
      fc.double({ min: 0.01, max: 52, noNaN: true }),
    ],
    { numRuns: 50 },
  )('probabilityOfPurchases sums to 1 over n', (p, t) => {
    // X(t) ≤ the NBD count N(t): the mass beyond n is ≤ P(N(t) > n) = I_q(n+1, r).
    const q = t / (p.alpha + t);
    let s = 0;
    for (let n = 0; ; n++) {
      s += mbgNbd.probabilityOfPurchases(p, t, n);
      if (betaRegularized(q, n + 1, p.r) < 1e-9) break;
    }
    expect(Math.abs(s - 1)).toBeLessThan(1e-6);
  });
  it('stays finite on the extreme grid and rejects invalid input', () => {
    for (const x of [0, 1, 100, 10_000]) {
      for (const T of [0.5, 100, 10_000]) {
        for (const tx of x === 0 ? [0] : [0, T / 2, T]) {
          const c = { frequency: x, recency: tx, T };
          const pa = mbgNbd.probabilityAlive(P, c, { horizon: 100 });
          const e = mbgNbd.conditionalExpectedPurchases(P, 10_000, c);
          expect(Number.isFinite(pa) && pa >= 0 && pa <= 1).toBe(true);
          expect(Number.isFinite(e) && e >= 0).toBe(true);
          expect(Number.isFinite(mbgNbd.logLikelihood(P, [c]))).toBe(true);
        }
      }
    }
    expect(() => mbgNbd.fit([{ customerId: 'q', frequency: 3, recency: 9, T: 8 }])).toThrow(
      /mbgNbd\.fit: expected recency ≤ T \(8\), received 9 \(customer "q"\)/,
    );
    expect(() => mbgNbd.probabilityOfPurchases(P, 1, 2.5)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('mbgNbd parameter recovery (100,000 simulated customers)', () => {
  it('recovers every parameter within 5%', () => {
    const truth = { r: 0.75, alpha: 4, a: 0.8, b: 2.5 };
    const customers = simulateCustomers({
      transactionModel: 'mbgNbd',
      transactionParams: truth,
      customers: 100_000,
      T: 104,
      acquisitionSpan: 12,
      seed: 20260104,
    });
    const fit = mbgNbd.fit(customers);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(rel(fit.params[k], truth[k])).toBeLessThan(0.05);
    }
  }, 30_000);
});
