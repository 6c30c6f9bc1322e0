/**
 * Special functions for the BTYD models: log-gamma, log-beta, digamma (from @stdlib), signed
 * log-sum-exp helpers, and log-space helpers used by every likelihood.
 */
import betaincImpl from '@stdlib/math-base-special-betainc';
import betalnImpl from '@stdlib/math-base-special-betaln';
import digammaImpl from '@stdlib/math-base-special-digamma';
import gammalnImpl from '@stdlib/math-base-special-gammaln';

/**
 * ln|Γ(x)| (from @stdlib/math-base-special-gammaln). +∞ at non-positive integers.
 * @example gammaln(5) // → 3.1780538303479458 = ln 24
 */
export function gammaln(x: number): number {
  return gammalnImpl(x);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0 (from @stdlib, accurate for large
 * arguments where the three log-gammas would cancel).
 * @example betaln(2, 3) // → ln(1/12) = −2.4849066497880004
 */
export function betaln(a: number, b: number): number {
  return betalnImpl(a, b);
}

/**
 * Digamma ψ(x) = d/dx ln Γ(x) (from @stdlib).
 * @example digamma(1) // → −0.5772156649015329 (minus the Euler–Mascheroni constant)
 */
export function digamma(x: number): number {
  return digammaImpl(x);
}

/**
 * Regularized lower incomplete beta I_x(a, b) (from @stdlib), or the upper tail 1 − I_x(a, b)
 * computed without cancellation when `upper` is true.
 * @example betaRegularized(0.5, 2, 3) // → 0.6875 = 11/16
 */
export function betaRegularized(x: number, a: number, b: number, upper = false): number {
  return betaincImpl(x, a, b, true, upper);
}

/**
 * Sign of Γ(x): +1 for x > 0; for x < 0 (non-integer) (−1)^⌈−x⌉, i.e. negative on (−1, 0),
 * positive on (−2, −1), …; 0 at the poles (non-positive integers), where 1/Γ(x) = 0.
 * @example gammaSign(-1.5) // → 1 (Γ(−1.5) = 2.363…)
 */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/**
 * ln(eˣ + eʸ) without overflow: max + log1p(exp(−|x − y|)).
 * @example logAddExp(1000, 1000) // → 1000.6931471805599 = 1000 + ln 2
 */
export function logAddExp(x: number, y: number): number {
  if (x === Number.NEGATIVE_INFINITY) return y;
  if (y === Number.NEGATIVE_INFINITY) return x;
  const m = Math.max(x, y);
  return m + Math.log1p(Math.exp(-Math.abs(x - y)));
}

/**
 * ln(eˣ − eʸ) for x ≥ y without overflow: x + ln(−expm1(y − x)); −∞ when x = y.
 * @example logSubExp(Math.log(5), Math.log(3)) // → ln 2 = 0.6931471805599453
 */
export function logSubExp(x: number, y: number): number {
  if (y === Number.NEGATIVE_INFINITY) return x;
  if (y >= x) return Number.NEGATIVE_INFINITY;
  const d = y - x;
  // ln(1 − e^d): log(−expm1(d)) for d near 0, log1p(−exp(d)) for d very negative.
  return x + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}

/** A real number as sign and log-magnitude: value = sign · e^log (sign 0 means value 0). */
export interface SignedLog {
  sign: number;
  log: number;
}

/**
 * Sum of signed log-magnitude numbers: Σ signᵢ·e^logᵢ as a {@link SignedLog}.
 * @example signedLogSum([{ sign: 1, log: Math.log(5) }, { sign: -1, log: Math.log(3) }])
 * // → { sign: 1, log: ln 2 }
 */
export function signedLogSum(terms: readonly SignedLog[]): SignedLog {
  let m = Number.NEGATIVE_INFINITY;
  for (const t of terms) if (t.sign !== 0 && t.log > m) m = t.log;
  if (m === Number.NEGATIVE_INFINITY) return { sign: 0, log: Number.NEGATIVE_INFINITY };
  let s = 0;
  for (const t of terms) if (t.sign !== 0) s += t.sign * Math.exp(t.log - m);
  if (s === 0) return { sign: 0, log: Number.NEGATIVE_INFINITY };
  return { sign: Math.sign(s), log: m + Math.log(Math.abs(s)) };
}
