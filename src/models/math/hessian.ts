/**
 * Finite-difference Hessians and the standard errors they give for maximum-likelihood fits.
 *
 * Source: Nocedal & Wright (2006) §8.1 (central differences: error O(h²)); standard errors of
 * MLEs as sqrt(diag(I⁻¹)) with I the observed information (the Hessian of −LL), e.g.
 * Casella & Berger (2002) §10.1.
 */

/** Options of {@link numericHessian}. */
export interface HessianOptions {
  /** Relative step: h_i = relativeStep · max(|x_i|, 1e-3) (default 1e-4). */
  relativeStep?: number;
  /**
   * Gradient at x, when known: {@link numericHessianFromGradient} then uses forward
   * differences (n gradient evaluations instead of 2n; error O(h) instead of O(h²)).
   */
  gradientAtX?: ArrayLike<number>;
}

const DEFAULTS = { relativeStep: 1e-4 } as const;

/**
 * Hessian of f at x by central differences of function values:
 * H_ii = (f(x+h_i) − 2f(x) + f(x−h_i)) / h_i²,
 * H_ij = (f(x+h_i+h_j) − f(x+h_i−h_j) − f(x−h_i+h_j) + f(x−h_i−h_j)) / (4 h_i h_j).
 *
 * Cost: 2n² + 1 evaluations. Accuracy O(h²) plus rounding ~ε·|f|/h².
 *
 * @param f function of a point (not mutated)
 * @param x point
 * @returns the symmetric n×n matrix as an array of rows
 * @example
 * numericHessian((p) => p[0] ** 2 * p[1] + 3 * p[1] ** 2, [1, 2])
 * // → [[4, 2], [2, 6]] (to ~1e-6): ∂²/∂x² = 2y = 4, ∂²/∂x∂y = 2x = 2, ∂²/∂y² = 6
 */
export function numericHessian(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options: HessianOptions = {},
): number[][] {
  const { relativeStep } = { ...DEFAULTS, ...options };
  const n = x.length;
  const p = Float64Array.from(x);
  const h = Array.from(p, (v) => relativeStep * Math.max(Math.abs(v), 1e-3));
  const at = (i: number, di: number, j: number, dj: number): number => {
    const q = Float64Array.from(p);
    if (i >= 0) q[i] = q[i]! + di;
    if (j >= 0) q[j] = q[j]! + dj;
    return f(q);
  };
  const f0 = f(p);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const hi = h[i]!;
    H[i]![i] = (at(i, hi, -1, 0) - 2 * f0 + at(i, -hi, -1, 0)) / (hi * hi);
    for (let j = 0; j < i; j++) {
      const hj = h[j]!;
      const v =
        (at(i, hi, j, hj) - at(i, hi, j, -hj) - at(i, -hi, j, hj) + at(i, -hi, j, -hj)) /
        (4 * hi * hj);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  return H;
}

/**
 * Hessian from an analytic gradient by central differences, symmetrized:
 * H_ij = ½·[(g_j(x+h_i) − g_j(x−h_i))/(2h_i) + (g_i(x+h_j) − g_i(x−h_j))/(2h_j)].
 *
 * Cost: 2n gradient evaluations; error O(h²) plus rounding ~ε·|g|/h (better than second
 * differences of f, whose rounding is ~ε·|f|/h²).
 *
 * @param grad writes ∇f(x) into its second argument
 * @example
 * numericHessianFromGradient((p, g) => { g[0] = 2 * p[0] * p[1]; g[1] = p[0] ** 2 + 6 * p[1]; }, [1, 2])
 * // → [[4, 2], [2, 6]] (to ~1e-8), the Hessian of x²y + 3y²
 */
export function numericHessianFromGradient(
  grad: (x: Float64Array, g: Float64Array) => void,
  x: ArrayLike<number>,
  options: HessianOptions = {},
): number[][] {
  const { relativeStep, gradientAtX } = { ...DEFAULTS, ...options };
  const n = x.length;
  const p = Float64Array.from(x);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const J = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const h = relativeStep * Math.max(Math.abs(p[i]!), 1e-3);
    const q = Float64Array.from(p);
    q[i] = p[i]! + h;
    grad(q, up);
    if (gradientAtX !== undefined) {
      for (let j = 0; j < n; j++) J[i]![j] = (up[j]! - gradientAtX[j]!) / h;
      continue;
    }
    q[i] = p[i]! - h;
    grad(q, down);
    for (let j = 0; j < n; j++) J[i]![j] = (up[j]! - down[j]!) / (2 * h);
  }
  return J.map((row, i) => row.map((v, j) => 0.5 * (v + J[j]![i]!)));
}

/**
 * Inverse of a symmetric positive-definite matrix by Cholesky factorization, or `undefined`
 * when the matrix is not positive definite (or not finite).
 *
 * @example
 * invertSpd([[4, 2], [2, 3]]) // → [[0.375, -0.25], [-0.25, 0.5]] (det 8)
 */
export function invertSpd(A: readonly (readonly number[])[]): number[][] | undefined {
  const n = A.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return undefined;
        L[i]![i] = Math.sqrt(s);
      } else {
        L[i]![j] = s / L[j]![j]!;
      }
    }
  }
  // inv(A) = inv(L)ᵀ inv(L)
  const Li = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    Li[i]![i] = 1 / L[i]![i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i]![k]! * Li[k]![j]!;
      Li[i]![j] = s / L[i]![i]!;
    }
  }
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += Li[k]![i]! * Li[k]![j]!;
      inv[i]![j] = s;
      inv[j]![i] = s;
    }
  }
  return inv;
}

/**
 * Standard errors of maximum-likelihood estimates: sqrt(diag(H⁻¹)) where H is the Hessian of
 * the negative log-likelihood at the estimate (the observed information), by
 * {@link numericHessian}. `undefined` when H is not positive definite.
 *
 * @param negLogLik −LL as a function of the natural parameters
 * @param params the estimate
 * @example
 * // −LL of n = 100 normal observations with known σ = 2, as a function of μ: 100(μ − m)²/(2·4)
 * standardErrors((p) => (100 * (p[0] - 3) ** 2) / 8, [3]) // → [0.2] = σ/√n
 */
export function standardErrors(
  negLogLik: (params: Float64Array) => number,
  params: ArrayLike<number>,
  options: HessianOptions = {},
): number[] | undefined {
  return standardErrorsFromHessian(numericHessian(negLogLik, params, options));
}

/**
 * sqrt(diag(H⁻¹)) for a Hessian of −LL (e.g. from {@link numericHessianFromGradient});
 * `undefined` when H is not positive definite.
 * @example standardErrorsFromHessian([[25]]) // → [0.2]
 */
export function standardErrorsFromHessian(H: readonly (readonly number[])[]): number[] | undefined {
  const inv = invertSpd(H);
  if (inv === undefined) return undefined;
  const se = inv.map((row, i) => Math.sqrt(row[i]!));
  return se.every((v) => Number.isFinite(v)) ? se : undefined;
}
