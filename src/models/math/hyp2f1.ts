/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z ≤ 1, as
 * the BG/NBD, MBG/NBD and Pareto/NBD expressions need it: log-space series with convergence
 * control, Euler and Pfaff transformations, and the z → 1 − z connection formula near z = 1.
 *
 * Sources: Abramowitz & Stegun (1964) 15.1.1 (series), 15.3.3 (Euler), 15.3.4/15.3.5 (Pfaff),
 * 15.3.6 (connection to 1 − z), 15.1.20 (Gauss's value at z = 1); DLMF 15.2, 15.8.
 */
import { InvalidInputError } from '../../errors';
import { gammaln, gammaSign, type SignedLog, signedLogSum } from './special';

const RESCALE = 1e200;
const LOG_RESCALE = Math.log(RESCALE);
const EPS = 1e-17;
/**
 * Largest ratio of the biggest term to the sum accepted from a series: beyond it more than
 * ~7 of the 16 digits cancel and another form (Euler, direct, connection) is used instead.
 */
const MAX_CANCELLATION = 1e7;
/** Series terms allowed before switching to the connection formula. */
const MAX_TERMS = 20000;

/** Result of a series: signed log value, or undefined when it did not converge in `maxTerms`. */
function seriesLog(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms: number,
): SignedLog | undefined {
  let term = 1;
  let sum = 1;
  let scale = 0;
  let peak = 1; // largest |term| seen, in the current scale: measures cancellation
  const done = (): SignedLog | undefined =>
    peak > MAX_CANCELLATION * Math.abs(sum) ? undefined : finish(sum, scale);
  for (let n = 0; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    if (term === 0) break; // a or b a non-positive integer: a polynomial
    sum += term;
    const at = Math.abs(term);
    const as = Math.abs(sum);
    if (at > peak) peak = at;
    if (at > RESCALE || as > RESCALE) {
      term /= RESCALE;
      sum /= RESCALE;
      peak /= RESCALE;
      scale += LOG_RESCALE;
      continue;
    }
    // Tail bound: the remaining terms shrink at least geometrically with ratio ρ < 1.
    // r(n)/z − 1 = ((a+b−c−1)n + ab − c) / ((c+n)(n+1)) changes sign at most once, so the ratio
    // stays ≤ |z| once below it when a+b−c−1 ≤ 0, and otherwise decreases to |z| from above
    // past its peak: ρ = max(|next ratio|, |z|) bounds all later ratios in both cases.
    const next = Math.abs((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z);
    const az = Math.abs(z);
    const bounded = (next <= az && a + b - c - 1 <= 0) || (next >= az && next <= Math.abs(ratio));
    const rho = Math.max(next, az);
    if (bounded && rho < 1 && (at * rho) / (1 - rho) <= EPS * as) return done();
    if (!Number.isFinite(sum)) return undefined;
  }
  if (term === 0) return done();
  return undefined;
}

function finish(sum: number, scale: number): SignedLog {
  if (sum === 0) return { sign: 0, log: Number.NEGATIVE_INFINITY };
  return { sign: Math.sign(sum), log: scale + Math.log(Math.abs(sum)) };
}

/** ln|Γ(x)| with sign, as a SignedLog of Γ(x); sign 0 at poles. */
function gammaSL(x: number): SignedLog {
  const sign = gammaSign(x);
  return { sign, log: sign === 0 ? Number.POSITIVE_INFINITY : gammaln(x) };
}

/** Γ(p1)Γ(p2)/(Γ(q1)Γ(q2)) as a SignedLog (0 when a denominator argument is a pole). */
function gammaRatio(p1: number, p2: number, q1: number, q2: number): SignedLog {
  const P1 = gammaSL(p1);
  const P2 = gammaSL(p2);
  const Q1 = gammaSL(q1);
  const Q2 = gammaSL(q2);
  if (Q1.sign === 0 || Q2.sign === 0) return { sign: 0, log: Number.NEGATIVE_INFINITY };
  return {
    sign: P1.sign * P2.sign * Q1.sign * Q2.sign,
    log: P1.log + P2.log - Q1.log - Q2.log,
  };
}

function mul(x: SignedLog, y: SignedLog): SignedLog {
  if (x.sign === 0 || y.sign === 0) return { sign: 0, log: Number.NEGATIVE_INFINITY };
  return { sign: x.sign * y.sign, log: x.log + y.log };
}

/**
 * Direct or Euler-transformed series for 0 ≤ z < 1. Preferred: the form whose terms are all
 * positive (no cancellation); between two such forms, the one whose terms decay faster at
 * large n (term ~ n^(a+b−c−1) zⁿ directly, n^(c−a−b−1) zⁿ after Euler). The other form is
 * tried when the first does not converge or cancels.
 */
function positiveSeries(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms: number,
): SignedLog | undefined {
  const m = c - a - b;
  const directPositive = a > 0 && b > 0 && c > 0;
  const eulerPositive = c - a > 0 && c - b > 0 && c > 0;
  const eulerFirst = directPositive !== eulerPositive ? eulerPositive : m < 0;
  const direct = () => seriesLog(a, b, c, z, maxTerms);
  const euler = (): SignedLog | undefined => {
    // Euler (A&S 15.3.3): F(a,b;c;z) = (1 − z)^(c−a−b) F(c−a, c−b; c; z)
    const f = seriesLog(c - a, c - b, c, z, maxTerms);
    return f === undefined ? undefined : { sign: f.sign, log: f.log + m * Math.log1p(-z) };
  };
  return eulerFirst ? (euler() ?? direct()) : (direct() ?? euler());
}

/** Connection formula z → 1 − z (A&S 15.3.6), for c − a − b not an integer. */
function connection(a: number, b: number, c: number, z: number): SignedLog | undefined {
  const m = c - a - b;
  const w = 1 - z;
  const f1 = positiveSeries(a, b, 1 - m, w, MAX_TERMS * 5);
  const f2 = positiveSeries(c - a, c - b, 1 + m, w, MAX_TERMS * 5);
  if (f1 === undefined || f2 === undefined) return undefined;
  const g = gammaSL(c);
  const t1 = mul(mul(g, gammaRatio(m, 1, c - a, c - b)), f1);
  const t2 = mul(mul(g, gammaRatio(-m, 1, a, b)), f2);
  return signedLogSum([t1, { sign: t2.sign, log: t2.log + m * Math.log(w) }]);
}

/** Near z = 1 when the series is too slow; perturbs c when c − a − b is (nearly) an integer. */
function nearOne(a: number, b: number, c: number, z: number): SignedLog | undefined {
  const m = c - a - b;
  const delta = 1e-5;
  if (Math.abs(m - Math.round(m)) > 10 * delta) return connection(a, b, c, z);
  // F is smooth in c: the mean of F(c − δ) and F(c + δ) differs from F(c) by O(δ²) (~1e-10
  // relative), while each connection evaluation loses about log10(1/δ) digits to cancellation.
  const shift = Math.round(m) - m;
  const lo = connection(a, b, c + shift - 3 * delta, z);
  const hi = connection(a, b, c + shift + 3 * delta, z);
  const mid = connection(a, b, c + shift + 6 * delta, z);
  if (lo === undefined || hi === undefined || mid === undefined) return undefined;
  // Quadratic interpolation in c through c0−3δ, c0+3δ, c0+6δ (c0 = c + shift), evaluated at c.
  const x0 = shift - 3 * delta;
  const x1 = shift + 3 * delta;
  const x2 = shift + 6 * delta;
  const v0 = lo.sign * Math.exp(lo.log - hi.log);
  const v1 = hi.sign;
  const v2 = mid.sign * Math.exp(mid.log - hi.log);
  const l0 = (x1 * x2) / ((x0 - x1) * (x0 - x2));
  const l1 = (x0 * x2) / ((x1 - x0) * (x1 - x2));
  const l2 = (x0 * x1) / ((x2 - x0) * (x2 - x1));
  const v = v0 * l0 + v1 * l1 + v2 * l2;
  if (v === 0) return { sign: 0, log: Number.NEGATIVE_INFINITY };
  return { sign: Math.sign(v), log: hi.log + Math.log(Math.abs(v)) };
}

/**
 * ₂F₁(a, b; c; z) as sign and natural log of its magnitude, for real a, b, c (c not a
 * non-positive integer) and z ≤ 1. See {@link hyp2f1} for the method.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` when z > 1, an argument is not finite, c is
 * a non-positive integer, or z = 1 with c − a − b ≤ 0 (the series diverges there)
 * @example
 * logHyp2f1(1, 1, 2, 0.5) // → { sign: 1, log: 0.32663425997828094 } = ln(2·ln 2)
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): SignedLog {
  for (const [name, v] of [
    ['a', a],
    ['b', b],
    ['c', c],
    ['z', z],
  ] as const) {
    if (!Number.isFinite(v)) {
      throw new InvalidInputError(`hyp2f1: expected ${name} a finite number, received ${v}`);
    }
  }
  if (c <= 0 && Number.isInteger(c)) {
    throw new InvalidInputError(`hyp2f1: expected c not a non-positive integer, received ${c}`);
  }
  if (z > 1) throw new InvalidInputError(`hyp2f1: expected z ≤ 1, received ${z}`);
  if (z === 0 || a === 0 || b === 0) return { sign: 1, log: 0 };
  if (z === 1) {
    if (c - a - b <= 0) {
      throw new InvalidInputError(
        `hyp2f1: expected c − a − b > 0 at z = 1, received c − a − b = ${c - a - b}`,
      );
    }
    // Gauss (A&S 15.1.20): Γ(c)Γ(c−a−b) / (Γ(c−a)Γ(c−b))
    return mul(gammaSL(c), gammaRatio(c - a - b, 1, c - a, c - b));
  }
  if (z < 0) {
    // Pfaff (A&S 15.3.4/15.3.5) maps z < 0 to w = z/(z − 1) in (0, 1):
    //   F = (1 − z)^(−a) F(a, c − b; c; w) = (1 − z)^(−b) F(c − a, b; c; w).
    // Use the form whose series numerator parameters are smaller (smaller peak term).
    const w = z / (z - 1);
    const l1z = Math.log1p(-z);
    const useA = Math.abs(a * (c - b)) <= Math.abs((c - a) * b);
    const inner = useA ? logHyp2f1(a, c - b, c, w) : logHyp2f1(c - a, b, c, w);
    return { sign: inner.sign, log: inner.log - (useA ? a : b) * l1z };
  }
  const direct = positiveSeries(a, b, c, z, MAX_TERMS);
  if (direct !== undefined) return direct;
  const viaOne = nearOne(a, b, c, z);
  if (viaOne !== undefined) return viaOne;
  const long = positiveSeries(a, b, c, z, MAX_TERMS * 50);
  if (long !== undefined) return long;
  throw new InvalidInputError(
    `hyp2f1: expected arguments where the series or its transformations converge, received a = ${a}, b = ${b}, c = ${c}, z = ${z}`,
  );
}

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ for real
 * parameters and z ≤ 1.
 *
 * Method: for 0 < z < 1 the series (or, when c − a − b < 0, the Euler transform
 * (1 − z)^(c−a−b) ₂F₁(c−a, c−b; c; z), whose terms decay faster) summed in log-scaled
 * arithmetic until the geometric tail bound is below 1e-17 of the sum; when that needs more
 * than 20,000 terms (z close to 1), the connection formula A&S 15.3.6 in 1 − z (with a
 * perturbation in c, accurate to ~1e-9 relative, when c − a − b is an integer); for z < 0 a
 * Pfaff transformation to z/(z − 1) ∈ (0, 1); at z = 1 Gauss's formula.
 *
 * Returns ±Infinity only when the true value exceeds the double range; use
 * {@link logHyp2f1} for such magnitudes.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` as {@link logHyp2f1}
 * @example
 * hyp2f1(1, 1, 2, 0.5) // → 1.3862943611198906 = −ln(1 − 0.5)/0.5
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const r = logHyp2f1(a, b, c, z);
  return r.sign === 0 ? 0 : r.sign * Math.exp(r.log);
}
