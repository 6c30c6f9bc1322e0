import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseDate, parseNumber } from '../../src/load/index';
import { plainDecimal } from '../../src/load/numbers';

/** The result of `f`, or the error's constructor name. */
function outcome(f: () => Date | number | undefined): unknown {
  try {
    const v = f();
    return v instanceof Date ? v.getTime() : v;
  } catch (e) {
    return (e as Error).constructor.name;
  }
}

describe('number fast path (plainDecimal)', () => {
  it('reads plain decimals exactly as Number does, and leaves the rest to the general path', () => {
    // 12.34 = 1234 / 10^2, one correctly rounded division.
    expect(plainDecimal('12.34')).toBe(12.34);
    expect(Object.is(plainDecimal('-0'), -0)).toBe(true);
    expect(plainDecimal('0.1')).toBe(0.1);
    // 16 digits: beyond the exact-integer fast path, so NaN (the caller uses Number).
    expect(plainDecimal('1234567890.123456')).toBeNaN();
    for (const s of ['', '-', '1.', '.5', '1e3', ' 1', '1,000', '+1', '--1']) {
      expect(plainDecimal(s)).toBeNaN();
    }
    expect(parseNumber('1234567890.123456')).toBe(1234567890.123456);
  });

  test.prop(
    [
      fc.boolean(),
      fc.string({ unit: fc.constantFrom('0', '1', '5', '7', '9'), minLength: 1, maxLength: 12 }),
      fc.option(fc.string({ unit: fc.constantFrom('0', '3', '9'), minLength: 1, maxLength: 9 })),
    ],
    { numRuns: 3000 },
  )('equals Number(s) bit for bit wherever it answers', (neg, int, frac) => {
    const s = `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`;
    const fast = plainDecimal(s);
    if (!Number.isNaN(fast)) expect(Object.is(fast, Number(s))).toBe(true);
    else expect(int.length + (frac?.length ?? 0)).toBeGreaterThan(15);
    expect(Object.is(parseNumber(s), Number(s))).toBe(true);
  });
});

describe('ISO date fast path', () => {
  it('reads the common ISO forms to the same instants as before', () => {
    expect(parseDate('2011-12-09')!.toISOString()).toBe('2011-12-09T00:00:00.000Z');
    expect(parseDate('2011-12-09 12:50')!.toISOString()).toBe('2011-12-09T12:50:00.000Z');
    expect(parseDate('2011-12-09T12:50:07Z')!.toISOString()).toBe('2011-12-09T12:50:07.000Z');
    // Year 0 and leap days: 0000-02-29 exists (0 is a leap year in the proleptic calendar).
    expect(parseDate('0000-02-29')!.toISOString()).toBe('0000-02-29T00:00:00.000Z');
    expect(() => parseDate('2011-02-29')).toThrow();
    expect(() => parseDate('2011-12-09 24:00')).toThrow();
    // A time zone applies to dates without an offset; `Z` still means UTC.
    expect(parseDate('2011-07-01', { timeZone: 'Europe/London' })!.toISOString()).toBe(
      '2011-06-30T23:00:00.000Z',
    );
    expect(parseDate('2011-07-01T00:00Z', { timeZone: 'Europe/London' })!.toISOString()).toBe(
      '2011-07-01T00:00:00.000Z',
    );
  });

  const digits = (n: number) =>
    fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '5', '9'), minLength: n, maxLength: n });
  test.prop(
    [
      digits(4),
      digits(2),
      digits(2),
      fc.constantFrom('', 'T', ' ', 'x'),
      digits(2),
      digits(2),
      fc.option(digits(2)),
      fc.constantFrom('', 'Z', '+01:00'),
      fc.constantFrom('UTC', 'Europe/London'),
    ],
    { numRuns: 3000 },
  )(
    'gives what the general parser gives (reached with a leading space, which it trims)',
    (y, mo, d, sep, h, mi, s, offset, timeZone) => {
      const time = sep === '' ? '' : `${sep}${h}:${mi}${s === null ? '' : `:${s}`}${offset}`;
      const text = `${y}-${mo}-${d}${time}`;
      expect(outcome(() => parseDate(text, { timeZone }))).toEqual(
        outcome(() => parseDate(` ${text}`, { timeZone })),
      );
    },
  );
});
