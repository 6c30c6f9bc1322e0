import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { bgBb } from '../../src/models/bgBb';
import { simulateBgBb } from '../../src/models/simulateBgBb';

const FHS = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }; // FHS 2010 donations estimates

describe('simulateBgBb', () => {
  it('runs its documented example and is deterministic per seed', () => {
    const rows = simulateBgBb({ params: FHS, customers: 3, n: 6, seed: 1 });
    expect(rows.every((c) => c.frequency <= c.recency && c.recency <= 6)).toBe(true);
    expect(simulateBgBb({ params: FHS, customers: 3, n: 6, seed: 1 })).toEqual(rows);
    const other = simulateBgBb({ params: FHS, customers: 50, n: 6, seed: 2 });
    expect(other.slice(0, 3).map((c) => c.latent.p)).not.toEqual(rows.map((c) => c.latent.p));
  });

  it('the frequency distribution matches bgBb.probabilityOfPurchases (FHS eq. 8) within 4 standard errors', () => {
    const n = 40_000;
    const rows = simulateBgBb({ params: FHS, customers: n, n: 6, seed: 3 });
    for (let x = 0; x <= 6; x++) {
      const p = bgBb.probabilityOfPurchases(FHS, 6, x);
      const share = rows.filter((c) => c.frequency === x).length / n;
      expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('the alive share of customers with a given history matches bgBb.probabilityAlive (FHS eq. 11)', () => {
    const rows = simulateBgBb({ params: FHS, customers: 60_000, n: 6, seed: 4 });
    for (const [x, tx] of [
      [0, 0],
      [2, 4],
      [3, 3],
      [6, 6],
    ] as const) {
      const group = rows.filter((c) => c.frequency === x && c.recency === tx);
      const p = bgBb.probabilityAlive(FHS, { frequency: x, recency: tx, n: 6 });
      const share = group.filter((c) => c.latent.alive).length / group.length;
      expect(group.length).toBeGreaterThan(300);
      // (6, 6): a transaction at the last opportunity means alive there, p = 1 exactly
      expect(Math.abs(share - p)).toBeLessThanOrEqual(
        4 * Math.sqrt((p * (1 - p)) / group.length) + 1e-12,
      );
    }
  });

  it('parameter recovery: fitting 30,000 simulated donors recovers α, β, γ, δ within 4 standard errors', () => {
    const rows = simulateBgBb({ params: FHS, customers: 30_000, n: 6, seed: 5 });
    const fit = bgBb.fit(rows);
    expect(fit.converged).toBe(true);
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      const se = (fit.standardErrors as Record<string, number>)[k] as number;
      expect(Math.abs(fit.params[k] - FHS[k])).toBeLessThan(4 * se);
    }
  });

  it('rejects invalid options with typed errors', () => {
    const cases: [unknown, RegExp][] = [
      [
        { params: { ...FHS, gamma: 0 }, customers: 1, n: 6, seed: 1 },
        /simulateBgBb: expected params\.gamma a finite number > 0, received 0/,
      ],
      [{ params: FHS, customers: 1, n: 0, seed: 1 }, /expected n an integer >= 1, received 0/],
      [{ params: FHS, customers: 2.5, n: 6, seed: 1 }, /customers/],
      [{ params: FHS, customers: 1, n: 6, seed: -3 }, /seed/],
    ];
    for (const [opts, re] of cases) {
      let err: unknown;
      try {
        simulateBgBb(opts as never);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as Error).message).toMatch(re);
    }
  });
});
