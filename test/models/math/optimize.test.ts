import { describe, expect, it } from 'vitest';
import { minimize } from '../../../src/models/math/optimize';

describe('minimize', () => {
  it('runs its documented example', () => {
    const r = minimize(
      (x, g) => {
        g[0] = 2 * (x[0]! - 1);
        g[1] = 20 * (x[1]! + 2);
        return (x[0]! - 1) ** 2 + 10 * (x[1]! + 2) ** 2;
      },
      [0, 0],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 7);
    expect(r.x[1]).toBeCloseTo(-2, 7);
  });

  it('finds the minimum of the Rosenbrock function from (−1.2, 1) (Nocedal & Wright §2.1)', () => {
    // f = 100(y − x²)² + (1 − x)², minimum 0 at (1, 1)
    const rosen = (x: Float64Array, g: Float64Array) => {
      const a = x[0]!;
      const b = x[1]!;
      g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
      g[1] = 200 * (b - a * a);
      return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    };
    const r = minimize(rosen, [-1.2, 1], { gradientTolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    expect(r.value).toBeLessThan(1e-16);
    expect(r.iterations).toBeLessThan(100);
  });

  it('solves an ill-conditioned 4-d quadratic: x* = A⁻¹b', () => {
    // f = ½xᵀAx − bᵀx with A = diag(1, 10, 100, 1000) + 0.5 off-diagonal (1,2); b = (1, 2, 3, 4).
    // x* solves A x = b: x3 = 3/100, x4 = 4/1000; [1 .5; .5 10][x1;x2] = [1;2] →
    // det = 9.75, x1 = (10 − 1)/9.75 = 0.923076923…, x2 = (2 − 0.5)/9.75 = 0.153846153…
    const A = [
      [1, 0.5, 0, 0],
      [0.5, 10, 0, 0],
      [0, 0, 100, 0],
      [0, 0, 0, 1000],
    ];
    const b = [1, 2, 3, 4];
    const r = minimize(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < 4; i++) {
          let ax = 0;
          for (let j = 0; j < 4; j++) ax += A[i]![j]! * x[j]!;
          g[i] = ax - b[i]!;
          f += 0.5 * x[i]! * ax - b[i]! * x[i]!;
        }
        return f;
      },
      [0, 0, 0, 0],
      { gradientTolerance: 1e-12 },
    );
    expect(r.converged).toBe(true);
    const want = [9 / 9.75, 1.5 / 9.75, 0.03, 0.004];
    for (const [i, v] of r.x.entries()) expect(v).toBeCloseTo(want[i]!, 11);
  });

  it('steps back from points where the objective is not finite', () => {
    // f = x − ln x (minimum at x = 1), undefined for x ≤ 0; the first full step overshoots.
    const r = minimize(
      (x, g) => {
        g[0] = 1 - 1 / x[0]!;
        return x[0]! - Math.log(x[0]!);
      },
      [0.01],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
  });

  it('reports non-convergence honestly', () => {
    const r = minimize(
      (x, g) => {
        g[0] = -400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!);
        g[1] = 200 * (x[1]! - x[0]! ** 2);
        return 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
      },
      [-1.2, 1],
      { maxIterations: 3 },
    );
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
    expect(r.message).toMatch(/maximum number of iterations/);
    expect(r.gradientNorm).toBeGreaterThan(1e-8);
  });

  it('does not mutate the starting point and reports a non-finite start', () => {
    const x0 = [1, 2];
    minimize((x, g) => {
      g[0] = 2 * x[0]!;
      g[1] = 2 * x[1]!;
      return x[0]! ** 2 + x[1]! ** 2;
    }, x0);
    expect(x0).toEqual([1, 2]);
    const r = minimize(() => Number.NaN, [1]);
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/not finite at the starting point/);
  });
});

describe('minimize with a warm-start inverse Hessian', () => {
  it('converges on a quadratic in one step when given the exact inverse Hessian', () => {
    // f = ½xᵀAx − bᵀx, A = [[4, 2], [2, 3]], b = (1, 1): x* = A⁻¹b = (3 − 2, 4 − 2)/8 = (0.125, 0.25)
    const fn = (x: Float64Array, g: Float64Array) => {
      g[0] = 4 * x[0]! + 2 * x[1]! - 1;
      g[1] = 2 * x[0]! + 3 * x[1]! - 1;
      return 0.5 * (4 * x[0]! ** 2 + 4 * x[0]! * x[1]! + 3 * x[1]! ** 2) - x[0]! - x[1]!;
    };
    const r = minimize(fn, [0, 0], { initialInverseHessian: [0.375, -0.25, -0.25, 0.5] });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThanOrEqual(2);
    expect(r.x[0]).toBeCloseTo(0.125, 10);
    expect(r.x[1]).toBeCloseTo(0.25, 10);
    expect(r.inverseHessian).toHaveLength(4);
  });
});
