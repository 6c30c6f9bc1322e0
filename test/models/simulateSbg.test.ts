import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { sbg } from '../../src/models/sbg';
import { simulateSbg } from '../../src/models/simulateSbg';

const HIGH_END = { alpha: 0.668, beta: 3.806 }; // Fader & Hardie (2007)

describe('simulateSbg', () => {
  it('runs its documented example; deterministic per seed; survivors never increase', () => {
    const s = simulateSbg({ params: HIGH_END, customers: 1000, periods: 7, seed: 1 });
    expect(s.length).toBe(8);
    expect(s[0]).toBe(1000);
    for (let t = 1; t < s.length; t++)
      expect(s[t] as number).toBeLessThanOrEqual(s[t - 1] as number);
    expect(simulateSbg({ params: HIGH_END, customers: 1000, periods: 7, seed: 1 })).toEqual(s);
  });

  it('survivor shares match sbg.survival S(t) within 4 standard errors', () => {
    const n = 50_000;
    const s = simulateSbg({ params: HIGH_END, customers: n, periods: 12, seed: 2 });
    for (let t = 1; t <= 12; t++) {
      const p = sbg.survival(HIGH_END, t);
      expect(Math.abs((s[t] as number) / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('parameter recovery: sbg.fit on a simulated 100,000-customer cohort lands within 4 standard errors', () => {
    const s = simulateSbg({ params: HIGH_END, customers: 100_000, periods: 7, seed: 3 });
    const fit = sbg.fit(s);
    for (const k of ['alpha', 'beta'] as const) {
      const se = (fit.standardErrors as Record<string, number>)[k] as number;
      expect(Math.abs(fit.params[k] - HIGH_END[k])).toBeLessThan(4 * se);
    }
  });

  it('rejects invalid options with typed errors', () => {
    expect(() =>
      simulateSbg({ params: { alpha: -1, beta: 1 }, customers: 10, periods: 3, seed: 1 }),
    ).toThrow(/simulateSbg: expected params\.alpha a finite number > 0, received -1/);
    expect(() => simulateSbg({ params: HIGH_END, customers: 10, periods: 0, seed: 1 })).toThrow(
      InvalidInputError,
    );
    expect(() => simulateSbg({ params: HIGH_END, customers: 0, periods: 3, seed: 1 })).toThrow(
      /customers an integer >= 1/,
    );
  });
});
