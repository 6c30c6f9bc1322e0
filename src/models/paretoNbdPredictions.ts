/**
 * Pareto/NBD predictions (internal): P(alive), expectations and P(X(t) = n).
 *
 * Sources: Schmittlein, Morrison & Colombo (1987), Management Science 33(1), eqs. 11, 17, 22;
 * Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions",
 * eqs. 17, 18, 24–25; Fader, Hardie & Lee (2005), "RFM and CLV", appendix.
 */

import { gammaln, logSubExp } from './math/special';
import { paretoTerms } from './paretoNbdLikelihood';
import type { CustomerHistory, ParetoNbdParams } from './types';

/** ln P(alive at T): −ln(1 + e^(ln(e^l2 − e^l3) − lt1)). */
export function logProbabilityAlive(p: ParetoNbdParams, c: CustomerHistory): number {
  const { lt1, l2, l3 } = paretoTerms(p.r, p.alpha, p.s, p.beta, c.frequency, c.recency, c.T);
  const lnOdds = logSubExp(l2, l3) - lt1;
  if (lnOdds === Number.NEGATIVE_INFINITY) return 0;
  return lnOdds > 0 ? -lnOdds - Math.log1p(Math.exp(-lnOdds)) : -Math.log1p(Math.exp(lnOdds));
}

/**
 * (1 − e^((s−1)·L)) / (s − 1) for L ≤ 0 without cancellation; its limit −L at s = 1.
 * Equals ∫₀^(−L) e^((1−s)v) dv: the expected-lifetime factor of the Pareto/NBD expectations.
 */
function lifetimeFactor(s: number, L: number): number {
  const u = (s - 1) * L;
  if (Math.abs(u) < 1e-8) return -L * (1 + u / 2);
  return -Math.expm1(u) / (s - 1);
}

/**
 * E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)] (SMC 1987 eq. 17; FH 2005 eq. 27), with its
 * limit rβ/α · ln(1 + t/β) at s = 1.
 */
export function expectedPurchasesPareto(p: ParetoNbdParams, t: number): number {
  if (t === 0) return 0;
  return (p.r / p.alpha) * p.beta * lifetimeFactor(p.s, -Math.log1p(t / p.beta));
}

/**
 * E[Y(t) | x, tₓ, T] = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)
 * (SMC 1987 eq. 22; FH 2005 eq. 28).
 */
export function conditionalExpectedPareto(
  p: ParetoNbdParams,
  t: number,
  c: CustomerHistory,
): number {
  if (t === 0) return 0;
  const bT = p.beta + c.T;
  const factor = lifetimeFactor(p.s, -Math.log1p(t / bT));
  const pAlive = Math.exp(logProbabilityAlive(p, c));
  return ((p.r + c.frequency) / (p.alpha + c.T)) * bT * factor * pAlive;
}

// Gauss–Legendre nodes and weights on [−1, 1], 20 points (A&S Table 25.4).
const GL_X = [
  0.0765265211334973, 0.2277858511416451, 0.3737060887154195, 0.5108670019508271, 0.636053680726515,
  0.7463319064601508, 0.8391169718222188, 0.912234428251326, 0.9639719272779138, 0.9931285991850949,
];
const GL_W = [
  0.1527533871307258, 0.1491729864726037, 0.142096109318382, 0.1316886384491766, 0.118194531961518,
  0.1019301198172404, 0.0832767415767048, 0.0626720483341091, 0.0406014298003869,
  0.0176140071391521,
];
const PANELS = 32;

function logNbd(r: number, alpha: number, n: number, tau: number, lgConst: number): number {
  if (tau === 0) return n === 0 ? 0 : Number.NEGATIVE_INFINITY;
  return lgConst + r * Math.log(alpha / (alpha + tau)) + n * Math.log(tau / (alpha + tau));
}

/**
 * P(X(t) = n) for a new customer, by conditioning on the lifetime τ ~ Pareto II(s, β):
 *   P = (β/(β+t))^s · NB(n; t) + ∫₀ᵗ sβ^s (β+τ)^(−s−1) NB(n; τ) dτ,
 * NB(n; τ) = Γ(r+n)/(Γ(r) n!) (α/(α+τ))^r (τ/(α+τ))^n (FH 2005 eq. 8 before integration).
 * The integral is taken in v = ln(1 + τ/β) (integrand s·e^(−sv)·NB) by 32-panel,
 * 20-point Gauss–Legendre quadrature: the panel rule integrates Σₙ NB = 1 exactly up to
 * rounding, so the probabilities sum to 1.
 */
export function probabilityOfCountPareto(p: ParetoNbdParams, t: number, n: number): number {
  const { r, alpha, s, beta } = p;
  if (t === 0) return n === 0 ? 1 : 0;
  const lgConst = gammaln(r + n) - gammaln(r) - gammaln(n + 1);
  const vMax = Math.log1p(t / beta);
  let total = Math.exp(-s * vMax + logNbd(r, alpha, n, t, lgConst));
  const h = vMax / PANELS;
  for (let k = 0; k < PANELS; k++) {
    const mid = (k + 0.5) * h;
    let acc = 0;
    for (let j = 0; j < GL_X.length; j++) {
      for (const sign of [-1, 1]) {
        const v = mid + sign * GL_X[j]! * 0.5 * h;
        const tau = beta * Math.expm1(v);
        acc += GL_W[j]! * Math.exp(Math.log(s) - s * v + logNbd(r, alpha, n, tau, lgConst));
      }
    }
    total += 0.5 * h * acc;
  }
  return Math.min(1, Math.max(0, total));
}
