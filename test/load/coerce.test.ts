import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { normalizeId } from '../../src/load/ids';
import { normalizeGender } from '../../src/load/labels';
import { parseNumber } from '../../src/load/numbers';

describe('parseNumber', () => {
  it('runs its documented example', () => {
    expect(parseNumber('$1,234.50')).toBe(1234.5);
    expect(parseNumber('1.234,50 €', { decimal: ',' })).toBe(1234.5);
    expect(parseNumber('(12.00)')).toBe(-12);
    expect(parseNumber(' ')).toBeUndefined();
  });

  it('accepts signs, currency symbols on either side, grouping and exponents', () => {
    const cases: [string, number][] = [
      ['42', 42],
      ['-0.5', -0.5],
      ['+7', 7],
      ['−3', -3], // U+2212 minus sign
      ['.25', 0.25],
      ['£9,747,747.93', 9747747.93],
      ['-$5', -5],
      ['$-5', -5],
      ['¥1000', 1000],
      ['12 €', 12],
      ['1e3', 1000],
      ['(1,000)', -1000],
    ];
    for (const [text, n] of cases) expect(parseNumber(text), text).toBe(n);
    expect(parseNumber('1 234,5', { decimal: ',' })).toBe(1234.5);
    expect(parseNumber('-0,75', { decimal: ',' })).toBe(-0.75);
    expect(parseNumber(3.5)).toBe(3.5);
  });

  it('rejects NaN, Infinity, bad grouping, double signs and stray text with a typed error', () => {
    for (const bad of [
      'NaN',
      'Infinity',
      '-Infinity',
      '1e400',
      '1,23.4',
      '12,34',
      '--1',
      '(-1)',
      '$1$',
      '1.2.3',
      'abc',
      '$',
      '1,5',
    ]) {
      let err: unknown;
      try {
        parseNumber(bad);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).issues[0]!.code).toBe('invalid_number');
    }
    expect(() => parseNumber(Number.NaN)).toThrow(
      'parseNumber: expected value a finite number, received NaN',
    );
    expect(() => parseNumber(true)).toThrow(InvalidInputError);
    // With decimal comma, "1.5" is not a valid grouping (groups have three digits).
    expect(() => parseNumber('1.5', { decimal: ',' })).toThrow(InvalidInputError);
  });
});

describe('normalizeId', () => {
  it('runs its documented example', () => {
    expect(normalizeId(' 17850.0 ', 'numeric')).toBe('17850');
    expect(normalizeId(' 00001 ')).toBe('00001');
  });

  it('canonicalizes integer ids in numeric mode and rejects others', () => {
    expect(normalizeId('00042', 'numeric')).toBe('42');
    expect(normalizeId('0', 'numeric')).toBe('0');
    expect(normalizeId(17850, 'numeric')).toBe('17850');
    expect(normalizeId('17850.000', 'numeric')).toBe('17850');
    expect(() => normalizeId('17850.5', 'numeric')).toThrow(
      'normalizeId: expected id an integer id (e.g. 17850 or 17850.0), received "17850.5"',
    );
    expect(() => normalizeId('C123', 'numeric')).toThrow(InvalidInputError);
    expect(normalizeId('', 'numeric')).toBeUndefined();
  });

  it('applies a function to the trimmed text and rejects an empty result', () => {
    expect(normalizeId(' ab ', (s) => s.toUpperCase())).toBe('AB');
    expect(() => normalizeId('ab', () => ' ')).toThrow(InvalidInputError);
    expect(() => normalizeId({}, 'trim')).toThrow(InvalidInputError);
  });
});

describe('normalizeGender', () => {
  it('runs its documented example', () => {
    expect(normalizeGender(' Female ')).toBe('female');
    expect(normalizeGender('男')).toBe('male');
    expect(normalizeGender('n/a')).toBe('unknown');
  });

  it('maps the label table and everything else to unknown', () => {
    const table: [unknown, string][] = [
      ['F', 'female'],
      ['f', 'female'],
      ['女', 'female'],
      ['女性', 'female'],
      ['M', 'male'],
      ['MALE', 'male'],
      ['男性', 'male'],
      ['Other', 'other'],
      ['non-binary', 'other'],
      ['', 'unknown'],
      [undefined, 'unknown'],
      [1, 'unknown'],
      ['x', 'unknown'],
    ];
    for (const [label, g] of table) expect(normalizeGender(label), String(label)).toBe(g);
  });
});
