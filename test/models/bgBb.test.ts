import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidInputError } from '../../src/errors';
import {
  type BgBbRow,
  bgBb,
  bgBbConditionalExpectedPurchases,
  bgBbExpectedPurchases,
  bgBbFit,
  bgBbLogLikelihood,
  bgBbLogLikelihoodGradient,
  bgBbProbabilityAlive,
  bgBbProbabilityOfPurchases,
} from '../../src/models/bgBb';
import { sharedData } from '../_helpers/shared';

// Fader, Hardie & Shang (2010), Marketing Science 29(6): estimates on the 1995 donor cohort.
const PUBLISHED = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const ONES = { alpha: 1, beta: 1, gamma: 1, delta: 1 };
const donationsPath = sharedData('donations.csv');

function loadDonations(path: string): BgBbRow[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [frequency, recency, n, weight] = line.split(',').map(Number) as [
        number,
        number,
        number,
        number,
      ];
      return { frequency, recency, n, weight };
    });
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.skipIf(!donationsPath)('bgBb on the donations data (FHS 2010)', () => {
  const rows = donationsPath ? loadDonations(donationsPath) : [];

  it('fit reproduces α = 1.204, β = 0.750, γ = 0.657, δ = 2.783 (0.5%) and LL = −33,225.6', () => {
    expect(rows.reduce((s, r) => s + (r.weight ?? 0), 0)).toBe(11_104);
    const fit = bgBb.fit(rows);
    expect(fit.converged).toBe(true);
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(rel(fit.params[k], PUBLISHED[k])).toBeLessThan(0.005);
    }
    expect(Math.abs(fit.logLikelihood - -33225.6)).toBeLessThan(0.1);
    expect(fit.n).toBe(11_104);
    expect(fit.standardErrors).not.toBeNull();
  });

  it('P(alive in 2002) matches FHS Table 6: 0.11 (x=0), 0.59 (x=2, t_x=4), 0.93 (x=6, t_x=6)', () => {
    const { params } = bgBbFit(rows);
    const cells: [number, number, number][] = [
      [0, 0, 0.11],
      [2, 4, 0.59],
      [6, 6, 0.93],
    ];
    for (const [x, tx, want] of cells) {
      expect(
        bgBbProbabilityAlive(params, { frequency: x, recency: tx, n: 6 }, { horizon: 1 }),
      ).toBeCloseTo(want, 2);
    }
  });

  it('total conditional expectation over 2002–2006 is 12,884.2 (Hardie’s BG/BB spreadsheet, as tested by lifetimes)', () => {
    const { params } = bgBbFit(rows);
    const total = rows.reduce(
      (s, r) => s + (r.weight ?? 0) * bgBbConditionalExpectedPurchases(params, 5, r),
      0,
    );
    expect(Math.abs(total - 12_884.2)).toBeLessThan(0.5);
  });

  it('expected donors with 0 and 6 repeat donations in 1996–2001 are 3,454.9 and 1,253.1 (spreadsheet cells C18, C24)', () => {
    const { params } = bgBbFit(rows);
    expect(Math.abs(11_104 * bgBbProbabilityOfPurchases(params, 6, 0) - 3454.9)).toBeLessThan(0.5);
    expect(Math.abs(11_104 * bgBbProbabilityOfPurchases(params, 6, 6) - 1253.1)).toBeLessThan(0.5);
  });

  it('weighted rows and expanded rows give the same fit (identical patterns are merged)', () => {
    const small = rows.slice(0, 6).map((r) => ({ ...r, weight: Math.ceil((r.weight ?? 1) / 50) }));
    const expanded = small.flatMap((r) =>
      Array.from({ length: r.weight }, () => ({
        frequency: r.frequency,
        recency: r.recency,
        n: r.n,
      })),
    );
    const a = bgBbFit(small);
    const b = bgBbFit(expanded);
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const)
      expect(rel(a.params[k], b.params[k])).toBeLessThan(1e-6);
    expect(a.logLikelihood).toBeCloseTo(b.logLikelihood, 6);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(rows);
    bgBbFit(rows);
    expect(rows).toEqual(copy);
  });
});

describe('bgBb predictions', () => {
  it('logLikelihood: documented example, hand-computed', () => {
    // n = 1, x = 0: alive at opportunity 1 w.p. 1/2 and no purchase w.p. 1/2 → 1/4; or dead before it → 1/2
    expect(bgBbLogLikelihood(ONES, [{ frequency: 0, recency: 0, n: 1 }])).toBeCloseTo(
      Math.log(0.75),
      12,
    );
  });

  it('expectedPurchases: documented example, hand-computed', () => {
    // E[p] = 1/2; P(alive at 1) = B(1,2)/B(1,1) = 1/2, P(alive at 2) = 1/3 → 1/2·(1/2 + 1/3) = 5/12
    expect(bgBbExpectedPurchases(ONES, 2)).toBeCloseTo(5 / 12, 12);
    expect(bgBbExpectedPurchases(ONES, 0)).toBe(0);
  });

  it('probabilityOfPurchases: documented example; mean equals expectedPurchases', () => {
    expect(bgBbProbabilityOfPurchases(ONES, 1, 0)).toBeCloseTo(0.75, 12);
    // namespace example: 3455.8 at the rounded published estimates (3,454.9 at the MLE, tested above)
    expect(Math.abs(bgBb.probabilityOfPurchases(PUBLISHED, 6, 0) * 11_104 - 3455.76)).toBeLessThan(
      0.01,
    );
    let mean = 0;
    for (let x = 0; x <= 6; x++) mean += x * bgBbProbabilityOfPurchases(PUBLISHED, 6, x);
    expect(mean).toBeCloseTo(bgBbExpectedPurchases(PUBLISHED, 6), 10);
    expect(bgBbProbabilityOfPurchases(PUBLISHED, 3, 4)).toBe(0);
  });

  it('conditionalExpectedPurchases and probabilityAlive: documented examples', () => {
    expect(
      bgBbConditionalExpectedPurchases(PUBLISHED, 5, { frequency: 6, recency: 6, n: 6 }),
    ).toBeCloseTo(3.752, 3);
    expect(
      bgBbProbabilityAlive(PUBLISHED, { frequency: 6, recency: 6, n: 6 }, { horizon: 1 }),
    ).toBeCloseTo(0.93, 2);
  });

  it('a new customer (n opportunities, nothing known) is predicted like the unconditional model', () => {
    // Conditioning on "x = t_x = 0 after 0 opportunities" is not a valid history, so instead check
    // additivity: E[X(n, n+m) | history] summed over the histories' probabilities equals E[X(n+m)] − E[X(n)].
    // Enumerate all (x, t_x) histories for n = 3 and weight them by their likelihood.
    const n = 3;
    const m = 4;
    let total = 0;
    let mass = 0;
    for (let tx = 0; tx <= n; tx++) {
      for (let x = tx === 0 ? 0 : 1; x <= tx; x++) {
        // number of purchase sequences with x purchases, last at t_x: C(t_x − 1, x − 1) (1 if x = 0)
        const seqs = x === 0 ? 1 : binom(tx - 1, x - 1);
        const L = Math.exp(bgBbLogLikelihood(PUBLISHED, [{ frequency: x, recency: tx, n }]));
        mass += seqs * L;
        total +=
          seqs *
          L *
          bgBbConditionalExpectedPurchases(PUBLISHED, m, { frequency: x, recency: tx, n });
      }
    }
    expect(mass).toBeCloseTo(1, 12);
    expect(total).toBeCloseTo(
      bgBbExpectedPurchases(PUBLISHED, n + m) - bgBbExpectedPurchases(PUBLISHED, n),
      12,
    );
  });

  it('analytic gradient matches central finite differences of the log-likelihood', () => {
    const data: BgBbRow[] = [
      { frequency: 0, recency: 0, n: 6, weight: 30 },
      { frequency: 2, recency: 4, n: 6, weight: 7 },
      { frequency: 5, recency: 6, n: 6, weight: 3 },
      { frequency: 1, recency: 1, n: 4, weight: 2 },
    ];
    const p = { alpha: 0.8, beta: 1.7, gamma: 0.4, delta: 3.1 };
    const analytic = bgBbLogLikelihoodGradient(p, data);
    const h = 1e-6;
    (['alpha', 'beta', 'gamma', 'delta'] as const).forEach((k, i) => {
      const up = bgBbLogLikelihood({ ...p, [k]: p[k] + h }, data);
      const dn = bgBbLogLikelihood({ ...p, [k]: p[k] - h }, data);
      const numeric = (up - dn) / (2 * h);
      expect(Math.abs((analytic[i] as number) - numeric)).toBeLessThan(
        1e-5 * Math.max(1, Math.abs(numeric)),
      );
    });
    // documented example
    const g1 = bgBbLogLikelihoodGradient(ONES, [{ frequency: 0, recency: 0, n: 1 }]);
    const fd = (['alpha', 'beta', 'gamma', 'delta'] as const).map(
      (k) =>
        (bgBbLogLikelihood({ ...ONES, [k]: 1 + 1e-6 }, [{ frequency: 0, recency: 0, n: 1 }]) -
          bgBbLogLikelihood({ ...ONES, [k]: 1 - 1e-6 }, [{ frequency: 0, recency: 0, n: 1 }])) /
        2e-6,
    );
    g1.forEach((v, i) => {
      expect(v).toBeCloseTo(fd[i] as number, 6);
    });
    // by hand: L = β/(α+β)·δ/(γ+δ) + γ/(γ+δ) = 3/4; ∂L/∂α = −1/8, ∂L/∂β = 1/8, ∂L/∂γ = −1/8 + 1/4, ∂L/∂δ = 1/8 − 1/4
    expect(g1.map((v) => v * 6)).toEqual([
      expect.closeTo(-1, 12),
      expect.closeTo(1, 12),
      expect.closeTo(1, 12),
      expect.closeTo(-1, 12),
    ]);
  });

  test.prop([
    fc.record({
      alpha: fc.double({ min: 0.01, max: 100, noNaN: true }),
      beta: fc.double({ min: 0.01, max: 100, noNaN: true }),
      gamma: fc.double({ min: 0.01, max: 100, noNaN: true }),
      delta: fc.double({ min: 0.01, max: 100, noNaN: true }),
    }),
    fc.integer({ min: 1, max: 40 }),
    fc.nat(40),
    fc.nat(40),
  ])(
    'P(alive) in [0, 1]; P(X(n) = x) sums to 1; conditional expectations ≥ 0 and non-decreasing',
    (p, n, a, b) => {
      const tx = a % (n + 1);
      const x = tx === 0 ? 0 : 1 + (b % tx);
      const h = { frequency: x, recency: tx, n };
      const pa = bgBbProbabilityAlive(p, h);
      expect(pa >= 0 && pa <= 1).toBe(true);
      expect(bgBbProbabilityAlive(p, h, { horizon: 3 })).toBeLessThanOrEqual(pa + 1e-12);
      let s = 0;
      for (let k = 0; k <= n; k++) s += bgBbProbabilityOfPurchases(p, n, k);
      expect(Math.abs(s - 1)).toBeLessThan(1e-6);
      const e1 = bgBbConditionalExpectedPurchases(p, 1, h);
      const e5 = bgBbConditionalExpectedPurchases(p, 5, h);
      expect(e1).toBeGreaterThanOrEqual(0);
      expect(e5).toBeGreaterThanOrEqual(e1);
      expect(e5).toBeLessThanOrEqual(5 + 1e-9);
    },
  );

  it('extreme inputs stay finite: frequency and n up to 10,000', () => {
    for (const h of [
      { frequency: 10_000, recency: 10_000, n: 10_000 },
      { frequency: 1, recency: 1, n: 10_000 },
      { frequency: 0, recency: 0, n: 10_000 },
      { frequency: 5_000, recency: 9_000, n: 10_000 },
    ]) {
      for (const p of [
        PUBLISHED,
        { alpha: 1e-3, beta: 1e3, gamma: 1e3, delta: 1e-3 },
        { alpha: 50, beta: 0.01, gamma: 0.01, delta: 50 },
      ]) {
        const pa = bgBbProbabilityAlive(p, h);
        expect(Number.isFinite(pa) && pa >= 0 && pa <= 1).toBe(true);
        expect(Number.isFinite(bgBbConditionalExpectedPurchases(p, 100, h))).toBe(true);
        expect(Number.isFinite(bgBbLogLikelihood(p, [h]))).toBe(true);
      }
    }
    expect(Number.isFinite(bgBbExpectedPurchases(PUBLISHED, 10_000))).toBe(true);
    expect(Number.isFinite(bgBbProbabilityOfPurchases(PUBLISHED, 10_000, 5_000))).toBe(true);
  });

  it('rejects invalid rows and parameters with typed errors naming field and row', () => {
    const cases: [() => unknown, RegExp][] = [
      [
        () => bgBbFit([{ frequency: 2, recency: 1, n: 6 }]),
        /bgBb\.fit: expected frequency <= recency \(1\), received 2/,
      ],
      [
        () => bgBbFit([{ frequency: 0, recency: 2, n: 6 }]),
        /expected recency 0 exactly when frequency is 0/,
      ],
      [
        () => bgBbFit([{ frequency: 1, recency: 7, n: 6 }]),
        /expected recency <= n \(6\), received 7/,
      ],
      [
        () => bgBbFit([{ frequency: 1.5, recency: 2, n: 6 }]),
        /expected frequency an integer >= 0, received 1\.5/,
      ],
      [
        () => bgBbFit([{ frequency: 1, recency: 2, n: 6, weight: -1 }]),
        /expected weight a finite number >= 0, received -1/,
      ],
      [() => bgBbFit([]), /expected data at least one row with weight > 0, received "empty array"/],
      [
        () => bgBbProbabilityAlive({ ...PUBLISHED, gamma: -1 }, { frequency: 0, recency: 0, n: 1 }),
        /params\.gamma/,
      ],
      [() => bgBbExpectedPurchases(PUBLISHED, 2.5), /periods an integer >= 0, received 2\.5/],
    ];
    for (const [f, re] of cases) {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).code).toBe('INVALID_INPUT');
      expect((err as Error).message).toMatch(re);
    }
    expect(() => bgBbFit([{ frequency: 0, recency: 0, n: 6, weight: 10 }])).toThrow(
      InsufficientDataError,
    );
    expect(() => bgBbFit([{ frequency: 0, recency: 0, n: 6, weight: 10 }])).toThrow(
      /bgBb\.fit: expected at least one customer with frequency > 0, received none/,
    );
    try {
      bgBbFit([
        { frequency: 0, recency: 0, n: 6 },
        { frequency: 3, recency: 2, n: 6, customerId: 'c2' },
      ]);
    } catch (e) {
      expect((e as InvalidInputError).issues[0]).toMatchObject({
        customerId: 'c2',
        path: ['data', 1],
      });
    }
  });
});

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
