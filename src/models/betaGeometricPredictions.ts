/**
 * Predictions shared by BG/NBD and MBG/NBD (internal). Both mix Poisson purchasing at rate
 * λ ~ Gamma(r, α) with a dropout coin p ~ Beta(a, b) tossed after each purchase; MBG/NBD also
 * tosses it at time 0. With k = b + x − 1 (BG/NBD) or k = b + x (MBG/NBD), the posterior of p
 * for a customer alive after x purchases is Beta(a, k + 1), and:
 *
 *   P(alive | x, tₓ, T) = 1 / (1 + a/k · ((α+T)/(α+tₓ))^(r+x))        (BG/NBD: 1 when x = 0)
 *   E[Y(t) | x, tₓ, T] = P(alive) · (a+k)/(a−1) ·
 *                        [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, k+1; a+k; t/(α+T+t))]
 *   P(alive at T+h) = P(alive) · ₂F₁(r+x, a; a+k+1; −h/(α+T))
 *
 * Sources: Fader, Hardie & Lee (2005) eqs. 10 and 13 (BG/NBD); Batislam, Denizel & Filiztekin
 * (2007) eqs. 8–11 (MBG/NBD). The horizon form: E[e^(−λph)] over the posterior
 * λ ~ Gamma(r+x, α+T), p ~ Beta(a, k+1) is Euler's integral for ₂F₁ (A&S 15.3.1).
 * The unconditional E[X(t)] is the conditional one at x = tₓ = T = 0.
 */
import { logHyp2f1 } from './math/hyp2f1';
import { betaln, betaRegularized, gammaln } from './math/special';
import type { BgNbdParams, CustomerHistory } from './types';

/** 0 for BG/NBD, 1 for MBG/NBD: the offset in k = b + x − 1 + offset. */
export type Variant = 0 | 1;

/** ln P(alive at T | history). */
export function logProbabilityAlive(p: BgNbdParams, c: CustomerHistory, v: Variant): number {
  const { r, alpha, a, b } = p;
  const x = c.frequency;
  if (v === 0 && x === 0) return 0;
  const k = b + x - 1 + v;
  const lnOdds =
    Math.log(a) - Math.log(k) + (r + x) * (Math.log(alpha + c.T) - Math.log(alpha + c.recency));
  // −ln(1 + e^lnOdds), stable for any sign of lnOdds
  return lnOdds > 0 ? -lnOdds - Math.log1p(Math.exp(-lnOdds)) : -Math.log1p(Math.exp(lnOdds));
}

/** P(alive at T + h | history). */
export function probabilityAliveAt(
  p: BgNbdParams,
  c: CustomerHistory,
  h: number,
  v: Variant,
): number {
  let lp = logProbabilityAlive(p, c, v);
  if (h > 0) {
    const x = c.frequency;
    const k = p.b + x - 1 + v;
    const f = logHyp2f1(p.r + x, p.a, p.a + k + 1, -h / (p.alpha + c.T));
    lp += f.log;
  }
  return Math.min(1, Math.max(0, Math.exp(lp)));
}

function conditionalAt(p: BgNbdParams, t: number, c: CustomerHistory, v: Variant): number {
  const { r, alpha, a, b } = p;
  const x = c.frequency;
  const k = b + x - 1 + v;
  const aT = alpha + c.T;
  const z = t / (aT + t);
  const f = logHyp2f1(r + x, k + 1, a + k, z);
  // G = ln[((α+T)/(α+T+t))^(r+x) · F]; bracket = 1 − e^G
  const G = -(r + x) * Math.log1p(t / aT) + f.log;
  const bracket = f.sign > 0 ? -Math.expm1(G) : 1 + Math.exp(G);
  const lead = (a + k) / (a - 1);
  const pAlive = Math.exp(logProbabilityAlive(p, c, v));
  return pAlive * lead * bracket;
}

/**
 * E[Y(t) | history]. The closed form divides by a − 1; within 1e-4 of a = 1 the value is
 * linearly interpolated between a = 1 ± 1e-4 (the function is smooth in a; error O(1e-8)).
 */
export function conditionalExpected(
  p: BgNbdParams,
  t: number,
  c: CustomerHistory,
  v: Variant,
): number {
  if (t === 0) return 0;
  const delta = 1e-4;
  let e: number;
  if (Math.abs(p.a - 1) < delta) {
    const lo = conditionalAt({ ...p, a: 1 - delta }, t, c, v);
    const hi = conditionalAt({ ...p, a: 1 + delta }, t, c, v);
    e = lo + ((hi - lo) * (p.a - (1 - delta))) / (2 * delta);
  } else {
    e = conditionalAt(p, t, c, v);
  }
  // Rounding in the bracket can leave −1e-17-sized negatives for tiny t: the value is ≥ 0.
  return Math.max(0, e);
}

/**
 * P(X(t) = n) for a new customer:
 *   B(a, k+1)/B(a, b) · NB(n; r, α, t) + [n > 0 or MBG] · B(a+1, k)/B(a, b) · P(NB ≥ n)
 * with k = b + n − 1 + offset, NB(n) = Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n and
 * P(NB ≥ n) = I_{t/(α+t)}(n, r) (regularized incomplete beta, no cancellation).
 * FHL (2005) eq. 8; Batislam et al. (2007) eq. 7.
 */
export function probabilityOfCount(p: BgNbdParams, t: number, n: number, v: Variant): number {
  const { r, alpha, a, b } = p;
  if (t === 0) return n === 0 ? 1 : 0;
  const k = b + n - 1 + v;
  const lbAB = betaln(a, b);
  const lnNb =
    gammaln(r + n) -
    gammaln(r) -
    gammaln(n + 1) +
    r * Math.log(alpha / (alpha + t)) +
    (n === 0 ? 0 : n * Math.log(t / (alpha + t)));
  let pr = Math.exp(betaln(a, k + 1) - lbAB + lnNb);
  if (n > 0 || v === 1) {
    const tail = n === 0 ? 1 : betaRegularized(t / (alpha + t), n, r);
    pr += Math.exp(betaln(a + 1, k) - lbAB) * tail;
  }
  return Math.min(1, Math.max(0, pr));
}
