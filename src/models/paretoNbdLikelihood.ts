/**
 * Pareto/NBD log-likelihood with an analytic gradient (internal).
 *
 * Source: Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", eqs. 22–24 (and the 2F1 form of Fader, Hardie & Lee 2005, "RFM and CLV",
 * appendix):
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ]
 *   α ≥ β: A₀ = F(s+1; α−β, α, tₓ) − F(s+1; α−β, α, T)
 *   α < β: A₀ = F(r+x; β−α, β, tₓ) − F(r+x; β−α, β, T)
 *   F(b; d, M, t) = ₂F₁(r+s+x, b; r+s+x+1; d/(M+t)) / (M+t)^(r+s+x).
 * With Euler's transformation ₂F₁(a, b; a+1; z) = (1−z)^(1−b) ₂F₁(1, a+1−b; a+1; z) both
 * cases become, with G(e, c, z) = ₂F₁(1, e; c; z) = Σₙ (e)ₙ/(c)ₙ zⁿ (terms shrink at least
 * like zⁿ, no overflow), c = r+s+x+1:
 *   α ≥ β: ln F = −(r+x) ln(α+t) − s ln(β+t) + ln G(r+x, c, (α−β)/(α+t))
 *   α < β: ln F = −(r+x−1) ln(α+t) − (s+1) ln(β+t) + ln G(s+1, c, (β−α)/(β+t))
 * The derivatives of ln G in e, c and z are summed alongside the series, which gives the
 * analytic gradient by the chain rule.
 */
import { logHyp2f1 } from './math/hyp2f1';
import { digamma, gammaln } from './math/special';
import { pairIndex, type RfmData } from './summaryData';

/** ln G and its partial derivatives, written into `out` = [lnG, ∂e, ∂c, ∂z]. */
function logG(e: number, c: number, z: number, out: Float64Array): void {
  if (z === 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    out[3] = e / c;
    return;
  }
  if (z > 0.98) {
    logGSlow(e, c, z, out);
    return;
  }
  let term = 1;
  let sum = 1;
  let se = 0; // Σ_{j<n} 1/(e+j)
  let sc = 0; // Σ_{j<n} 1/(c+j)
  let de = 0; // Σ tₙ·se
  let dc = 0; // Σ tₙ·sc
  let dz = 0; // Σ n·tₙ
  const q = 1 / (1 - z);
  for (let n = 1; n < 100000; n++) {
    se += 1 / (e + n - 1);
    sc += 1 / (c + n - 1);
    term *= ((e + n - 1) / (c + n - 1)) * z;
    sum += term;
    de += term * se;
    dc += term * sc;
    dz += n * term;
    // Ratios are ≤ z, so the tail of Σ n·tₙ is ≤ tₙ·z·(n+1)/(1−z)²; the others are smaller
    // relative to their sums.
    if (term * (n + 1) * q * q * z <= 1e-17 * sum) break;
  }
  out[0] = Math.log(sum);
  out[1] = de / sum;
  out[2] = -dc / sum;
  out[3] = dz / (z * sum);
}

/** Near z = 1: ln G from the general ₂F₁ routine, derivatives by central differences. */
function logGSlow(e: number, c: number, z: number, out: Float64Array): void {
  const f = (ee: number, cc: number, zz: number) => logHyp2f1(1, ee, cc, zz).log;
  out[0] = f(e, c, z);
  const he = 1e-6 * Math.max(1, e);
  const hc = 1e-6 * Math.max(1, c);
  const hz = 1e-7 * (1 - z);
  out[1] = (f(e + he, c, z) - f(e - he, c, z)) / (2 * he);
  out[2] = (f(e, c + hc, z) - f(e, c - hc, z)) / (2 * hc);
  out[3] = (f(e, c, z + hz) - f(e, c, z - hz)) / (2 * hz);
}

/** ln F(t) of the header and its gradient in (r, α, s, β), written to `g`. */
function logF(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  g: Float64Array,
  tmp: Float64Array,
): number {
  const c = r + s + x + 1;
  const la = Math.log(alpha + t);
  const lb = Math.log(beta + t);
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + t);
    logG(r + x, c, z, tmp);
    const dz = tmp[3]!;
    g[0] = -la + tmp[1]! + tmp[2]!;
    g[1] = -(r + x) / (alpha + t) + (dz * (beta + t)) / ((alpha + t) * (alpha + t));
    g[2] = -lb + tmp[2]!;
    g[3] = -s / (beta + t) - dz / (alpha + t);
    return -(r + x) * la - s * lb + tmp[0]!;
  }
  const z = (beta - alpha) / (beta + t);
  logG(s + 1, c, z, tmp);
  const dz = tmp[3]!;
  g[0] = -la + tmp[2]!;
  g[1] = -(r + x - 1) / (alpha + t) - dz / (beta + t);
  g[2] = -lb + tmp[1]! + tmp[2]!;
  g[3] = -(s + 1) / (beta + t) + (dz * (alpha + t)) / ((beta + t) * (beta + t));
  return -(r + x - 1) * la - (s + 1) * lb + tmp[0]!;
}

/**
 * Per-customer pieces: ln of the three bracket terms (no-death term, k·F(tₓ), k·F(T)) with
 * their gradients, shared by the likelihood and P(alive).
 */
export interface ParetoTerms {
  /** −(r+x) ln(α+T) − s ln(β+T) */
  lt1: number;
  /** ln k + ln F(tₓ), k = s/(r+s+x) */
  l2: number;
  /** ln k + ln F(T) */
  l3: number;
}

const g2 = new Float64Array(4);
const g3 = new Float64Array(4);
const tmp = new Float64Array(4);

/** Bracket terms of one customer; gradients of l2, l3 (incl. ln k) left in `grad2`, `grad3`. */
export function paretoTerms(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  grad2: Float64Array = g2,
  grad3: Float64Array = g3,
): ParetoTerms {
  const lnK = Math.log(s) - Math.log(r + s + x);
  const lF2 = logF(r, alpha, s, beta, x, tx, grad2, tmp);
  const lF3 = logF(r, alpha, s, beta, x, T, grad3, tmp);
  const dkr = -1 / (r + s + x);
  const dks = 1 / s - 1 / (r + s + x);
  grad2[0] = grad2[0]! + dkr;
  grad2[2] = grad2[2]! + dks;
  grad3[0] = grad3[0]! + dkr;
  grad3[2] = grad3[2]! + dks;
  return {
    lt1: -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T),
    l2: lnK + lF2,
    l3: lnK + Math.min(lF3, lF2), // F(T) ≤ F(tₓ); clamp rounding when tₓ = T
  };
}

interface Pairs {
  tx: { id: Int32Array; count: number; first: Int32Array };
  T: { id: Int32Array; count: number; first: Int32Array };
}
const pairCache = new WeakMap<RfmData, Pairs>();

/** Distinct (x, tₓ) and (x, T) pairs of the data (memoized): F is computed once per pair. */
function pairsOf(d: RfmData): Pairs {
  let p = pairCache.get(d);
  if (p === undefined) {
    p = { tx: pairIndex(d.x, d.tx), T: pairIndex(d.x, d.T) };
    pairCache.set(d, p);
  }
  return p;
}

/** ln F(t) and its gradient for each distinct (x, t) pair. */
function logFPairs(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  X: Float64Array,
  times: Float64Array,
  pairs: { count: number; first: Int32Array },
  withGrad: boolean,
): { lf: Float64Array; g: Float64Array } {
  const lf = new Float64Array(pairs.count);
  const g = new Float64Array(withGrad ? 4 * pairs.count : 0);
  const gi = new Float64Array(4);
  for (let u = 0; u < pairs.count; u++) {
    const j = pairs.first[u]!;
    lf[u] = logF(r, alpha, s, beta, X[j]!, times[j]!, gi, tmp);
    if (withGrad) g.set(gi, 4 * u);
  }
  return { lf, g };
}

/**
 * Total weighted Pareto/NBD log-likelihood at θ = (r, α, s, β); fills ∂LL/∂θ when `grad` is
 * given. ln L = ln C + ln(e^lt1 + e^l2 − e^l3), ln C = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β,
 * l2 = ln k + ln F(tₓ), l3 = ln k + ln F(T), k = s/(r+s+x). F is evaluated once per distinct
 * (x, tₓ) and (x, T) pair (all one-time buyers share F(0)).
 */
export function paretoNbdLogLik(theta: Float64Array, d: RfmData, grad?: Float64Array): number {
  const r = theta[0]!;
  const alpha = theta[1]!;
  const s = theta[2]!;
  const beta = theta[3]!;
  const lnAlpha = Math.log(alpha);
  const lnBeta = Math.log(beta);
  const lgR = gammaln(r);
  const psiR = grad ? digamma(r) : 0;
  let ll = 0;
  let gr = 0;
  let ga = 0;
  let gs = 0;
  let gb = 0;
  const nx = d.xValues.length;
  const lnKx = new Float64Array(nx);
  const dkrX = new Float64Array(nx);
  for (let k = 0; k < nx; k++) {
    const x = d.xValues[k]!;
    const wx = d.xWeight[k]!;
    ll += wx * (gammaln(r + x) - lgR);
    lnKx[k] = Math.log(s) - Math.log(r + s + x);
    dkrX[k] = -1 / (r + s + x);
    if (grad) gr += wx * (digamma(r + x) - psiR);
  }
  ll += d.n * (r * lnAlpha + s * lnBeta);
  if (grad) {
    gr += d.n * lnAlpha;
    ga += (d.n * r) / alpha;
    gs += d.n * lnBeta;
    gb += (d.n * s) / beta;
  }
  const pairs = pairsOf(d);
  const withGrad = grad !== undefined;
  const F2 = logFPairs(r, alpha, s, beta, d.x, d.tx, pairs.tx, withGrad);
  const F3 = logFPairs(r, alpha, s, beta, d.x, d.T, pairs.T, withGrad);
  const { x: X, T: TT, w: W, xIndex } = d;
  const id2 = pairs.tx.id;
  const id3 = pairs.T.id;
  for (let i = 0; i < X.length; i++) {
    const T = TT[i]!;
    const x = X[i]!;
    const w = W[i]!;
    const kx = xIndex[i]!;
    const u2 = id2[i]!;
    const u3 = id3[i]!;
    const lAT = Math.log(alpha + T);
    const lBT = Math.log(beta + T);
    const lt1 = -(r + x) * lAT - s * lBT;
    const lf2 = F2.lf[u2]!;
    const l2 = lnKx[kx]! + lf2;
    const l3 = lnKx[kx]! + Math.min(F3.lf[u3]!, lf2); // F(T) ≤ F(tₓ); clamp rounding at tₓ = T
    const m = Math.max(lt1, l2);
    const e1 = Math.exp(lt1 - m);
    const e2 = Math.exp(l2 - m);
    const e3 = Math.exp(l3 - m);
    const S = e1 + e2 - e3;
    ll += w * (m + Math.log(S));
    if (grad) {
      const f = w / S;
      const a2 = 4 * u2;
      const a3 = 4 * u3;
      const g2v = F2.g;
      const g3v = F3.g;
      // d ln k: r → −1/(r+s+x), s → 1/s − 1/(r+s+x); both bracket terms carry it.
      const dk = e2 - e3;
      const dkr = dkrX[kx]!;
      const dks = 1 / s + dkr;
      // ∂lt1: r → −ln(α+T), α → −(r+x)/(α+T), s → −ln(β+T), β → −s/(β+T)
      gr += f * (-e1 * lAT + e2 * g2v[a2]! - e3 * g3v[a3]! + dk * dkr);
      ga += f * ((-e1 * (r + x)) / (alpha + T) + e2 * g2v[a2 + 1]! - e3 * g3v[a3 + 1]!);
      gs += f * (-e1 * lBT + e2 * g2v[a2 + 2]! - e3 * g3v[a3 + 2]! + dk * dks);
      gb += f * ((-e1 * s) / (beta + T) + e2 * g2v[a2 + 3]! - e3 * g3v[a3 + 3]!);
    }
  }
  if (grad) {
    grad[0] = gr;
    grad[1] = ga;
    grad[2] = gs;
    grad[3] = gb;
  }
  return ll;
}
