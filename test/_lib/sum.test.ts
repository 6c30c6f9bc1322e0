import { describe, expect, it } from 'vitest';
import { Adder, fsum } from '../../src/_lib/sum';

describe('fsum', () => {
  it('adds ten 0.1s to exactly 1 (naive summation gives 0.9999999999999999)', () => {
    expect(fsum(Array(10).fill(0.1))).toBe(1);
    expect(
      Number(
        Array(10)
          .fill(0.1)
          .reduce((a, v) => a.add(v), new Adder()),
      ),
    ).toBe(1);
  });
  it('recovers small terms lost next to large ones', () => {
    // 1e100 + 1 - 1e100 = 1 exactly with compensation; naive gives 0.
    expect(fsum([1e100, 1, -1e100])).toBe(1);
  });
});
