/**
 * BG/NBD log-likelihood with its analytic gradient, on compressed data (internal).
 *
 * Source: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to
 * the Pareto/NBD Model", Marketing Science 24(2), eq. 6:
 *   L(r, α, a, b | x, tₓ, T) = A(x) · [ (α+T)^−(r+x) + δ(x>0) · a/(b+x−1) · (α+tₓ)^−(r+x) ]
 *   A(x) = Γ(r+x) α^r / Γ(r) · B(a, b+x) / B(a, b)
 * (using B(a+1, b+x−1) = B(a, b+x) · a/(b+x−1)).
 */
import { betaln, digamma, gammaln } from './math/special';
import type { RfmData } from './summaryData';

/**
 * Total weighted BG/NBD log-likelihood at θ = (r, α, a, b); fills ∂LL/∂θ when `grad` is given.
 *
 * Gradient, with w₂ the share of the second bracket term:
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w₂) ln(α+T) − w₂ ln(α+tₓ)
 *   ∂/∂α = r/α − (r+x)[(1−w₂)/(α+T) + w₂/(α+tₓ)]
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + w₂/a
 *   ∂/∂b = ψ(b+x) − ψ(a+b+x) − ψ(b) + ψ(a+b) − w₂/(b+x−1)
 * Terms depending only on x are computed once per distinct frequency.
 */
export function bgNbdLogLik(theta: Float64Array, d: RfmData, grad?: Float64Array): number {
  return betaGeometricLogLik(theta, d, grad, 0);
}

/**
 * Total weighted MBG/NBD log-likelihood (Batislam, Denizel & Filiztekin 2007, eq. 5):
 *   L = A'(x) · [ (α+T)^−(r+x) + a/(b+x) · (α+tₓ)^−(r+x) ] for every x ≥ 0,
 *   A'(x) = Γ(r+x) α^r / Γ(r) · B(a, b+x+1) / B(a, b)
 * (the dropout coin is also tossed at time 0; B(a+1, b+x) = B(a, b+x+1)·a/(b+x)).
 * Gradient as for BG/NBD with b+x−1 → b+x and B(a, b+x) → B(a, b+x+1).
 */
export function mbgNbdLogLik(theta: Float64Array, d: RfmData, grad?: Float64Array): number {
  return betaGeometricLogLik(theta, d, grad, 1);
}

/** BG/NBD (v = 0) or MBG/NBD (v = 1) log-likelihood: k = b + x − 1 + v. */
function betaGeometricLogLik(
  theta: Float64Array,
  d: RfmData,
  grad: Float64Array | undefined,
  v: 0 | 1,
): number {
  const r = theta[0]!;
  const alpha = theta[1]!;
  const a = theta[2]!;
  const b = theta[3]!;
  const nx = d.xValues.length;
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const lgR = gammaln(r);
  const blAB = betaln(a, b);
  // Per distinct frequency: constant part of LL and of the gradient.
  const cX = new Float64Array(nx);
  const lnRatio = new Float64Array(nx); // ln a − ln(b+x−1) for x > 0
  let ll = 0;
  let gr = 0;
  let ga = 0;
  let gb = 0;
  const psiR = grad ? digamma(r) : 0;
  const psiB = grad ? digamma(b) : 0;
  const psiAB = grad ? digamma(a + b) : 0;
  for (let k = 0; k < nx; k++) {
    const x = d.xValues[k]!;
    const wx = d.xWeight[k]!;
    cX[k] = gammaln(r + x) - lgR + r * lnAlpha + betaln(a, b + x + v) - blAB;
    lnRatio[k] = x > 0 || v === 1 ? lnA - Math.log(b + x - 1 + v) : 0;
    ll += wx * cX[k]!;
    if (grad) {
      const psiABX = digamma(a + b + x + v);
      gr += wx * (digamma(r + x) - psiR + lnAlpha);
      ga += wx * (psiAB - psiABX);
      gb += wx * (digamma(b + x + v) - psiABX - psiB + psiAB);
    }
  }
  let galpha = grad ? (r / alpha) * d.n : 0;
  const { x: X, tx: TX, T: TT, w: W, xIndex } = d;
  const m = X.length;
  // Σ w·w₂ per distinct frequency: ∂/∂a and ∂/∂b need it divided by a and b+x−1, once per x.
  const w2ByX = new Float64Array(nx);
  for (let i = 0; i < m; i++) {
    const x = X[i]!;
    const w = W[i]!;
    const rx = r + x;
    const aT = alpha + TT[i]!;
    const l1 = Math.log(aT);
    if (x === 0 && v === 0) {
      ll -= w * rx * l1;
      if (grad) {
        gr -= w * l1;
        galpha -= (w * rx) / aT;
      }
      continue;
    }
    const atx = alpha + TX[i]!;
    const l2 = Math.log(atx);
    const k = xIndex[i]!;
    // ln(e^u1 + e^u2) with u1 = −(r+x) ln(α+T), u2 = ln a − ln(b+x−1+v) − (r+x) ln(α+tₓ),
    // and the share w₂ = e^u2/(e^u1 + e^u2); e ≤ 1, so ln(1 + e) has absolute error ~1e-16.
    const dlt = lnRatio[k]! + rx * (l1 - l2); // u2 − u1
    let lse: number;
    let w2: number;
    if (dlt <= 0) {
      const e = Math.exp(dlt);
      lse = -rx * l1 + Math.log(1 + e);
      w2 = e / (1 + e);
    } else {
      const e = Math.exp(-dlt);
      lse = lnRatio[k]! - rx * l2 + Math.log(1 + e);
      w2 = 1 / (1 + e);
    }
    ll += w * lse;
    if (grad) {
      const w1 = 1 - w2;
      gr -= w * (w1 * l1 + w2 * l2);
      galpha -= w * rx * (w1 / aT + w2 / atx);
      w2ByX[k] = w2ByX[k]! + w * w2;
    }
  }
  if (grad) {
    for (let k = 0; k < nx; k++) {
      const sw = w2ByX[k]!;
      if (sw === 0) continue;
      ga += sw / a;
      gb -= sw / (b + d.xValues[k]! - 1 + v);
    }
    grad[0] = gr;
    grad[1] = galpha;
    grad[2] = ga;
    grad[3] = gb;
  }
  return ll;
}

/**
 * Deterministic start: r = 1, α = 1/(mean purchase rate) so that E[λ] = r/α matches Σx/ΣT,
 * a = b = 1.
 */
export function rateStart(d: RfmData): { r: number; alpha: number } {
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < d.x.length; i++) {
    sx += d.w[i]! * d.x[i]!;
    sT += d.w[i]! * d.T[i]!;
  }
  const rate = sx > 0 && sT > 0 ? sx / sT : 1;
  return { r: 1, alpha: Math.min(Math.max(1 / rate, 1e-3), 1e6) };
}
