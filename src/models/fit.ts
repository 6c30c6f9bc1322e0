/**
 * Internal module (not re-exported from the package). Shared maximum-likelihood machinery of
 * the models: optimize on log-parameters with BFGS,
 * optional L2 penalty, standard errors from a finite-difference Hessian in natural units,
 * AIC/BIC, and honest non-convergence reporting. Each model supplies its log-likelihood (with
 * an analytic gradient) and a deterministic start.
 */
import { ConvergenceError, invalidInput } from '../errors';
import { numericHessianFromGradient, standardErrorsFromHessian } from './math/hessian';
import { minimize } from './math/optimize';
import type { Fit, FitOptions, ModelParams } from './types';

/** What a model gives the shared fitter. */
export interface ModelDefinition<P extends ModelParams<P>, D> {
  /** Model name stored in the fit, e.g. `'bgNbd'`. */
  name: string;
  /** Function name for error messages, e.g. `'bgNbd.fit'`. */
  fn: string;
  /** Parameter names in a fixed order. */
  paramNames: readonly (keyof P & string)[];
  /**
   * Total (weighted) log-likelihood at natural parameters θ (all > 0). When `grad` is given,
   * writes ∂LL/∂θᵢ into it.
   */
  logLikelihood(theta: Float64Array, data: D, grad?: Float64Array): number;
  /** Deterministic starting point in natural units. */
  start(data: D): number[];
  /** Number of unique rows, and a deterministic every-k-th-row subsample (large-data warm start). */
  size?(data: D): number;
  subsample?(data: D, step: number): D;
}

/** Above this many unique rows, a fit first runs on a ~{@link WARM_START_ROWS}-row subsample. */
const WARM_START_THRESHOLD = 150_000;
const WARM_START_ROWS = 50_000;

/** Fit defaults shared by every model. */
export const FIT_DEFAULTS = {
  penalizer: 0,
  maxIterations: 500,
  tolerance: 1e-8,
  throwOnNonConvergence: false,
} as const;

/** Internal switches (benchmarks compare against them; not part of the public options). */
export interface FitInternals {
  /** Use central finite differences of the log-likelihood instead of the analytic gradient. */
  numericGradient?: boolean;
}

function checkOptions<P extends ModelParams<P>>(
  fn: string,
  names: readonly string[],
  options: FitOptions<P>,
): void {
  const { penalizer, maxIterations, tolerance, initialParams } = options;
  if (penalizer !== undefined && !(Number.isFinite(penalizer) && penalizer >= 0)) {
    throw invalidInput(fn, 'penalizer', 'a finite number ≥ 0', penalizer, {
      code: 'invalid_option',
    });
  }
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw invalidInput(fn, 'maxIterations', 'an integer ≥ 1', maxIterations, {
      code: 'invalid_option',
    });
  }
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance > 0)) {
    throw invalidInput(fn, 'tolerance', 'a finite number > 0', tolerance, {
      code: 'invalid_option',
    });
  }
  if (initialParams !== undefined) {
    for (const [k, v] of Object.entries(initialParams)) {
      if (!names.includes(k)) {
        throw invalidInput(fn, 'initialParams', `with keys among ${names.join(', ')}`, k, {
          code: 'invalid_option',
        });
      }
      if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
        throw invalidInput(fn, `initialParams.${k}`, 'a finite number > 0', v, {
          code: 'invalid_option',
        });
      }
    }
  }
}

/**
 * Maximizes a model's likelihood and packages the result as a {@link Fit}.
 *
 * Objective (minimized over φ = ln θ): f(φ) = −LL(θ)/n + λ·Σθᵢ², gradient
 * ∂f/∂φᵢ = θᵢ·(−∂LL/∂θᵢ / n + 2λθᵢ). Standard errors: sqrt(diag(H⁻¹)) with H the Hessian of
 * −LL in θ (unpenalized), `null` when H is not positive definite.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for invalid options
 * @throws {ConvergenceError} code `CONVERGENCE` only with `throwOnNonConvergence: true`
 */
export function fitModel<P extends ModelParams<P>, D extends { n: number }>(
  def: ModelDefinition<P, D>,
  data: D,
  options: FitOptions<P> = {},
  internals: FitInternals = {},
): Fit<P> {
  checkOptions(def.fn, def.paramNames, options);
  const opt = { ...FIT_DEFAULTS, ...options };
  const k = def.paramNames.length;
  const start = def.start(data);
  const x0 = def.paramNames.map((name, i) => Math.log(options.initialParams?.[name] ?? start[i]!));
  const n = data.n;
  const lambda = opt.penalizer;
  const theta = new Float64Array(k);
  const gTheta = new Float64Array(k);

  const makeObjective =
    (dd: D) =>
    (phi: Float64Array, grad: Float64Array): number => {
      const nn = dd.n;
      for (let i = 0; i < k; i++) theta[i] = Math.exp(phi[i]!);
      let ll: number;
      if (internals.numericGradient) {
        ll = def.logLikelihood(theta, dd);
        const t = Float64Array.from(theta);
        for (let i = 0; i < k; i++) {
          const h = 1e-6 * theta[i]!;
          t[i] = theta[i]! + h;
          const up = def.logLikelihood(t, dd);
          t[i] = theta[i]! - h;
          const down = def.logLikelihood(t, dd);
          t[i] = theta[i]!;
          gTheta[i] = (up - down) / (2 * h);
        }
      } else {
        ll = def.logLikelihood(theta, dd, gTheta);
      }
      let penalty = 0;
      for (let i = 0; i < k; i++) {
        const th = theta[i]!;
        penalty += th * th;
        grad[i] = th * (-gTheta[i]! / nn + 2 * lambda * th);
      }
      return -ll / nn + lambda * penalty;
    };

  // Very large data: the mean objective of a systematic subsample has nearly the same minimum
  // and curvature, so its optimum and BFGS inverse Hessian make the full fit take a few steps.
  let from = x0;
  let H0: number[] | undefined;
  let warmIterations = 0;
  const size = def.size?.(data) ?? 0;
  if (def.subsample && size > WARM_START_THRESHOLD && options.initialParams === undefined) {
    const warm = minimize(
      makeObjective(def.subsample(data, Math.ceil(size / WARM_START_ROWS))),
      x0,
      {
        maxIterations: opt.maxIterations,
        gradientTolerance: opt.tolerance,
      },
    );
    if (warm.converged) {
      from = warm.x;
      H0 = warm.inverseHessian;
      warmIterations = warm.iterations;
    }
  }
  const res = minimize(makeObjective(data), from, {
    maxIterations: opt.maxIterations,
    gradientTolerance: opt.tolerance,
    initialInverseHessian: H0,
  });
  const est = res.x.map((v) => Math.exp(v));
  const params = Object.fromEntries(def.paramNames.map((name, i) => [name, est[i]!])) as P;
  const gEst = new Float64Array(k);
  const ll = def.logLikelihood(Float64Array.from(est), data, gEst);
  if (!res.converged && opt.throwOnNonConvergence) {
    throw new ConvergenceError(
      `${def.fn}: expected the optimizer to converge, received "${res.message}" after ${res.iterations} iterations (gradient norm ${res.gradientNorm})`,
      res.iterations,
      res.gradientNorm,
    );
  }
  let se: number[] | undefined;
  if (Number.isFinite(ll)) {
    // Observed information: Hessian of −LL in natural units, from the analytic gradient.
    // Forward differences from the gradient already computed at the estimate: k passes over
    // the data instead of 2k (relative step 1e-5: error ~1e-5 relative, ample for SEs).
    const H = numericHessianFromGradient(
      (t, g) => {
        def.logLikelihood(t, data, g);
        for (let i = 0; i < k; i++) g[i] = -g[i]!;
      },
      est,
      { relativeStep: 1e-5, gradientAtX: Array.from(gEst, (v) => -v) },
    );
    se = standardErrorsFromHessian(H);
  }
  return {
    model: def.name,
    params,
    logLikelihood: ll,
    aic: 2 * k - 2 * ll,
    bic: k * Math.log(n) - 2 * ll,
    standardErrors:
      se === undefined
        ? null
        : (Object.fromEntries(def.paramNames.map((name, i) => [name, se[i]!])) as {
            [K in keyof P]: number;
          }),
    converged: res.converged,
    iterations: res.iterations,
    n,
    gradientNorm: res.gradientNorm,
    message:
      warmIterations > 0
        ? `${res.message} (started from a ${WARM_START_ROWS}-row subsample fit, ${warmIterations} iterations)`
        : res.message,
    penalizer: lambda,
  };
}

/**
 * Checks model parameters passed to a prediction or likelihood function: every named
 * parameter present, finite and > 0.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` naming the parameter
 */
export function checkParams(fn: string, params: object, names: readonly string[]): void {
  for (const name of names) {
    const v = (params as Record<string, unknown>)[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      throw invalidInput(fn, `params.${name}`, 'a finite number > 0', v, {
        code: 'invalid_params',
      });
    }
  }
}

/**
 * Checks one customer's (frequency, recency, T) for predictions, with the same rules as the
 * fit input.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` naming the field
 */
export function checkCustomer(
  fn: string,
  c: { frequency: number; recency: number; T: number },
): void {
  const { frequency: x, recency: tx, T } = c;
  if (!(Number.isInteger(x) && x >= 0)) {
    throw invalidInput(fn, 'frequency', 'an integer ≥ 0', x, { code: 'invalid_frequency' });
  }
  if (!(Number.isFinite(T) && T >= 0)) {
    throw invalidInput(fn, 'T', 'a finite number ≥ 0', T, { code: 'invalid_T' });
  }
  if (!(Number.isFinite(tx) && tx >= 0 && tx <= T)) {
    throw invalidInput(fn, 'recency', `a finite number in [0, T = ${T}]`, tx, {
      code: 'invalid_recency',
    });
  }
  if (x === 0 && tx !== 0) {
    throw invalidInput(fn, 'recency', '0 when frequency is 0', tx, {
      code: 'recency_without_repeat',
    });
  }
}

/**
 * Checks a time argument (t or horizon): finite and ≥ 0.
 * @throws {InvalidInputError} code `INVALID_INPUT`
 */
export function checkTime(fn: string, name: string, t: number): void {
  if (!(Number.isFinite(t) && t >= 0)) {
    throw invalidInput(fn, name, 'a finite number ≥ 0', t, { code: 'invalid_time' });
  }
}
