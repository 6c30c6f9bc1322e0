import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { simulateCustomers } from '../../src/models/simulate';
import { simulateTransactions } from '../../src/models/simulateTransactions';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // Fader, Hardie & Lee (2005) CDNOW estimates
const PNBD = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }; // Fader & Hardie's CDNOW Pareto/NBD estimates
const GG = { p: 6.25, q: 3.74, v: 15.44 }; // Fader & Hardie (2013) CDNOW Gamma-Gamma estimates

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

describe('simulateCustomers', () => {
  it('runs its documented example', () => {
    const rows = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: BG,
      customers: 3,
      T: 39,
      seed: 42,
    });
    expect(rows.length).toBe(3);
    expect(rows.every((c) => c.T === 39 && c.recency <= c.T)).toBe(true);
  });

  it('pins the draws at seed 42 (mt19937 + @stdlib samplers; changes only if the draw order changes)', () => {
    const rows = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: BG,
      customers: 8,
      T: 39,
      seed: 42,
    });
    expect(rows.map((c) => c.frequency)).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
    expect(rows[5]?.recency).toBeCloseTo(4.813034, 6);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const opts = {
      transactionModel: 'bgNbd' as const,
      transactionParams: BG,
      monetaryParams: GG,
      customers: 500,
      T: 39,
      acquisitionSpan: 12,
      seed: 2024,
    };
    const a = simulateCustomers(opts);
    const b = simulateCustomers(opts);
    expect(b).toEqual(a);
    const c = simulateCustomers({ ...opts, seed: 2025 });
    expect(c.map((x) => x.T)).not.toEqual(a.map((x) => x.T));
  });

  it('BG/NBD: share with no repeat purchase matches P(X(T)=0) = (α/(α+T))^r (FHL 2005 eq. 8 at x=0)', () => {
    // Without a purchase there is no dropout opportunity, so P(X(t)=0) = E[e^{-λt}] = (α/(α+t))^r.
    // (4.414/43.414)^0.243 = exp(0.243·ln 0.101672) = exp(0.243·(−2.286001)) = exp(−0.555498) = 0.573786.
    const n = 40_000;
    const rows = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: BG,
      customers: n,
      T: 39,
      seed: 11,
    });
    const p0 = (BG.alpha / (BG.alpha + 39)) ** BG.r;
    expect(p0).toBeCloseTo(0.573786, 5);
    const share = rows.filter((c) => c.frequency === 0).length / n;
    const se = Math.sqrt((p0 * (1 - p0)) / n); // binomial standard error ≈ 0.00247
    expect(Math.abs(share - p0)).toBeLessThan(4 * se);
  });

  it('MBG/NBD: zero-purchase share is E[p] + E[1−p]·(α/(α+T))^r (dropout possible at time 0)', () => {
    const n = 40_000;
    const rows = simulateCustomers({
      transactionModel: 'mbgNbd',
      transactionParams: BG,
      customers: n,
      T: 39,
      seed: 12,
    });
    const Ep = BG.a / (BG.a + BG.b); // 0.24635
    const p0 = Ep + (1 - Ep) * (BG.alpha / (BG.alpha + 39)) ** BG.r;
    const share = rows.filter((c) => c.frequency === 0).length / n;
    expect(Math.abs(share - p0)).toBeLessThan(4 * Math.sqrt((p0 * (1 - p0)) / n));
  });

  it('Pareto/NBD: mean frequency matches E[X(t)] = rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)] (SMC 1987)', () => {
    const n = 40_000;
    const T = 39;
    const rows = simulateCustomers({
      transactionModel: 'paretoNbd',
      transactionParams: PNBD,
      customers: n,
      T,
      seed: 13,
    });
    const { r, alpha, s, beta } = PNBD;
    const expected = ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + T)) ** (s - 1));
    const xs = rows.map((c) => c.frequency);
    // standard error of the sample mean from the sample's own spread
    expect(Math.abs(mean(xs) - expected)).toBeLessThan(4 * (sd(xs) / Math.sqrt(n)));
    // alive share: P(τ > T) = (β/(β+T))^s
    const alive = rows.filter((c) => c.latent.alive).length / n;
    const pAlive = (beta / (beta + T)) ** s;
    expect(Math.abs(alive - pAlive)).toBeLessThan(4 * Math.sqrt((pAlive * (1 - pAlive)) / n));
  });

  it('acquisition spread: T uniform on (T − span, T], zero-purchase share averages (α/(α+T_i))^r', () => {
    const n = 40_000;
    const rows = simulateCustomers({
      transactionModel: 'bgNbd',
      transactionParams: BG,
      customers: n,
      T: 39,
      acquisitionSpan: 12,
      seed: 14,
    });
    expect(Math.min(...rows.map((c) => c.T))).toBeGreaterThan(27);
    expect(Math.max(...rows.map((c) => c.T))).toBeLessThanOrEqual(39);
    expect(Math.abs(mean(rows.map((c) => c.T)) - 33)).toBeLessThan(
      4 * (12 / Math.sqrt(12) / Math.sqrt(n)),
    );
    // E over T_i ~ U(27, 39] by the midpoint rule on 1,200 cells
    let p0 = 0;
    for (let k = 0; k < 1200; k++)
      p0 += (BG.alpha / (BG.alpha + 27 + (12 * (k + 0.5)) / 1200)) ** BG.r / 1200;
    const share = rows.filter((c) => c.frequency === 0).length / n;
    expect(Math.abs(share - p0)).toBeLessThan(4 * Math.sqrt((p0 * (1 - p0)) / n));
  });

  it('Gamma-Gamma: mean spend per transaction matches p·v/(q−1) (Fader & Hardie 2013)', () => {
    const n = 30_000;
    const sim = simulateTransactions({
      transactionModel: 'bgNbd',
      transactionParams: BG,
      monetaryParams: GG,
      customers: n,
      T: 39,
      seed: 15,
      start: new Date('1997-01-01T00:00:00Z'),
      unit: 'week',
    });
    // First purchases: one per customer, independent across customers. 6.25·15.44/2.74 = 35.2190.
    const expected = (GG.p * GG.v) / (GG.q - 1);
    expect(expected).toBeCloseTo(35.219, 3);
    const firsts: number[] = [];
    const seen = new Set<string>();
    for (const t of sim.transactions) {
      if (!seen.has(t.customerId)) {
        seen.add(t.customerId);
        firsts.push(t.amount);
      }
    }
    expect(firsts.length).toBe(n);
    expect(Math.abs(mean(firsts) - expected)).toBeLessThan(4 * (sd(firsts) / Math.sqrt(n)));
    // Repeat buyers' monetaryValue: E[z̄ | x] = E[p/ν] = p·v/(q−1) for every x.
    const mv = sim.customers.filter((c) => c.frequency > 0).map((c) => c.monetaryValue as number);
    expect(Math.abs(mean(mv) - expected)).toBeLessThan(4 * (sd(mv) / Math.sqrt(mv.length)));
    expect(sim.customers.filter((c) => c.frequency === 0).every((c) => c.monetaryValue === 0)).toBe(
      true,
    );
  });

  it('rejects invalid options with typed errors naming the field', () => {
    const base = {
      transactionModel: 'bgNbd' as const,
      transactionParams: BG,
      customers: 10,
      T: 39,
      seed: 1,
    };
    const cases: [unknown, RegExp][] = [
      [
        { ...base, seed: 0 },
        /simulateCustomers: expected seed an integer in 1 … 4294967295, received 0/,
      ],
      [{ ...base, seed: 1.5 }, /seed/],
      [{ ...base, customers: 0 }, /customers .* received 0/],
      [{ ...base, T: -1 }, /expected T a finite number > 0, received -1/],
      [{ ...base, acquisitionSpan: 39 }, /acquisitionSpan < T \(39\), received 39/],
      [
        { ...base, transactionParams: { ...BG, a: Number.NaN } },
        /transactionParams\.a .* received NaN/,
      ],
      [{ ...base, monetaryParams: { p: 1, q: 0, v: 1 } }, /monetaryParams\.q/],
      [
        { ...base, transactionModel: 'foo' },
        /transactionModel 'bgNbd' \| 'mbgNbd' \| 'paretoNbd', received "foo"/,
      ],
    ];
    for (const [opts, re] of cases) {
      let err: unknown;
      try {
        simulateCustomers(opts as never);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).code).toBe('INVALID_INPUT');
      expect((err as Error).message).toMatch(re);
    }
  });

  it('does not mutate its options', () => {
    const opts = {
      transactionModel: 'paretoNbd' as const,
      transactionParams: { ...PNBD },
      customers: 5,
      T: 10,
      seed: 3,
    };
    const copy = structuredClone(opts);
    simulateCustomers(opts);
    expect(opts).toEqual(copy);
  });

  test.prop([
    fc.integer({ min: 1, max: 2 ** 32 - 1 }),
    fc.constantFrom('bgNbd' as const, 'mbgNbd' as const, 'paretoNbd' as const),
    fc.double({ min: 0.01, max: 5, noNaN: true }),
    fc.double({ min: 0.5, max: 50, noNaN: true }),
  ])('summaries are valid and identical for the same seed', (seed, model, x, y) => {
    const transactionParams =
      model === 'paretoNbd' ? { r: x, alpha: y, s: y, beta: x } : { r: x, alpha: y, a: y, b: x };
    const opts = {
      transactionModel: model,
      transactionParams,
      monetaryParams: { p: x, q: y + 1, v: x },
      customers: 20,
      T: 52,
      acquisitionSpan: 10,
      seed,
    } as Parameters<typeof simulateCustomers>[0];
    const a = simulateCustomers(opts);
    expect(simulateCustomers(opts)).toEqual(a);
    for (const c of a) {
      expect(Number.isInteger(c.frequency) && c.frequency >= 0).toBe(true);
      expect(c.recency >= 0 && c.recency <= c.T && c.T > 42 && c.T <= 52).toBe(true);
      expect(
        c.frequency === 0
          ? c.recency === 0 && c.monetaryValue === 0
          : (c.monetaryValue as number) >= 0,
      ).toBe(true);
      expect(Number.isFinite(c.monetaryValue)).toBe(true);
    }
  });
});

describe('simulateTransactions', () => {
  const opts = {
    transactionModel: 'bgNbd' as const,
    transactionParams: BG,
    monetaryParams: GG,
    customers: 2,
    T: 39,
    seed: 7,
    start: new Date('1997-01-01T00:00:00Z'),
    unit: 'week' as const,
  };

  it('runs its documented example', () => {
    const sim = simulateTransactions(opts);
    // 39 weeks = 273 days after 1997-01-01 is 1997-10-01
    expect(sim.observationEnd.toISOString()).toBe('1997-10-01T00:00:00.000Z');
    expect(sim.transactions.filter((t) => t.customerId === '1').length).toBe(
      (sim.customers[0]?.frequency ?? -1) + 1,
    );
  });

  it('uses the same draws as simulateCustomers and dates every purchase inside the window', () => {
    const big = { ...opts, customers: 2000, acquisitionSpan: 12 };
    const sim = simulateTransactions(big);
    expect(sim.customers).toEqual(simulateCustomers(big));
    const total = sim.customers.reduce((s, c) => s + c.frequency + 1, 0);
    expect(sim.transactions.length).toBe(total);
    const byId = new Map<string, Date[]>();
    for (const t of sim.transactions) {
      expect(t.date.getTime()).toBeGreaterThanOrEqual(big.start.getTime());
      expect(t.date.getTime()).toBeLessThanOrEqual(sim.observationEnd.getTime());
      expect(t.amount).toBeGreaterThan(0);
      byId.set(t.customerId, [...(byId.get(t.customerId) ?? []), t.date]);
    }
    // recency in weeks recomputed from the dates equals the summary's (ms rounding only)
    for (const c of sim.customers) {
      const ds = byId.get(c.customerId) as Date[];
      const rec = ((ds.at(-1) as Date).getTime() - (ds[0] as Date).getTime()) / (7 * 86_400_000);
      expect(Math.abs(rec - c.recency)).toBeLessThan(1e-6);
    }
  });

  it('month unit uses the mean month of 30.4375 days', () => {
    const sim = simulateTransactions({ ...opts, unit: 'month', T: 12 });
    expect(sim.observationEnd.getTime() - opts.start.getTime()).toBe(12 * 30.4375 * 86_400_000);
  });

  it('rejects a missing monetaryParams, bad start or unit', () => {
    expect(() => simulateTransactions({ ...opts, monetaryParams: undefined } as never)).toThrow(
      /simulateTransactions: expected monetaryParams/,
    );
    expect(() => simulateTransactions({ ...opts, start: new Date('x') })).toThrow(
      InvalidInputError,
    );
    expect(() => simulateTransactions({ ...opts, unit: 'year' } as never)).toThrow(
      /expected unit 'day' \| 'week' \| 'month', received "year"/,
    );
  });
});
