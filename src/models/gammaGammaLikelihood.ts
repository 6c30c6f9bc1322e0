/**
 * Gamma-Gamma log-likelihood with its analytic gradient, on compressed data (internal).
 * Source: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", eq. 5.
 */
import { digamma, gammaln } from './math/special';
import type { SpendDataCompressed } from './summaryData';

/**
 * Total weighted log-likelihood of the mean spends z̄ (Fader & Hardie 2013 eq. 5):
 *   ln f(z̄ | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln z̄ + px ln x
 *                 − (px+q) ln(v + x z̄)
 * Gradient: ∂p = x[ψ(px+q) − ψ(px) + ln z̄ + ln x − ln(v + x z̄)],
 *           ∂q = ψ(px+q) − ψ(q) + ln v − ln(v + x z̄), ∂v = q/v − (px+q)/(v + x z̄).
 */
export function gammaGammaLogLik(
  theta: Float64Array,
  d: SpendDataCompressed,
  grad?: Float64Array,
): number {
  const p = theta[0]!;
  const q = theta[1]!;
  const v = theta[2]!;
  const lgQ = gammaln(q);
  const lnV = Math.log(v);
  let ll = d.n * (q * lnV - lgQ);
  let gp = 0;
  let gq = 0;
  let gv = 0;
  const psiQ = grad ? digamma(q) : 0;
  for (let k = 0; k < d.xValues.length; k++) {
    const x = d.xValues[k]!;
    const wx = d.xWeight[k]!;
    ll += wx * (gammaln(p * x + q) - gammaln(p * x) + p * x * Math.log(x));
    if (grad) {
      const psiPQ = digamma(p * x + q);
      gp += wx * x * (psiPQ - digamma(p * x) + Math.log(x));
      gq += wx * (psiPQ - psiQ + lnV);
    }
  }
  const { x: X, m: M, w: W } = d;
  for (let i = 0; i < X.length; i++) {
    const x = X[i]!;
    const m = M[i]!;
    const w = W[i]!;
    const lnM = Math.log(m);
    const den = v + x * m;
    const lnDen = Math.log(den);
    ll += w * ((p * x - 1) * lnM - (p * x + q) * lnDen);
    if (grad) {
      gp += w * x * (lnM - lnDen);
      gq -= w * lnDen;
      gv += w * (q / v - (p * x + q) / den);
    }
  }
  if (grad) {
    grad[0] = gp;
    grad[1] = gq;
    grad[2] = gv;
  }
  return ll;
}
