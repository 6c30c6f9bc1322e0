import { describe, expect, it } from 'vitest';
import {
  invertSpd,
  numericHessian,
  numericHessianFromGradient,
  standardErrors,
  standardErrorsFromHessian,
} from '../../../src/models/math/hessian';

describe('numericHessian', () => {
  it('runs its documented example', () => {
    const H = numericHessian((p) => p[0]! ** 2 * p[1]! + 3 * p[1]! ** 2, [1, 2]);
    expect(H[0]![0]).toBeCloseTo(4, 6);
    expect(H[0]![1]).toBeCloseTo(2, 6);
    expect(H[1]![0]).toBeCloseTo(2, 6);
    expect(H[1]![1]).toBeCloseTo(6, 6);
  });
  it('differentiates exp(x)·sin(y) at (0.5, 1): [[e^.5 sin1, e^.5 cos1], [·, −e^.5 sin1]]', () => {
    const H = numericHessian((p) => Math.exp(p[0]!) * Math.sin(p[1]!), [0.5, 1]);
    const e = Math.exp(0.5);
    expect(H[0]![0]).toBeCloseTo(e * Math.sin(1), 6);
    expect(H[0]![1]).toBeCloseTo(e * Math.cos(1), 6);
    expect(H[1]![1]).toBeCloseTo(-e * Math.sin(1), 6);
  });
});

describe('invertSpd', () => {
  it('runs its documented example', () => {
    const inv = invertSpd([
      [4, 2],
      [2, 3],
    ])!;
    expect(inv[0]![0]).toBeCloseTo(0.375, 14);
    expect(inv[0]![1]).toBeCloseTo(-0.25, 14);
    expect(inv[1]![1]).toBeCloseTo(0.5, 14);
  });
  it('returns undefined for a matrix that is not positive definite', () => {
    expect(
      invertSpd([
        [1, 2],
        [2, 1],
      ]),
    ).toBeUndefined();
  });
});

describe('standardErrors', () => {
  it('runs its documented example: σ/√n for a normal mean', () => {
    const se = standardErrors((p) => (100 * (p[0]! - 3) ** 2) / 8, [3])!;
    expect(se[0]).toBeCloseTo(0.2, 6);
  });
  it('matches the Poisson MLE: SE(λ̂) = sqrt(λ̂/n)', () => {
    // n = 50 counts with sum 120: λ̂ = 2.4, −LL = nλ − Σx ln λ, SE = sqrt(2.4/50) = 0.21908902…
    const se = standardErrors((p) => 50 * p[0]! - 120 * Math.log(p[0]!), [2.4])!;
    expect(se[0]).toBeCloseTo(Math.sqrt(2.4 / 50), 6);
  });
});

describe('numericHessianFromGradient / standardErrorsFromHessian', () => {
  it('runs the documented examples', () => {
    const H = numericHessianFromGradient(
      (p, g) => {
        g[0] = 2 * p[0]! * p[1]!;
        g[1] = p[0]! ** 2 + 6 * p[1]!;
      },
      [1, 2],
    );
    expect(H[0]![0]).toBeCloseTo(4, 8);
    expect(H[0]![1]).toBeCloseTo(2, 8);
    expect(H[1]![1]).toBeCloseTo(6, 8);
    expect(standardErrorsFromHessian([[25]])![0]).toBeCloseTo(0.2, 15);
  });
  it('agrees with second differences of f on exp(x)·sin(y)', () => {
    const f = (p: Float64Array) => Math.exp(p[0]!) * Math.sin(p[1]!);
    const Hg = numericHessianFromGradient(
      (p, g) => {
        g[0] = Math.exp(p[0]!) * Math.sin(p[1]!);
        g[1] = Math.exp(p[0]!) * Math.cos(p[1]!);
      },
      [0.5, 1],
    );
    const Hf = numericHessian(f, [0.5, 1]);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) expect(Hg[i]![j]).toBeCloseTo(Hf[i]![j]!, 6);
  });
});

describe('numericHessianFromGradient with a known gradient (forward differences)', () => {
  it('agrees with the exact Hessian of exp(x)·sin(y) to ~1e-5', () => {
    const grad = (p: Float64Array, g: Float64Array) => {
      g[0] = Math.exp(p[0]!) * Math.sin(p[1]!);
      g[1] = Math.exp(p[0]!) * Math.cos(p[1]!);
    };
    const g0 = new Float64Array(2);
    grad(Float64Array.of(0.5, 1), g0);
    const H = numericHessianFromGradient(grad, [0.5, 1], { relativeStep: 1e-6, gradientAtX: g0 });
    const e = Math.exp(0.5);
    expect(H[0]![0]).toBeCloseTo(e * Math.sin(1), 5);
    expect(H[0]![1]).toBeCloseTo(e * Math.cos(1), 5);
    expect(H[1]![1]).toBeCloseTo(-e * Math.sin(1), 5);
  });
});
