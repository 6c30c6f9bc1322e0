import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { bgNbd } from '../../src/models/bgNbd';
import { bgNbdLogLik } from '../../src/models/bgNbdLikelihood';
import { betaRegularized } from '../../src/models/math/special';
import { simulateCustomers } from '../../src/models/simulate';
import { prepareRfm } from '../../src/models/summaryData';
import { cdnowSummaryPath, readCdnowSummary } from './_cdnow';

// Published CDNOW estimates, Fader, Hardie & Lee (2005), Marketing Science 24(2), §4.
const P = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('bgNbd documented examples', () => {
  it('logLikelihood of one customer', () => {
    // Hand check (FHL eq. 6): A = Γ(2.243)/Γ(.243)·4.414^.243·B(.793, 4.426)/B(.793, 2.426);
    // L = A·[(43.274)^−2.243 + .793/3.426·(34.844)^−2.243]; ln L = −9.4586
    expect(bgNbd.logLikelihood(P, [{ frequency: 2, recency: 30.43, T: 38.86 }])).toBeCloseTo(
      -9.4586,
      4,
    );
  });
  it('expectedPurchases, conditionalExpectedPurchases, probabilityAlive, probabilityOfPurchases', () => {
    expect(bgNbd.expectedPurchases(P, 52)).toBeCloseTo(1.4461, 4);
    // FHL (2005) §5 report 1.226 for this customer over the next 39 weeks.
    expect(
      bgNbd.conditionalExpectedPurchases(P, 39, { frequency: 2, recency: 30.43, T: 38.86 }),
    ).toBeCloseTo(1.226, 3);
    expect(bgNbd.probabilityAlive(P, { frequency: 2, recency: 30.43, T: 38.86 })).toBeCloseTo(
      0.7266,
      4,
    );
    expect(bgNbd.probabilityOfPurchases(P, 39, 0)).toBeCloseTo(0.5738, 4);
  });
});

describe.skipIf(!cdnowSummaryPath)('bgNbd.fit on the CDNOW summary (FHL 2005)', () => {
  it('reproduces r = 0.243, α = 4.414, a = 0.793, b = 2.426 and LL = −9582.4', () => {
    const rows = readCdnowSummary();
    expect(rows).toHaveLength(2357);
    const copy = structuredClone(rows);
    const fit = bgNbd.fit(rows);
    expect(rows).toEqual(copy); // input not mutated
    expect(fit.converged).toBe(true);
    expect(fit.model).toBe('bgNbd');
    expect(fit.n).toBe(2357);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(rel(fit.params[k], P[k])).toBeLessThan(0.005);
    }
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.1);
    // AIC/BIC from LL: k = 4, n = 2357
    expect(fit.aic).toBeCloseTo(8 - 2 * fit.logLikelihood, 8);
    expect(fit.bic).toBeCloseTo(4 * Math.log(2357) - 2 * fit.logLikelihood, 8);
    // Standard errors exist and are small relative to the estimates (a, b are the weakest:
    // lifetimes reports se(a) ≈ 0.19, se(b) ≈ 0.71 on these data).
    expect(fit.standardErrors).not.toBeNull();
    expect(fit.standardErrors!.r).toBeGreaterThan(0.005);
    expect(fit.standardErrors!.r).toBeLessThan(0.03);
    expect(rel(fit.standardErrors!.a, 0.19)).toBeLessThan(0.1);
    expect(rel(fit.standardErrors!.b, 0.71)).toBeLessThan(0.1);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it('gives the same fit from columns, with weights, and in any row order', () => {
    const rows = readCdnowSummary();
    const base = bgNbd.fit(rows);
    const cols = {
      frequency: Float64Array.from(rows, (r) => r.frequency),
      recency: Float64Array.from(rows, (r) => r.recency),
      T: Float64Array.from(rows, (r) => r.T),
    };
    const fromCols = bgNbd.fit(cols);
    expect(fromCols.logLikelihood).toBeCloseTo(base.logLikelihood, 6);
    const reversed = bgNbd.fit([...rows].reverse());
    expect(reversed.params.r).toBeCloseTo(base.params.r, 6);
    // Doubling every weight doubles LL and leaves the estimates unchanged.
    const doubled = bgNbd.fit(rows, { weights: rows.map(() => 2) });
    expect(doubled.params.alpha).toBeCloseTo(base.params.alpha, 5);
    expect(doubled.logLikelihood).toBeCloseTo(2 * base.logLikelihood, 4);
    expect(doubled.n).toBe(4714);
  });

  it('shrinks parameters with the L2 penalizer', () => {
    const rows = readCdnowSummary();
    const plain = bgNbd.fit(rows);
    const pen = bgNbd.fit(rows, { penalizer: 0.01 });
    expect(pen.penalizer).toBe(0.01);
    const norm = (p: typeof P) => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(norm(pen.params)).toBeLessThan(norm(plain.params));
    expect(pen.logLikelihood).toBeLessThan(plain.logLikelihood);
  });

  it('reports non-convergence instead of throwing, and throws when asked', () => {
    const rows = readCdnowSummary();
    const fit = bgNbd.fit(rows, { maxIterations: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(2);
    expect(fit.message).toMatch(/maximum number of iterations/);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(() => bgNbd.fit(rows, { maxIterations: 2, throwOnNonConvergence: true })).toThrow(
      expect.objectContaining({ code: 'CONVERGENCE', iterations: 2 }),
    );
  });
});

describe('bgNbd analytic gradient', () => {
  test.prop([
    fc.double({ min: 0.05, max: 5, noNaN: true }),
    fc.double({ min: 0.5, max: 50, noNaN: true }),
    fc.double({ min: 0.05, max: 5, noNaN: true }),
    fc.double({ min: 0.05, max: 5, noNaN: true }),
  ])('matches central finite differences', (r, alpha, a, b) => {
    const d = prepareRfm('t', [
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 1, recency: 2, T: 38 },
      { frequency: 5, recency: 20.5, T: 39, weight: 3 },
      { frequency: 40, recency: 38, T: 39 },
      { frequency: 2, recency: 0.5, T: 27 },
    ]);
    const th = Float64Array.of(r, alpha, a, b);
    const g = new Float64Array(4);
    bgNbdLogLik(th, d, g);
    for (let i = 0; i < 4; i++) {
      const h = 1e-6 * th[i]!;
      const up = Float64Array.from(th);
      const dn = Float64Array.from(th);
      up[i] = th[i]! + h;
      dn[i] = th[i]! - h;
      const fd = (bgNbdLogLik(up, d) - bgNbdLogLik(dn, d)) / (2 * h);
      expect(Math.abs(g[i]! - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });
});

describe('bgNbd predictions against independent integrals', () => {
  // Reference: mpmath 1.3.0 (mp.dps = 30) numerical quadrature of the posterior integral
  //   E[Y(t)] = P(alive) · ∫ p^(a−2)(1−p)^(b+x−1)(1 − ((α+T)/(α+T+pt))^(r+x)) dp / B(a, b+x),
  //   P(alive at T+h) = P(alive) · ∫ p^(a−1)(1−p)^(b+x−1)((α+T)/(α+T+ph))^(r+x) dp / B(a, b+x),
  // which does not use ₂F₁ (so it checks the closed forms and our hyp2f1 together).
  it.each([
    [39, 2, 30.43, 38.86, 1.2260281747671444],
    [39, 0, 0, 38.86, 0.19509805201126265],
    [10, 25, 30, 38.86, 0.5018796093163674],
    [104, 1, 1, 50, 0.2646351605965563],
    [1000, 3, 20, 30, 13.452461882465078],
  ])('conditionalExpectedPurchases(t=%f | x=%f, tx=%f, T=%f)', (t, x, tx, T, want) => {
    expect(
      rel(bgNbd.conditionalExpectedPurchases(P, t, { frequency: x, recency: tx, T }), want),
    ).toBeLessThan(1e-9);
  });
  it('expectedPurchases(52) equals the integral at x = tₓ = T = 0', () => {
    expect(rel(bgNbd.expectedPurchases(P, 52), 1.4460505953964038)).toBeLessThan(1e-9);
  });
  it.each([
    [10, 2, 30.43, 38.86, 0.6748508420117876],
    [52, 0, 0, 38.86, 0.9438715816349443],
    [5, 10, 35, 38.86, 0.7913441804117805],
  ])('probabilityAlive at horizon %f (x=%f, tx=%f, T=%f)', (h, x, tx, T, want) => {
    expect(
      rel(bgNbd.probabilityAlive(P, { frequency: x, recency: tx, T }, { horizon: h }), want),
    ).toBeLessThan(1e-9);
  });
});

describe('bgNbd.probabilityOfPurchases against R BTYD', () => {
  // BTYD 2.4 manual, bgnbd.pmf examples at the FHL (2005) parameters (as also checked by
  // lifetimes' test_probability_of_n_purchases_up_to_time_same_as_R_BTYD):
  // P(X(2) = 10) = 1.07869e-07 and P(X(30) = n) for n = 11…20.
  it('matches the published values', () => {
    expect(rel(bgNbd.probabilityOfPurchases(P, 2, 10), 1.07869e-7)).toBeLessThan(1e-5);
    const want = [
      0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902,
      0.0004361913, 0.0003467171, 0.0002769613, 0.000222226,
    ];
    want.forEach((w, i) => {
      expect(rel(bgNbd.probabilityOfPurchases(P, 30, 11 + i), w)).toBeLessThan(1e-6);
    });
  });
});

describe('bgNbd invariants', () => {
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
    'P(alive) is in [0, 1], also at a horizon',
    (p, c, h) => {
      for (const v of [
        bgNbd.probabilityAlive(p, c),
        bgNbd.probabilityAlive(p, c, { horizon: h }),
      ]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(bgNbd.probabilityAlive(p, c, { horizon: h })).toBeLessThanOrEqual(
        bgNbd.probabilityAlive(p, c),
      );
    },
  );

  test.prop([
    params,
    customer,
    fc.double({ min: 0, max: 1000, noNaN: true }),
    fc.double({ min: 0, max: 1000, noNaN: true }),
  ])('conditional expectations are finite, ≥ 0 and non-decreasing in t', (p, c, t1, t2) => {
    const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
    const e1 = bgNbd.conditionalExpectedPurchases(p, lo, c);
    const e2 = bgNbd.conditionalExpectedPurchases(p, hi, c);
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
    // X(t) ≤ N(t), the NBD count, so the mass beyond n is ≤ P(N(t) > n) = I_q(n+1, r),
    // q = t/(α+t). Sum until that bound is below 1e-9; the total must then be 1 within 1e-6.
    const q = t / (p.alpha + t);
    let s = 0;
    for (let n = 0; ; n++) {
      s += bgNbd.probabilityOfPurchases(p, t, n);
      if (betaRegularized(q, n + 1, p.r) < 1e-9) break;
    }
    expect(Math.abs(s - 1)).toBeLessThan(1e-6);
  });

  test.prop([fc.array(customer, { minLength: 1, maxLength: 30 }), fc.integer()])(
    'the log-likelihood does not depend on the order of customers',
    (rows, seed) => {
      const shuffled = [...rows];
      let s = seed >>> 0;
      for (let i = shuffled.length - 1; i > 0; i--) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        const j = s % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const a = bgNbd.logLikelihood(P, rows);
      const b = bgNbd.logLikelihood(P, shuffled);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
    },
  );

  it('stays finite on the extreme grid (frequency, recency, T up to 10,000)', () => {
    for (const x of [0, 1, 100, 10_000]) {
      for (const T of [0.5, 100, 10_000]) {
        for (const tx of x === 0 ? [0] : [0, T / 2, T]) {
          const c = { frequency: x, recency: tx, T };
          for (const p of [
            P,
            { r: 5, alpha: 0.1, a: 0.01, b: 20 },
            { r: 0.01, alpha: 100, a: 20, b: 0.05 },
          ]) {
            const pa = bgNbd.probabilityAlive(p, c, { horizon: 100 });
            const e = bgNbd.conditionalExpectedPurchases(p, 10_000, c);
            expect(Number.isFinite(pa) && pa >= 0 && pa <= 1).toBe(true);
            expect(Number.isFinite(e) && e >= 0).toBe(true);
          }
          expect(Number.isFinite(bgNbd.logLikelihood(P, [c]))).toBe(true);
        }
      }
    }
  });
});

describe('bgNbd invalid input', () => {
  const bad: [string, object, string][] = [
    ['recency > T', { customerId: 'c7', frequency: 2, recency: 40, T: 39 }, 'recency_after_T'],
    [
      'recency without repeats',
      { customerId: 'c8', frequency: 0, recency: 3, T: 39 },
      'recency_without_repeat',
    ],
    [
      'non-integer frequency',
      { customerId: 'c9', frequency: 1.5, recency: 3, T: 39 },
      'invalid_frequency',
    ],
    [
      'negative frequency',
      { customerId: 'c10', frequency: -1, recency: 0, T: 39 },
      'invalid_frequency',
    ],
    ['NaN T', { customerId: 'c11', frequency: 1, recency: 3, T: Number.NaN }, 'invalid_T'],
    [
      'infinite recency',
      { customerId: 'c12', frequency: 1, recency: Number.POSITIVE_INFINITY, T: 39 },
      'invalid_recency',
    ],
  ];
  it.each(bad)('rejects %s naming the customer', (_name, row, code) => {
    const data = [
      { frequency: 1, recency: 1, T: 39 },
      row as { frequency: number; recency: number; T: number },
    ];
    try {
      bgNbd.fit(data);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_INPUT' });
      const err = e as { message: string; issues: { code: string; customerId?: string }[] };
      expect(err.issues[0]!.code).toBe(code);
      expect(err.message).toMatch(/^bgNbd\.fit: expected /);
      expect(err.message).toContain((row as { customerId: string }).customerId);
    }
  });
  it('names the row index when there is no customer id', () => {
    expect(() =>
      bgNbd.fit([
        { frequency: 1, recency: 1, T: 39 },
        { frequency: 1, recency: 50, T: 39 },
      ]),
    ).toThrow(/line 1/);
  });
  it('rejects empty data, bad weights, bad options, bad params, t and n', () => {
    expect(() => bgNbd.fit([])).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_DATA' }));
    const one = [{ frequency: 1, recency: 1, T: 39 }];
    expect(() => bgNbd.fit(one, { weights: [-1] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => bgNbd.fit(one, { weights: [1, 2] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => bgNbd.fit(one, { penalizer: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => bgNbd.fit(one, { initialParams: { r: 0 } })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => bgNbd.expectedPurchases({ ...P, a: Number.NaN }, 1)).toThrow(/params\.a/);
    expect(() => bgNbd.expectedPurchases(P, -1)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => bgNbd.probabilityOfPurchases(P, 1, 0.5)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => bgNbd.probabilityAlive(P, { frequency: 1, recency: 5, T: 4 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() =>
      bgNbd.probabilityAlive(P, { frequency: 1, recency: 1, T: 4 }, { horizon: -2 }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('bgNbd parameter recovery (100,000 simulated customers)', () => {
  it('recovers every parameter within 5%', () => {
    const truth = { r: 0.75, alpha: 4, a: 0.8, b: 2.5 };
    const customers = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: truth,
      customers: 100_000,
      T: 104,
      acquisitionSpan: 12,
      seed: 20260101,
    });
    const fit = bgNbd.fit(customers);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(rel(fit.params[k], truth[k])).toBeLessThan(0.05);
      // and the truth lies within 4 standard errors
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(4 * fit.standardErrors![k]);
    }
  }, 30_000);
});

describe('bgNbd.fit on large data (warm start from a subsample)', () => {
  it('reaches the same optimum as a cold start, and says how it started', () => {
    const customers = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: P,
      customers: 160_000,
      T: 78,
      acquisitionSpan: 12,
      seed: 99,
    });
    const cols = {
      frequency: Float64Array.from(customers, (c) => c.frequency),
      recency: Float64Array.from(customers, (c) => c.recency),
      T: Float64Array.from(customers, (c) => c.T),
    };
    const warm = bgNbd.fit(cols);
    expect(warm.converged).toBe(true);
    expect(warm.message).toMatch(/subsample/);
    // initialParams disables the warm start: a cold BFGS run from a fixed point.
    const cold = bgNbd.fit(cols, { initialParams: { r: 1, alpha: 10, a: 1, b: 1 } });
    expect(cold.converged).toBe(true);
    expect(cold.message).not.toMatch(/subsample/);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(rel(warm.params[k], cold.params[k])).toBeLessThan(1e-5);
    }
    expect(warm.logLikelihood).toBeCloseTo(cold.logLikelihood, 4);
  }, 30_000);

  it('accepts very large integer frequencies without a huge lookup table', () => {
    const ll = bgNbd.logLikelihood(P, [
      { frequency: 1e9, recency: 50, T: 60 },
      { frequency: 0, recency: 0, T: 60 },
    ]);
    expect(Number.isFinite(ll)).toBe(true);
  });
});

describe('bgNbd expectations at a = 1 (the closed form divides by a − 1)', () => {
  it('is continuous across a = 1', () => {
    const c = { frequency: 3, recency: 20, T: 39 };
    const at = (a: number) => bgNbd.conditionalExpectedPurchases({ ...P, a }, 52, c);
    const mid = at(1);
    expect(Number.isFinite(mid)).toBe(true);
    // Smooth in a: the value at 1 lies between its neighbours at 1 ± 1e-3 and near their mean.
    const lo = at(1 - 1e-3);
    const hi = at(1 + 1e-3);
    expect(mid).toBeGreaterThanOrEqual(Math.min(lo, hi));
    expect(mid).toBeLessThanOrEqual(Math.max(lo, hi));
    expect(rel(mid, (lo + hi) / 2)).toBeLessThan(1e-6);
    expect(Number.isFinite(bgNbd.expectedPurchases({ ...P, a: 1 }, 52))).toBe(true);
  });
  it('does not mutate the params or customer it is given', () => {
    const p = { ...P };
    const c = { frequency: 3, recency: 20, T: 39 };
    bgNbd.conditionalExpectedPurchases(p, 52, c);
    bgNbd.probabilityAlive(p, c, { horizon: 5 });
    expect(p).toEqual(P);
    expect(c).toEqual({ frequency: 3, recency: 20, T: 39 });
  });
});
