/**
 * A small quasi-Newton minimizer for smooth objectives of a few variables (the BTYD models
 * have 2–4 parameters): BFGS with a line search satisfying the strong Wolfe conditions.
 *
 * Source: Nocedal & Wright, Numerical Optimization (2nd ed., 2006), Algorithm 6.1 (BFGS),
 * Algorithms 3.5–3.6 (strong Wolfe line search with zoom), eq. 6.20 (initial inverse Hessian
 * scaling). No maintained npm package fits (fmin 0.0.4 / numeric 1.2.6 are unmaintained and
 * untyped), so it is written here and tested on Rosenbrock and quadratics.
 */

/** Objective: returns f(x) and writes ∇f(x) into `grad`. Non-finite values count as +∞. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Maximum BFGS iterations (default 500). */
  maxIterations?: number;
  /** Stop when max |∇f| ≤ gradientTolerance (default 1e-8). */
  gradientTolerance?: number;
  /** Sufficient-decrease constant c1 of the Wolfe conditions (default 1e-4). */
  c1?: number;
  /** Curvature constant c2 of the strong Wolfe conditions (default 0.9). */
  c2?: number;
  /** Largest step length tried in a line search, in units of the search direction (default 1e3). */
  maxStep?: number;
  /**
   * Initial inverse-Hessian approximation (n×n, row-major), e.g. from a fit on a subsample;
   * default the identity scaled after the first step (Nocedal & Wright eq. 6.20).
   */
  initialInverseHessian?: ArrayLike<number>;
}

/** Result of {@link minimize}. */
export interface MinimizeResult {
  /** Best point found. */
  x: number[];
  /** f(x). */
  value: number;
  /** Max-norm of ∇f(x). */
  gradientNorm: number;
  /** BFGS iterations performed. */
  iterations: number;
  /** Objective evaluations performed. */
  evaluations: number;
  /** True when gradientNorm ≤ gradientTolerance. */
  converged: boolean;
  /** Why the iteration stopped. */
  message: string;
  /** Final BFGS inverse-Hessian approximation (n×n, row-major). */
  inverseHessian: number[];
}

const DEFAULTS: Required<Omit<MinimizeOptions, 'initialInverseHessian'>> = {
  maxIterations: 500,
  gradientTolerance: 1e-8,
  c1: 1e-4,
  c2: 0.9,
  maxStep: 1e3,
};

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (!(a <= m)) m = a; // NaN propagates as "large"
  }
  return m;
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i]! * v[i]!;
  return s;
}

/** Minimizer of the cubic interpolating f and f' at two points, safeguarded into [lo, hi]. */
function cubicStep(a0: number, f0: number, d0: number, a1: number, f1: number, d1: number): number {
  const d1c = d0 + d1 - (3 * (f0 - f1)) / (a0 - a1);
  const rad = d1c * d1c - d0 * d1;
  const lo = Math.min(a0, a1);
  const hi = Math.max(a0, a1);
  if (rad >= 0 && Number.isFinite(rad)) {
    const d2 = Math.sign(a1 - a0) * Math.sqrt(rad);
    const a = a1 - (a1 - a0) * ((d1 + d2 - d1c) / (d1 - d0 + 2 * d2));
    const margin = 0.1 * (hi - lo);
    if (Number.isFinite(a) && a > lo + margin && a < hi - margin) return a;
  }
  return 0.5 * (lo + hi);
}

/**
 * Minimizes a smooth function with BFGS and a strong-Wolfe line search.
 *
 * Iteration: d = −H·g; a step α with f(x+αd) ≤ f + c1·α·gᵀd and |∇f(x+αd)ᵀd| ≤ c2·|gᵀd|;
 * H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with s = αd, y = Δg, ρ = 1/(yᵀs) (skipped when
 * yᵀs ≤ 0). Points where f is NaN or ±∞ are treated as +∞ (the step shrinks).
 *
 * @param fn objective, returns f(x) and fills the gradient
 * @param x0 starting point (not mutated)
 * @returns best point, value, gradient max-norm, iterations, convergence flag and message
 * @example
 * // f(x, y) = (x − 1)² + 10·(y + 2)², minimum 0 at (1, −2)
 * minimize((x, g) => { g[0] = 2 * (x[0] - 1); g[1] = 20 * (x[1] + 2); return (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2; }, [0, 0]).x
 * // → [1, -2] (to ~1e-8, the default gradient tolerance)
 */
export function minimize(
  fn: Objective,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const opt = { ...DEFAULTS, ...options };
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  const H = new Float64Array(n * n);
  let evaluations = 0;

  const evalAt = (point: Float64Array, grad: Float64Array): number => {
    evaluations++;
    const v = fn(point, grad);
    if (!Number.isFinite(v)) return Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) if (!Number.isFinite(grad[i]!)) return Number.POSITIVE_INFINITY;
    return v;
  };

  let f = evalAt(x, g);
  const result = (iterations: number, message: string): MinimizeResult => {
    const gn = maxAbs(g);
    return {
      x: Array.from(x),
      value: f,
      gradientNorm: gn,
      iterations,
      evaluations,
      converged: Number.isFinite(f) && gn <= opt.gradientTolerance,
      message,
      inverseHessian: Array.from(H),
    };
  };
  if (!Number.isFinite(f)) return result(0, 'objective is not finite at the starting point');
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  let firstStep = true;
  if (
    options.initialInverseHessian !== undefined &&
    options.initialInverseHessian.length === n * n
  ) {
    H.set(options.initialInverseHessian);
    firstStep = false;
  }

  for (let iter = 0; iter < opt.maxIterations; iter++) {
    if (maxAbs(g) <= opt.gradientTolerance) return result(iter, 'gradient norm below tolerance');
    // d = −H g
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += H[i * n + j]! * g[j]!;
      d[i] = -acc;
    }
    let dg = dot(d, g);
    if (!(dg < 0)) {
      // H lost positive definiteness numerically: restart with steepest descent.
      H.fill(0);
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        d[i] = -g[i]!;
      }
      dg = dot(d, g);
    }
    // First step: scale so the trial step has unit length in the max-norm.
    let alpha = firstStep ? Math.min(1, 1 / Math.max(maxAbs(d), 1e-300)) : 1;
    const ls = lineSearch(evalAt, x, f, dg, d, xNew, gNew, alpha, opt);
    if (ls === undefined) {
      return result(iter, 'line search failed to find a point satisfying the Wolfe conditions');
    }
    alpha = ls.alpha;
    const fOld = f;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
      x[i] = xNew[i]!;
      g[i] = gNew[i]!;
    }
    f = ls.value;
    const ys = dot(y, s);
    if (ys > 1e-300) {
      if (firstStep) {
        // Nocedal & Wright eq. 6.20: H0 = (yᵀs / yᵀy) I before the first update.
        const scale = ys / dot(y, y);
        H.fill(0);
        for (let i = 0; i < n; i++) H[i * n + i] = scale;
      }
      const rho = 1 / ys;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += H[i * n + j]! * y[j]!;
        Hy[i] = acc;
      }
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] =
            H[i * n + j]! -
            rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) +
            (rho * rho * yHy + rho) * s[i]! * s[j]!;
        }
      }
    }
    firstStep = false;
    if (
      maxAbs(g) > opt.gradientTolerance &&
      Math.abs(fOld - f) <= 1e-16 * Math.max(1, Math.abs(f)) &&
      maxAbs(s) <= 1e-15 * Math.max(1, maxAbs(x))
    ) {
      return result(iter + 1, 'no further progress possible (step and decrease below precision)');
    }
  }
  return result(
    opt.maxIterations,
    maxAbs(g) <= opt.gradientTolerance
      ? 'gradient norm below tolerance'
      : 'maximum number of iterations reached',
  );
}

interface LineSearchOptions {
  c1: number;
  c2: number;
  maxStep: number;
}

/**
 * Strong Wolfe line search (Nocedal & Wright Algorithm 3.5 with zoom, Algorithm 3.6).
 * On success xNew/gNew hold the accepted point and its gradient.
 */
function lineSearch(
  evalAt: (p: Float64Array, g: Float64Array) => number,
  x: Float64Array,
  f0: number,
  dg0: number,
  d: Float64Array,
  xNew: Float64Array,
  gNew: Float64Array,
  alpha1: number,
  opt: LineSearchOptions,
): { alpha: number; value: number } | undefined {
  const n = x.length;
  const phi = (a: number): { f: number; dphi: number } => {
    for (let i = 0; i < n; i++) xNew[i] = x[i]! + a * d[i]!;
    const f = evalAt(xNew, gNew);
    return { f, dphi: Number.isFinite(f) ? dot(gNew, d) : Number.NaN };
  };
  let aPrev = 0;
  let fPrev = f0;
  let dPrev = dg0;
  let a = alpha1;
  for (let i = 0; i < 60; i++) {
    const cur = phi(a);
    if (!Number.isFinite(cur.f)) {
      // Outside the domain: shrink towards the last good point.
      a = aPrev + 0.2 * (a - aPrev);
      if (a - aPrev < 1e-300) return undefined;
      continue;
    }
    if (approximateWolfe(cur, f0, dg0, opt)) return { alpha: a, value: cur.f };
    if (cur.f > f0 + opt.c1 * a * dg0 || (i > 0 && cur.f >= fPrev)) {
      return zoom(phi, f0, dg0, aPrev, fPrev, dPrev, a, cur.f, cur.dphi, opt);
    }
    if (Math.abs(cur.dphi) <= -opt.c2 * dg0) return { alpha: a, value: cur.f };
    if (cur.dphi >= 0) {
      return zoom(phi, f0, dg0, a, cur.f, cur.dphi, aPrev, fPrev, dPrev, opt);
    }
    aPrev = a;
    fPrev = cur.f;
    dPrev = cur.dphi;
    if (a >= opt.maxStep) return { alpha: a, value: cur.f };
    a = Math.min(2 * a, opt.maxStep);
  }
  return undefined;
}

/**
 * Approximate Wolfe conditions (Hager & Zhang 2005, SIAM J. Optim. 16(1), eq. 4.1): near a
 * minimum the decrease c1·α·φ'(0) falls below the rounding noise of f (a sum over 10⁵–10⁶
 * customers), so the exact sufficient-decrease test rejects good steps forever. Accept a step
 * whose value is within 1e-12·|f0| of f0 and whose slope satisfies
 * −c2·|φ'(0)| ≤ φ'(α) ≤ min(c2, 1 − 2c1)·|φ'(0)| (HZ's (2c1 − 1)φ'(0) ≥ φ'(α) ≥ c2φ'(0),
 * with the strong-Wolfe bound on the right as well).
 */
function approximateWolfe(
  cur: { f: number; dphi: number },
  f0: number,
  dg0: number,
  opt: LineSearchOptions,
): boolean {
  return (
    cur.f <= f0 + 1e-12 * Math.abs(f0) &&
    Math.abs(cur.dphi) <= -opt.c2 * dg0 &&
    cur.dphi <= (2 * opt.c1 - 1) * dg0
  );
}

function zoom(
  phi: (a: number) => { f: number; dphi: number },
  f0: number,
  dg0: number,
  aLo: number,
  fLo: number,
  dLo: number,
  aHi: number,
  fHi: number,
  dHi: number,
  opt: LineSearchOptions,
): { alpha: number; value: number } | undefined {
  for (let i = 0; i < 60; i++) {
    const a = Number.isFinite(fHi) ? cubicStep(aLo, fLo, dLo, aHi, fHi, dHi) : 0.5 * (aLo + aHi);
    const cur = phi(a);
    if (Number.isFinite(cur.f) && approximateWolfe(cur, f0, dg0, opt)) {
      return { alpha: a, value: cur.f };
    }
    if (!Number.isFinite(cur.f) || cur.f > f0 + opt.c1 * a * dg0 || cur.f >= fLo) {
      aHi = a;
      fHi = cur.f;
      dHi = cur.dphi;
    } else {
      if (Math.abs(cur.dphi) <= -opt.c2 * dg0) return { alpha: a, value: cur.f };
      if (cur.dphi * (aHi - aLo) >= 0) {
        aHi = aLo;
        fHi = fLo;
        dHi = dLo;
      }
      aLo = a;
      fLo = cur.f;
      dLo = cur.dphi;
    }
    if (Math.abs(aHi - aLo) <= 1e-12 * Math.max(1, Math.abs(aLo))) break;
  }
  // Interval collapsed: accept the best point if it decreased f at all.
  if (aLo > 0 && fLo < f0) {
    const cur = phi(aLo);
    return { alpha: aLo, value: cur.f };
  }
  return undefined;
}
