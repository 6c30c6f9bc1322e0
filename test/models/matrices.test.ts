import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { bgBb } from '../../src/models/bgBb';
import { bgNbd } from '../../src/models/bgNbd';
import { expectedPurchasesMatrix, probabilityAliveMatrix } from '../../src/models/matrices';
import { mbgNbd } from '../../src/models/mbgNbd';
import { paretoNbd } from '../../src/models/paretoNbd';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // FHL 2005 CDNOW estimates (weeks)
const BB = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }; // FHS 2010 donations

describe('probabilityAliveMatrix', () => {
  it('runs its documented example', () => {
    const m = probabilityAliveMatrix('bgNbd', BG, { maxFrequency: 1, maxRecency: 2, T: 2 });
    expect(m).toEqual([
      [1, null, null],
      [null, expect.closeTo(0.7125, 4), expect.closeTo(0.7537, 4)],
    ]);
  });

  it('every possible cell equals the model’s probabilityAlive; impossible cells are null', () => {
    const T = 38.86;
    const m = probabilityAliveMatrix('bgNbd', BG, { maxFrequency: 20, maxRecency: 38, T });
    expect(m.length).toBe(21);
    for (let x = 0; x <= 20; x++) {
      expect(m[x]?.length).toBe(39);
      for (let tx = 0; tx <= 38; tx++) {
        const v = m[x]?.[tx];
        if ((x === 0) !== (tx === 0)) expect(v).toBeNull();
        else {
          expect(v).toBe(bgNbd.probabilityAlive(BG, { frequency: x, recency: tx, T }));
          expect((v as number) >= 0 && (v as number) <= 1).toBe(true);
        }
      }
      // the more recent the last purchase, the likelier the customer is alive (FHL 2005 Figure 5)
      for (let tx = 2; tx <= 38 && x > 0; tx++)
        expect(m[x]?.[tx] as number).toBeGreaterThanOrEqual(m[x]?.[tx - 1] as number);
    }
    // a customer with x = 0 never had a dropout opportunity in BG/NBD: P(alive) = 1
    expect(m[0]?.[0]).toBe(1);
  });

  it('Pareto/NBD and MBG/NBD cells match their own probabilityAlive', () => {
    const PNBD = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    const p = probabilityAliveMatrix('paretoNbd', PNBD, { maxFrequency: 3, maxRecency: 30, T: 38 });
    expect(p[3]?.[30]).toBe(paretoNbd.probabilityAlive(PNBD, { frequency: 3, recency: 30, T: 38 }));
    expect(p[0]?.[0]).toBe(paretoNbd.probabilityAlive(PNBD, { frequency: 0, recency: 0, T: 38 }));
    const m = probabilityAliveMatrix('mbgNbd', BG, { maxFrequency: 3, maxRecency: 30, T: 38 });
    expect(m[2]?.[10]).toBe(mbgNbd.probabilityAlive(BG, { frequency: 2, recency: 10, T: 38 }));
    // unlike BG/NBD, MBG/NBD lets a customer drop out right after the first purchase
    expect(m[0]?.[0] as number).toBeLessThan(1);
  });

  it('bgBb: cells match bgBb.probabilityAlive with n = T; x > tₓ is impossible', () => {
    const m = probabilityAliveMatrix('bgBb', BB, { maxFrequency: 6, maxRecency: 6, T: 6 });
    expect(m[6]?.[6]).toBe(bgBb.probabilityAlive(BB, { frequency: 6, recency: 6, n: 6 }));
    expect(m[3]?.[2]).toBeNull();
    expect(m[2]?.[4]).toBe(bgBb.probabilityAlive(BB, { frequency: 2, recency: 4, n: 6 }));
  });

  it('rejects bad grids and models with typed errors', () => {
    const cases: [() => unknown, RegExp][] = [
      [
        () => probabilityAliveMatrix('bgNbd', BG, { maxFrequency: -1, maxRecency: 2, T: 2 }),
        /probabilityAliveMatrix: expected maxFrequency an integer >= 0, received -1/,
      ],
      [
        () => probabilityAliveMatrix('bgNbd', BG, { maxFrequency: 1, maxRecency: 3, T: 2 }),
        /expected maxRecency <= T \(2\), received 3/,
      ],
      [
        () => probabilityAliveMatrix('bgNbd', BG, { maxFrequency: 1, maxRecency: 1, T: 0 }),
        /expected T a finite number > 0, received 0/,
      ],
      [
        () => probabilityAliveMatrix('bgBb', BB, { maxFrequency: 1, maxRecency: 1, T: 2.5 }),
        /expected T an integer >= 1/,
      ],
      [
        () => probabilityAliveMatrix('nbd' as never, BG, { maxFrequency: 1, maxRecency: 1, T: 2 }),
        /expected transactionModel/,
      ],
      [
        () =>
          probabilityAliveMatrix('bgNbd', BG, {
            maxFrequency: 10_000,
            maxRecency: 10_000,
            T: 10_000,
          }),
        /at most 4000000 cells/,
      ],
      [
        () =>
          probabilityAliveMatrix(
            'bgNbd',
            { ...BG, r: -1 },
            { maxFrequency: 1, maxRecency: 1, T: 2 },
          ),
        /params\.r/,
      ],
    ];
    for (const [f, re] of cases) {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).code).toBe('INVALID_INPUT');
      expect((err as Error).message).toMatch(re);
    }
  });
});

describe('expectedPurchasesMatrix', () => {
  it('runs its documented example', () => {
    const m = expectedPurchasesMatrix('bgNbd', BG, { t: 39, maxFrequency: 1, maxRecency: 1, T: 1 });
    expect(m).toEqual([
      [expect.closeTo(1.0406, 4), null],
      [null, expect.closeTo(3.4333, 4)],
    ]);
  });

  it('cells match conditionalExpectedPurchases, are >= 0 and grow with frequency at the latest recency', () => {
    const T = 38.86;
    const m = expectedPurchasesMatrix('bgNbd', BG, { t: 39, maxFrequency: 15, maxRecency: 38, T });
    expect(m[2]?.[30]).toBe(
      bgNbd.conditionalExpectedPurchases(BG, 39, { frequency: 2, recency: 30, T }),
    );
    for (let x = 1; x <= 15; x++) {
      expect(m[x]?.[38] as number).toBeGreaterThan(m[x - 1]?.[x === 1 ? 0 : 38] as number);
      for (const v of m[x] ?? []) if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('bgBb: cells match bgBb.conditionalExpectedPurchases; t must be an integer', () => {
    const m = expectedPurchasesMatrix('bgBb', BB, { t: 5, maxFrequency: 6, maxRecency: 6, T: 6 });
    expect(m[6]?.[6]).toBe(
      bgBb.conditionalExpectedPurchases(BB, 5, { frequency: 6, recency: 6, n: 6 }),
    );
    expect(() =>
      expectedPurchasesMatrix('bgBb', BB, { t: 1.5, maxFrequency: 1, maxRecency: 1, T: 6 }),
    ).toThrow(
      /expectedPurchasesMatrix: expected t an integer >= 0 \(opportunities\), received 1\.5/,
    );
    expect(() =>
      expectedPurchasesMatrix('bgNbd', BG, { t: -1, maxFrequency: 1, maxRecency: 1, T: 6 }),
    ).toThrow(InvalidInputError);
  });

  it('extreme grid corners stay finite (frequency and recency up to 10,000)', () => {
    const m = probabilityAliveMatrix('bgNbd', BG, {
      maxFrequency: 10_000,
      maxRecency: 1,
      T: 10_000,
    });
    expect(Number.isFinite(m[10_000]?.[1] as number)).toBe(true);
    const e = expectedPurchasesMatrix('bgNbd', BG, {
      t: 100,
      maxFrequency: 1,
      maxRecency: 10_000,
      T: 10_000,
    });
    expect(Number.isFinite(e[1]?.[10_000] as number)).toBe(true);
  });
});
