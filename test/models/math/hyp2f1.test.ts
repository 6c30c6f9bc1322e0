import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { hyp2f1, logHyp2f1 } from '../../../src/models/math/hyp2f1';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('hyp2f1', () => {
  it('runs its documented examples', () => {
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(1.3862943611198906, 14);
    const l = logHyp2f1(1, 1, 2, 0.5);
    expect(l.sign).toBe(1);
    expect(l.log).toBeCloseTo(0.32663425997828094, 14); // ln(2 ln 2)
  });

  it('matches closed forms (A&S 15.1.3–15.1.8)', () => {
    for (const z of [-50, -3, -0.9, -0.2, 0.1, 0.5, 0.9, 0.999, 0.99999]) {
      // 2F1(1,1;2;z) = −ln(1 − z)/z
      expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-9);
      // 2F1(a,b;b;z) = (1 − z)^−a
      expect(rel(hyp2f1(0.37, 2.5, 2.5, z), (1 - z) ** -0.37)).toBeLessThan(1e-12);
    }
    for (const x of [-0.99, -0.5, 0.3, 0.8, 0.999]) {
      // 2F1(1/2,1/2;3/2;x²) = arcsin(x)/x
      expect(rel(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-12);
    }
    // Polynomial case: 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)); b=3, c=4, z=0.5:
    // 1 − 0.75 + 12·0.25/20 = 0.4
    expect(hyp2f1(-2, 3, 4, 0.5)).toBeCloseTo(0.4, 15);
  });

  // Reference values: mpmath 1.3.0, mp.dps = 30, `mpmath.hyp2f1(a, b, c, z, maxterms=10**7)`
  // (python3 on this machine, 2026-11-23).
  const reference: [number, number, number, number, number][] = [
    [0.5, 0.5, 1.5, 0.25, 1.0471975511965979],
    [1, 1, 2, 0.9999, 9.211261498126106],
    [2.5, 1.3, 4.1, 0.3, 1.3124219016367007],
    [2.5, 1.3, 4.1, 0.97, 6.060903574501618],
    [0.243, 2.426, 2.219, 0.9, 1.947631169818602],
    [0.243, 2.426, 2.219, 0.9996, 16.4021541700646],
    [0.243, 2.426, 2.219, 0.99999, 83.2493474944805],
    [1.2, 3.0, 2.0, -0.5, 0.4917908861235882],
    [1.2, 3.0, 2.0, -20, 0.011100947814058747],
    [10.24, 12.4, 13.2, 0.6, 6437.512835839399],
    [100.24, 102.4, 103.2, 0.6, 3.777610035688526e39],
    [0.7, 2.0, 4.3, 1.0, 1.8245192307692308],
    [3.0, 2.0, 5.0, 0.999999, 135.7870254147726],
    [1.5, 2.5, 4.0, 0.9999, 37.27717771546119],
    [10000.243, 0.793, 10003.219, -4.0, 0.27912502147746965],
    // integer c − a − b near z = 1 (connection formula with the perturbation in c)
    [1, 1, 4, 0.999999, 1.4999985000369467],
    [2, 2, 3, 0.99999, 199978.97370945654],
    [1.5, 2.5, 2, 0.999995, 33953096966.20432],
    [0.5, 0.5, 3, 0.9999999, 1.1317684559148693],
  ];
  it.each(reference)('matches mpmath at (%f, %f, %f, %f)', (a, b, c, z, want) => {
    expect(rel(hyp2f1(a, b, c, z), want)).toBeLessThan(1e-9);
  });

  it('avoids cancellation when the Euler form has a negative numerator parameter', () => {
    // fast-check found this: c − a < 0 made the Euler series cancel to the wrong sign.
    // mpmath (dps 30): 2F1(34.33495519788269, 0.05; 6.868272551397912; 0.9833893356205586)
    //   = 2.37020173980826127e40, and 2F1(c−a, c−b; c; z) = 2.54530159749689952e-9.
    const a = 34.33495519788269;
    const b = 0.05;
    const c = 6.868272551397912;
    const z = 0.9833893356205586;
    expect(rel(hyp2f1(a, b, c, z), 2.3702017398082614e40)).toBeLessThan(1e-9);
    expect(rel(hyp2f1(c - a, c - b, c, z), 2.5453015974968993e-9)).toBeLessThan(1e-6);
  });

  it('returns log magnitudes beyond the double range (mpmath: ln F)', () => {
    // ln 2F1(10000.243, 10002.426; 10002.219; 0.5) = 6931.783701382227 (mpmath, as above)
    expect(
      rel(logHyp2f1(10000.243, 10002.426, 10002.219, 0.5).log, 6931.783701382227),
    ).toBeLessThan(1e-12);
    expect(
      rel(logHyp2f1(10000.243, 10002.426, 10002.219, 0.995).log, 52985.55786760005),
    ).toBeLessThan(1e-12);
  });

  it('rejects z > 1, non-finite arguments, poles in c and divergence at z = 1', () => {
    const bad: [number, number, number, number][] = [
      [1, 1, 2, 1.5],
      [Number.NaN, 1, 2, 0.5],
      [1, 1, -2, 0.5],
      [1, 1, 2, 1],
    ];
    for (const [a, b, c, z] of bad) {
      expect(() => hyp2f1(a, b, c, z)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });

  // With c > b > 0, F = E[(1 − zt)^−a] for t ~ Beta(b, c − b) (Euler's integral, A&S 15.3.1),
  // so F > 0 for every z < 1; for z ≥ 0 every series term is positive.
  test.prop([
    fc.double({ min: 0.05, max: 50, noNaN: true }),
    fc.double({ min: 0.05, max: 50, noNaN: true }),
    fc.double({ min: 0.01, max: 50, noNaN: true }),
    fc.double({ min: -100, max: 0.999, noNaN: true }),
  ])('is finite and positive when c > b > 0 and z < 1; Euler identity holds', (a, b, dc, z) => {
    const c = b + dc;
    const f = logHyp2f1(a, b, c, z);
    expect(f.sign).toBe(1);
    expect(Number.isFinite(f.log)).toBe(true);
    if (z >= 0) {
      // Euler: F(a,b;c;z) = (1 − z)^(c−a−b) F(c−a, c−b; c; z), computed along other paths
      const e = logHyp2f1(c - a, c - b, c, z);
      const viaEuler = e.log + (c - a - b) * Math.log1p(-z);
      expect(e.sign).toBe(1);
      expect(Math.abs(viaEuler - f.log)).toBeLessThan(1e-7 * Math.max(1, Math.abs(f.log)));
    }
  });
});
