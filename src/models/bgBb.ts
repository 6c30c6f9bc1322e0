/**
 * BG/BB model for discrete-time non-contractual settings (Fader, Hardie & Shang 2010,
 * "Customer-Base Analysis in a Discrete-Time Noncontractual Setting", Marketing Science 29(6)):
 * at each of n transaction opportunities an alive customer transacts with probability p,
 * p ~ Beta(α, β); before each opportunity she dies with probability θ, θ ~ Beta(γ, δ).
 */
import { InsufficientDataError, invalidInput } from '../errors';
import { fitModel } from './fit';
import { betaln, digamma, gammaln } from './math/special';
import type { Fit, FitOptions, ProbabilityAliveOptions } from './types';

/** BG/BB parameters: transaction p ~ Beta(alpha, beta); dropout θ ~ Beta(gamma, delta). */
export interface BgBbParams {
  [key: string]: number;
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

/**
 * One row of BG/BB data: after `n` opportunities, `frequency` x transactions (0 ≤ x ≤ recency),
 * the last at opportunity `recency` t_x (0 when x = 0); `weight` = customers with this pattern.
 */
export interface BgBbRow {
  frequency: number;
  recency: number;
  n: number;
  weight?: number;
  customerId?: string;
}

/** One customer's history for predictions (weights ignored). */
export type BgBbHistory = Pick<BgBbRow, 'frequency' | 'recency' | 'n'>;

const DEFAULTS = { initialParams: { alpha: 1, beta: 1, gamma: 1, delta: 1 }, horizon: 0 } as const;
const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;

function checkParams(fn: string, params: BgBbParams): void {
  for (const k of NAMES) {
    const v = params?.[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw invalidInput(fn, `params.${k}`, 'a finite number > 0', v, { code: 'not_positive' });
    }
  }
}

function checkCount(fn: string, field: string, v: number, min: number, extra = {}): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw invalidInput(fn, field, `an integer >= ${min}`, v, { code: 'invalid_count', ...extra });
  }
}

/** Validates one history: integers with 0 ≤ x ≤ t_x ≤ n, n ≥ 1, t_x = 0 iff x = 0. */
function checkHistory(fn: string, row: BgBbHistory, index?: number, customerId?: string): void {
  const where = {
    ...(index !== undefined ? { path: ['data', index] } : {}),
    ...(customerId !== undefined ? { customerId } : {}),
  };
  if (row === null || typeof row !== 'object')
    throw invalidInput(fn, 'customer', 'an object', row, where);
  checkCount(fn, 'n', row.n, 1, where);
  checkCount(fn, 'frequency', row.frequency, 0, where);
  checkCount(fn, 'recency', row.recency, 0, where);
  if (row.recency > row.n)
    throw invalidInput(fn, 'recency', `<= n (${row.n})`, row.recency, {
      code: 'recency_after_n',
      ...where,
    });
  if (row.frequency > row.recency) {
    throw invalidInput(fn, 'frequency', `<= recency (${row.recency})`, row.frequency, {
      code: 'frequency_after_recency',
      ...where,
    });
  }
  if ((row.frequency === 0) !== (row.recency === 0)) {
    throw invalidInput(
      fn,
      'recency',
      `0 exactly when frequency is 0 (frequency ${row.frequency})`,
      row.recency,
      {
        code: 'recency_frequency_mismatch',
        ...where,
      },
    );
  }
}

/**
 * Per-customer log-likelihood and (if `grad`) its gradient in the natural parameters, added into
 * `grad` times `w`. FHS 2010 eq. 5:
 * L = B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ) + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β)·B(γ+1, δ+t_x+i)/B(γ,δ).
 */
function rowLogLikelihood(
  p: Float64Array,
  x: number,
  tx: number,
  n: number,
  w = 1,
  grad?: Float64Array,
): number {
  const a = p[0] as number;
  const b = p[1] as number;
  const g = p[2] as number;
  const d = p[3] as number;
  const base = -betaln(a, b) - betaln(g, d);
  const terms = n - tx + 1;
  const logs = new Float64Array(terms);
  logs[0] = betaln(a + x, b + n - x) + betaln(g, d + n) + base;
  for (let i = 0; i < terms - 1; i++)
    logs[i + 1] = betaln(a + x, b + tx - x + i) + betaln(g + 1, d + tx + i) + base;
  let m = Number.NEGATIVE_INFINITY;
  for (const v of logs) if (v > m) m = v;
  let s = 0;
  for (const v of logs) s += Math.exp(v - m);
  const ll = m + Math.log(s);
  if (grad) {
    const psiAB = digamma(a + b);
    const psiGD = digamma(g + d);
    const dA0 = digamma(a + x) - digamma(a) + psiAB;
    const dB0 = -digamma(b) + psiAB;
    const dD0 = -digamma(d) + psiGD;
    let ga = 0;
    let gb = 0;
    let gg = 0;
    let gd = 0;
    for (let j = 0; j < terms; j++) {
      const wj = (w * Math.exp((logs[j] as number) - ll)) as number;
      if (j === 0) {
        const psiN = digamma(a + b + n);
        const psiGDN = digamma(g + d + n);
        ga += wj * (dA0 - psiN);
        gb += wj * (digamma(b + n - x) - psiN + dB0);
        gg += wj * (psiGD - psiGDN);
        gd += wj * (digamma(d + n) - psiGDN + dD0);
      } else {
        const i = j - 1;
        const psiT = digamma(a + b + tx + i);
        const psiG1 = digamma(g + d + 1 + tx + i);
        ga += wj * (dA0 - psiT);
        gb += wj * (digamma(b + tx - x + i) - psiT + dB0);
        gg += wj * (digamma(g + 1) - psiG1 - digamma(g) + psiGD);
        gd += wj * (digamma(d + tx + i) - psiG1 + dD0);
      }
    }
    grad[0] = (grad[0] as number) + ga;
    grad[1] = (grad[1] as number) + gb;
    grad[2] = (grad[2] as number) + gg;
    grad[3] = (grad[3] as number) + gd;
  }
  return ll;
}

/** Validates rows and merges identical (x, t_x, n) patterns into weights. */
function compress(
  fn: string,
  data: readonly BgBbRow[],
): { x: number[]; tx: number[]; opportunities: number[]; w: number[]; total: number } {
  if (!Array.isArray(data))
    throw invalidInput(fn, 'data', 'an array of { frequency, recency, n, weight? } rows', data, {
      code: 'invalid_type',
    });
  const index = new Map<string, number>();
  const out = {
    x: [] as number[],
    tx: [] as number[],
    opportunities: [] as number[],
    w: [] as number[],
    total: 0,
  };
  data.forEach((row, i) => {
    checkHistory(fn, row, i, row?.customerId);
    const w = row.weight ?? 1;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw invalidInput(fn, 'weight', 'a finite number >= 0', w, {
        code: 'invalid_weight',
        path: ['data', i],
      });
    }
    const key = `${row.frequency},${row.recency},${row.n}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.w.length);
      out.x.push(row.frequency);
      out.tx.push(row.recency);
      out.opportunities.push(row.n);
      out.w.push(w);
    } else out.w[at] = (out.w[at] as number) + w;
    out.total += w;
  });
  if (!(out.total > 0)) {
    throw invalidInput(
      fn,
      'data',
      'at least one row with weight > 0',
      data.length === 0 ? 'empty array' : out.total,
      { code: 'empty' },
    );
  }
  return out;
}

/**
 * Total (weighted) log-likelihood of BG/BB data at `params` (FHS 2010 eq. 5, summed over rows).
 * @throws InvalidInputError for bad parameters or rows (named by index/customer).
 * @example
 * // one customer, n = 1, no transaction: L = B(1,2)/B(1,1)·B(1,2)/B(1,1) + B(1,1)/B(1,1)·B(2,1)/B(1,1) = 1/4 + 1/2
 * bgBbLogLikelihood({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, [{ frequency: 0, recency: 0, n: 1 }]) // ln 0.75 = −0.28768
 */
export function bgBbLogLikelihood(params: BgBbParams, data: readonly BgBbRow[]): number {
  const fn = 'bgBb.logLikelihood';
  checkParams(fn, params);
  const c = compress(fn, data);
  const p = Float64Array.of(params.alpha, params.beta, params.gamma, params.delta);
  let ll = 0;
  for (let i = 0; i < c.w.length; i++)
    ll +=
      (c.w[i] as number) *
      rowLogLikelihood(p, c.x[i] as number, c.tx[i] as number, c.opportunities[i] as number);
  return ll;
}

/**
 * Gradient of {@link bgBbLogLikelihood} in the natural parameters: [∂LL/∂α, ∂LL/∂β, ∂LL/∂γ, ∂LL/∂δ],
 * from ∂ ln B(a+u, b+v)/∂a = ψ(a+u) − ψ(a+b+u+v) applied to every term of eq. 5 (each term's
 * derivative weighted by its share of L). Used by `fit`; exported for checking.
 * @throws InvalidInputError as {@link bgBbLogLikelihood}.
 * @example
 * bgBbLogLikelihoodGradient({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, [{ frequency: 0, recency: 0, n: 1 }])
 * // → [−1/6, 1/6, 1/6, −1/6]: L = β/(α+β)·δ/(γ+δ) + γ/(γ+δ) = 3/4 and ∂L/∂α = −1/8, so ∂LL/∂α = −1/6
 */
export function bgBbLogLikelihoodGradient(params: BgBbParams, data: readonly BgBbRow[]): number[] {
  const fn = 'bgBb.logLikelihoodGradient';
  checkParams(fn, params);
  const c = compress(fn, data);
  const p = Float64Array.of(params.alpha, params.beta, params.gamma, params.delta);
  const g = new Float64Array(4);
  for (let i = 0; i < c.w.length; i++)
    rowLogLikelihood(
      p,
      c.x[i] as number,
      c.tx[i] as number,
      c.opportunities[i] as number,
      c.w[i],
      g,
    );
  return Array.from(g);
}

/**
 * Fits α, β, γ, δ by maximum likelihood on weighted (x, t_x, n) rows: identical patterns are
 * merged, BFGS on log-parameters with the analytic gradient (digamma differences of eq. 5).
 * n in the result = sum of weights. Source: FHS (2010), who report α = 1.204, β = 0.750,
 * γ = 0.657, δ = 2.783, LL = −33,225.6 on the 11,104 donors of 1995 (6 opportunities).
 * @throws InvalidInputError for invalid rows or options; InsufficientDataError when no row has
 *   frequency > 0; ConvergenceError only when throwOnNonConvergence is set and the fit did not
 *   converge (otherwise `converged: false` with `message` and `gradientNorm`).
 * @example
 * const fit = bgBb.fit(donationRows); // rows { frequency, recency, n: 6, weight }
 * fit.params // ≈ { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }
 */
export function bgBbFit(
  data: readonly BgBbRow[],
  options: FitOptions<BgBbParams> = {},
): Fit<BgBbParams> {
  const c = compress('bgBb.fit', data);
  if (!c.x.some((x, i) => x > 0 && (c.w[i] as number) > 0)) {
    // without a single repeat transaction p → 0 and the dropout process is not identified
    throw new InsufficientDataError(
      'bgBb.fit: expected at least one customer with frequency > 0, received none',
    );
  }
  return fitModel<BgBbParams, Compressed & { n: number }>(
    definition,
    { ...c, n: c.total },
    options,
  );
}

type Compressed = ReturnType<typeof compress>;

/** What the shared fitter needs: weighted LL with analytic gradient, names, a deterministic start. */
const definition = {
  name: 'bgBb',
  fn: 'bgBb.fit',
  paramNames: NAMES,
  logLikelihood: (p: Float64Array, c: Compressed, grad?: Float64Array) => {
    grad?.fill(0);
    let ll = 0;
    for (let i = 0; i < c.w.length; i++) {
      ll +=
        (c.w[i] as number) *
        rowLogLikelihood(
          p,
          c.x[i] as number,
          c.tx[i] as number,
          c.opportunities[i] as number,
          c.w[i],
          grad,
        );
    }
    return ll;
  },
  start: () => NAMES.map((k) => DEFAULTS.initialParams[k]),
};

/** ln Σ_{t=from}^{to} B(γ, δ+t)/B(γ, δ) (P(alive at opportunity t)), by the ratio (δ+t)/(γ+δ+t). */
function logAliveSum(g: number, d: number, from: number, to: number): number {
  if (to < from) return Number.NEGATIVE_INFINITY;
  const first = betaln(g, d + from) - betaln(g, d);
  let rel = 1;
  let sum = 1;
  for (let t = from; t < to; t++) {
    rel *= (d + t) / (g + d + t);
    sum += rel;
  }
  return first + Math.log(sum);
}

/**
 * Expected transactions of a new customer in her first `periods` opportunities:
 * E[X(n)] = α/(α+β) · Σ_{t=1}^{n} B(γ, δ+t)/B(γ, δ) (FHS 2010 eq. 9, summed directly so that
 * γ = 1 is not a singularity). O(n).
 * @throws InvalidInputError for bad parameters or periods not an integer >= 0.
 * @example
 * bgBbExpectedPurchases({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, 2) // 1/2·(1/2 + 1/3) = 0.41667
 */
export function bgBbExpectedPurchases(params: BgBbParams, periods: number): number {
  const fn = 'bgBb.expectedPurchases';
  checkParams(fn, params);
  checkCount(fn, 'periods', periods, 0);
  if (periods === 0) return 0;
  return (
    (params.alpha / (params.alpha + params.beta)) *
    Math.exp(logAliveSum(params.gamma, params.delta, 1, periods))
  );
}

/**
 * Expected transactions in the next `periods` opportunities (n+1 … n+periods) of a customer with
 * history (x, t_x, n), FHS 2010 eq. 13:
 * E = B(α+x+1, β+n−x)/B(α,β) · Σ_{t=n+1}^{n+periods} B(γ, δ+t)/B(γ,δ) / L(α,β,γ,δ | x, t_x, n).
 * Log-space throughout; O(n + periods).
 * @throws InvalidInputError for bad parameters, history or periods.
 * @example
 * // FHS 2010 donors, x = 6, t_x = 6, n = 6, next 5 years: ≈ 3.75 donations
 * bgBbConditionalExpectedPurchases({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 5, { frequency: 6, recency: 6, n: 6 })
 */
export function bgBbConditionalExpectedPurchases(
  params: BgBbParams,
  periods: number,
  customer: BgBbHistory,
): number {
  const fn = 'bgBb.conditionalExpectedPurchases';
  checkParams(fn, params);
  checkCount(fn, 'periods', periods, 0);
  checkHistory(fn, customer);
  if (periods === 0) return 0;
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  const { frequency: x, recency: tx, n } = customer;
  const p = Float64Array.of(a, b, g, d);
  const ll = rowLogLikelihood(p, x, tx, n);
  return Math.exp(
    betaln(a + x + 1, b + n - x) - betaln(a, b) + logAliveSum(g, d, n + 1, n + periods) - ll,
  );
}

/**
 * Probability that a customer with history (x, t_x, n) is alive at opportunity n + horizon
 * (default horizon 0: at the last observed opportunity; horizon 1 is FHS's "P(alive in 2002)"):
 * P = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+horizon)/B(γ,δ) / L (FHS 2010 eq. 11). In [0, 1].
 * @throws InvalidInputError for bad parameters, history, or a horizon that is not an integer >= 0.
 * @example
 * // FHS 2010 Table 6: x = 6, t_x = 6, n = 6 → 0.93 in 2002
 * bgBbProbabilityAlive({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, { frequency: 6, recency: 6, n: 6 }, { horizon: 1 }) // ≈ 0.93
 */
export function bgBbProbabilityAlive(
  params: BgBbParams,
  customer: BgBbHistory,
  options: ProbabilityAliveOptions = {},
): number {
  const fn = 'bgBb.probabilityAlive';
  checkParams(fn, params);
  checkHistory(fn, customer);
  const horizon = options.horizon ?? DEFAULTS.horizon;
  checkCount(fn, 'options.horizon', horizon, 0);
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  const { frequency: x, recency: tx, n } = customer;
  const ll = rowLogLikelihood(Float64Array.of(a, b, g, d), x, tx, n);
  const v = Math.exp(
    betaln(a + x, b + n - x) - betaln(a, b) + betaln(g, d + n + horizon) - betaln(g, d) - ll,
  );
  return Math.min(1, Math.max(0, v));
}

/**
 * Probability that a new customer makes exactly `purchases` transactions in her first `periods`
 * opportunities (FHS 2010 eq. 8):
 * P(X(n)=x) = C(n,x)·B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ)
 *           + Σ_{i=x}^{n−1} C(i,x)·B(α+x, β+i−x)/B(α,β)·B(γ+1, δ+i)/B(γ,δ).
 * Sums to 1 over purchases = 0 … periods. Log-space; O(periods).
 * @throws InvalidInputError for bad parameters, or periods/purchases not integers >= 0.
 * @example
 * bgBbProbabilityOfPurchases({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, 1, 0) // 1/4 + 1/2 = 0.75
 */
export function bgBbProbabilityOfPurchases(
  params: BgBbParams,
  periods: number,
  purchases: number,
): number {
  const fn = 'bgBb.probabilityOfPurchases';
  checkParams(fn, params);
  checkCount(fn, 'periods', periods, 0);
  checkCount(fn, 'purchases', purchases, 0);
  if (purchases > periods) return 0;
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  const x = purchases;
  const lnC = (n: number, k: number) => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
  const base = -betaln(a, b) - betaln(g, d);
  const logs = [lnC(periods, x) + betaln(a + x, b + periods - x) + betaln(g, d + periods) + base];
  for (let i = x; i < periods; i++)
    logs.push(lnC(i, x) + betaln(a + x, b + i - x) + betaln(g + 1, d + i) + base);
  const m = Math.max(...logs);
  let s = 0;
  for (const v of logs) s += Math.exp(v - m);
  return Math.min(1, Math.exp(m + Math.log(s)));
}

/**
 * The BG/BB model as a namespace object: `fit`, `logLikelihood`, `expectedPurchases`,
 * `conditionalExpectedPurchases`, `probabilityAlive`, `probabilityOfPurchases`. Time is counted
 * in transaction opportunities (e.g. years), so every "t" is an integer.
 * @example
 * bgBb.probabilityOfPurchases({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 6, 0) * 11104
 * // ≈ 3455.8 (3,454.9 at the unrounded estimates, as in FHS's spreadsheet)
 */
export const bgBb = {
  fit: bgBbFit,
  logLikelihood: bgBbLogLikelihood,
  expectedPurchases: bgBbExpectedPurchases,
  conditionalExpectedPurchases: bgBbConditionalExpectedPurchases,
  probabilityAlive: bgBbProbabilityAlive,
  probabilityOfPurchases: bgBbProbabilityOfPurchases,
} as const;
