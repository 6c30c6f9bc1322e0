import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { paretoNbd } from '../../src/models/paretoNbd';
import { paretoNbdLogLik } from '../../src/models/paretoNbdLikelihood';
import { simulateCustomers } from '../../src/models/simulate';
import { prepareRfm } from '../../src/models/summaryData';
import { cdnowSummaryPath, readCdnowSummary } from './_cdnow';

// Published CDNOW estimates: Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves
// for Customer Base Analysis", JMR 42(4), and Fader & Hardie's Pareto/NBD implementation note:
// r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0.
const P = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const C = { frequency: 2, recency: 30.43, T: 38.86 };

describe('paretoNbd documented examples', () => {
  it('logLikelihood, expectedPurchases, conditionalExpectedPurchases, probabilityAlive, probabilityOfPurchases', () => {
    expect(paretoNbd.logLikelihood(P, [C])).toBeCloseTo(-9.5543, 4);
    expect(paretoNbd.expectedPurchases(P, 52)).toBeCloseTo(1.473, 4);
    expect(paretoNbd.conditionalExpectedPurchases(P, 39, C)).toBeCloseTo(1.4551, 4);
    expect(paretoNbd.probabilityAlive(P, C)).toBeCloseTo(0.8692, 4);
    expect(paretoNbd.probabilityOfPurchases(P, 39, 0)).toBeCloseTo(0.5936, 4);
  });
});

describe('paretoNbd against hand-computable cases', () => {
  it('reduces to elementary functions when α = β (z = 0 in the ₂F₁)', () => {
    // With α = β: L = Γ(r+x)α^(r+s)/Γ(r) · [(α+T)^−(r+s+x) + s/(r+s+x)·((α+tₓ)^−(r+s+x) − (α+T)^−(r+s+x))]
    const p = { r: 0.8, alpha: 5, s: 1.3, beta: 5 };
    const x = 3;
    const tx = 10;
    const T = 20;
    const a = p.r + p.s + x;
    const L =
      Math.exp(lgamma(p.r + x) - lgamma(p.r)) *
      p.alpha ** (p.r + p.s) *
      ((p.alpha + T) ** -a + (p.s / a) * ((p.alpha + tx) ** -a - (p.alpha + T) ** -a));
    expect(paretoNbd.logLikelihood(p, [{ frequency: x, recency: tx, T }])).toBeCloseTo(
      Math.log(L),
      10,
    );
    // P(alive) = 1/(1 + s/a · [((α+T)/(α+tₓ))^a − 1])
    const pa = 1 / (1 + (p.s / a) * (((p.alpha + T) / (p.alpha + tx)) ** a - 1));
    expect(paretoNbd.probabilityAlive(p, { frequency: x, recency: tx, T })).toBeCloseTo(pa, 12);
  });
  it('P(alive) = 1 for a customer who bought at T; horizon multiplies by ((β+T)/(β+T+h))^s', () => {
    expect(paretoNbd.probabilityAlive(P, { frequency: 4, recency: 30, T: 30 })).toBeCloseTo(1, 12);
    const base = paretoNbd.probabilityAlive(P, C);
    const later = paretoNbd.probabilityAlive(P, C, { horizon: 10 });
    expect(later).toBeCloseTo(base * ((P.beta + C.T) / (P.beta + C.T + 10)) ** P.s, 12);
  });
  // Reference: mpmath 1.3.0 (dps 30) adaptive quadrature of the same lifetime-mixture
  // integral, (β/(β+t))^s·NB(n; t) + ∫₀ᵗ sβ^s(β+τ)^(−s−1)·NB(n; τ) dτ, at the published params.
  it.each([
    [39, 0, 0.5936250316023839],
    [39, 1, 0.1655629472771755],
    [39, 5, 0.02148482836182104],
    [104, 2, 0.07690825091364067],
    [2, 10, 1.89028543103055e-9],
  ])('probabilityOfPurchases(t = %f, n = %f) matches mpmath', (t, n, want) => {
    expect(rel(paretoNbd.probabilityOfPurchases(P, t, n), want)).toBeLessThan(1e-9);
  });
  it('probabilityOfPurchases sums to 1 and its mean equals expectedPurchases', () => {
    let s = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const q = paretoNbd.probabilityOfPurchases(P, 39, n);
      s += q;
      mean += n * q;
    }
    expect(Math.abs(s - 1)).toBeLessThan(1e-9);
    expect(rel(mean, paretoNbd.expectedPurchases(P, 39))).toBeLessThan(1e-8);
  });
});

describe.skipIf(!cdnowSummaryPath)('paretoNbd.fit on the CDNOW summary', () => {
  it('reproduces the published estimates and LL −9595.0', () => {
    const rows = readCdnowSummary();
    const copy = structuredClone(rows);
    const fit = paretoNbd.fit(rows);
    expect(rows).toEqual(copy);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(rel(fit.params[k], P[k])).toBeLessThan(0.005);
    }
    expect(Math.abs(fit.logLikelihood - -9595.0)).toBeLessThan(0.1);
    expect(fit.standardErrors).not.toBeNull();
    // β is weakly identified on CDNOW (flat likelihood): its SE is half its value.
    expect(fit.standardErrors!.beta).toBeGreaterThan(1);
    expect(fit.standardErrors!.r).toBeLessThan(0.1);
    // BG/NBD fits these data slightly better (−9582.4 vs −9595.0), as FHL (2005) report.
    expect(fit.aic).toBeGreaterThan(19172);
  });
});

describe('paretoNbd analytic gradient', () => {
  test.prop([
    fc.double({ min: 0.05, max: 5, noNaN: true }),
    fc.double({ min: 0.5, max: 50, noNaN: true }),
    fc.double({ min: 0.05, max: 5, noNaN: true }),
    fc.double({ min: 0.5, max: 50, noNaN: true }),
  ])('matches central finite differences (both α ≥ β and α < β branches)', (r, alpha, s, beta) => {
    const d = prepareRfm('t', [
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 1, recency: 2, T: 38 },
      { frequency: 5, recency: 20.5, T: 39, weight: 3 },
      { frequency: 40, recency: 38, T: 39 },
      { frequency: 2, recency: 0.5, T: 27 },
    ]);
    const th = Float64Array.of(r, alpha, s, beta);
    const g = new Float64Array(4);
    paretoNbdLogLik(th, d, g);
    for (let i = 0; i < 4; i++) {
      const h = 1e-6 * th[i]!;
      const up = Float64Array.from(th);
      const dn = Float64Array.from(th);
      up[i] = th[i]! + h;
      dn[i] = th[i]! - h;
      const fd = (paretoNbdLogLik(up, d) - paretoNbdLogLik(dn, d)) / (2 * h);
      expect(Math.abs(g[i]! - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });
});

describe('paretoNbd invariants', () => {
  const params = fc.record({
    r: fc.double({ min: 0.01, max: 20, noNaN: true }),
    alpha: fc.double({ min: 0.01, max: 100, noNaN: true }),
    s: fc.double({ min: 0.01, max: 20, noNaN: true }),
    beta: fc.double({ min: 0.01, max: 100, noNaN: true }),
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
      const now = paretoNbd.probabilityAlive(p, c);
      const later = paretoNbd.probabilityAlive(p, c, { horizon: h });
      expect(now).toBeGreaterThanOrEqual(0);
      expect(now).toBeLessThanOrEqual(1);
      expect(later).toBeGreaterThanOrEqual(0);
      expect(later).toBeLessThanOrEqual(now);
    },
  );

  test.prop([
    params,
    customer,
    fc.double({ min: 0, max: 1000, noNaN: true }),
    fc.double({ min: 0, max: 1000, noNaN: true }),
  ])('conditional expectations are finite, ≥ 0 and non-decreasing in t', (p, c, t1, t2) => {
    const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
    const e1 = paretoNbd.conditionalExpectedPurchases(p, lo, c);
    const e2 = paretoNbd.conditionalExpectedPurchases(p, hi, c);
    expect(Number.isFinite(e1) && Number.isFinite(e2)).toBe(true);
    expect(e1).toBeGreaterThanOrEqual(0);
    expect(e2).toBeGreaterThanOrEqual(e1 * (1 - 1e-12));
  });

  test.prop(
    [
      params.map((p) => ({ ...p, alpha: 1 + p.alpha })),
      fc.double({ min: 0.01, max: 52, noNaN: true }),
    ],
    { numRuns: 30 },
  )('probabilityOfPurchases sums to 1 over n', (p, t) => {
    // X(t) ≤ NBD count over t, so the mass beyond n is ≤ P(NB > n); stop when < 1e-9.
    const q = t / (p.alpha + t);
    let s = 0;
    let tail = 1;
    for (let n = 0; tail > 1e-9 && n < 50_000; n++) {
      const nb = Math.exp(
        lgamma(p.r + n) - lgamma(p.r) - lgamma(n + 1) + p.r * Math.log1p(-q) + n * Math.log(q),
      );
      tail -= nb;
      s += paretoNbd.probabilityOfPurchases(p, t, n);
    }
    expect(Math.abs(s - 1)).toBeLessThan(1e-6);
  });

  it('stays finite on the extreme grid (frequency, recency, T up to 10,000)', () => {
    for (const x of [0, 1, 100, 10_000]) {
      for (const T of [0.5, 100, 10_000]) {
        for (const tx of x === 0 ? [0] : [0, T / 2, T]) {
          const c = { frequency: x, recency: tx, T };
          for (const p of [
            P,
            { r: 5, alpha: 0.1, s: 0.01, beta: 20 },
            { r: 0.01, alpha: 100, s: 20, beta: 0.05 },
          ]) {
            const pa = paretoNbd.probabilityAlive(p, c, { horizon: 100 });
            const e = paretoNbd.conditionalExpectedPurchases(p, 10_000, c);
            const ll = paretoNbd.logLikelihood(p, [c]);
            expect(Number.isFinite(pa) && pa >= 0 && pa <= 1).toBe(true);
            expect(Number.isFinite(e) && e >= 0).toBe(true);
            expect(Number.isFinite(ll)).toBe(true);
          }
        }
      }
    }
  });
});

describe('paretoNbd invalid input', () => {
  it('rejects invalid summaries naming the customer, and invalid params, t, n, horizon', () => {
    expect(() =>
      paretoNbd.fit([
        { customerId: 'a', frequency: 1, recency: 2, T: 39 },
        { customerId: 'b', frequency: 1, recency: 45, T: 39 },
      ]),
    ).toThrow(/paretoNbd\.fit: expected recency ≤ T \(39\), received 45 \(customer "b"\)/);
    expect(() => paretoNbd.fit([{ frequency: 0, recency: 1, T: 3 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => paretoNbd.fit([])).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_DATA' }));
    expect(() => paretoNbd.expectedPurchases({ ...P, s: -1 }, 1)).toThrow(/params\.s/);
    expect(() => paretoNbd.conditionalExpectedPurchases(P, Number.NaN, C)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => paretoNbd.probabilityOfPurchases(P, 1, -1)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => paretoNbd.probabilityAlive(P, C, { horizon: Number.POSITIVE_INFINITY })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('paretoNbd parameter recovery (100,000 simulated customers)', () => {
  it('recovers every parameter within 5%', () => {
    const truth = { r: 0.8, alpha: 5, s: 0.9, beta: 12 };
    const customers = simulateCustomers({
      transactionModel: 'paretoNbd',
      transactionParams: truth,
      customers: 100_000,
      T: 104,
      acquisitionSpan: 12,
      seed: 20260102,
    });
    const fit = paretoNbd.fit(customers);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(rel(fit.params[k], truth[k])).toBeLessThan(0.05);
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(4 * fit.standardErrors![k]);
    }
  }, 60_000);
});

function lgamma(x: number): number {
  // Lanczos (g = 7, n = 9) for the hand computations, independent of @stdlib.
  const g = 7;
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
    -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const xx = x - 1;
  let a = c[0]!;
  const t = xx + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}
