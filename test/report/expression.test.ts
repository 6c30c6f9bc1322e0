import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { isPlainColumn, parseColumnExpression } from '../../src/report/expression';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).issues[0]?.code;
  }
  return undefined;
}

describe('parseColumnExpression', () => {
  it('runs its documented example', () => {
    const e = parseColumnExpression('Quantity*UnitPrice');
    expect(e.evaluate({ Quantity: '6', UnitPrice: '2.55' })).toBe(15.299999999999999);
    expect(e.columns).toEqual(['Quantity', 'UnitPrice']);
  });

  it('follows the usual precedence and associativity (hand-computed)', () => {
    const row = { a: 2, b: 3, c: 4 };
    expect(parseColumnExpression('a + b * c').evaluate(row)).toBe(14); // 2 + 12
    expect(parseColumnExpression('(a + b) * c').evaluate(row)).toBe(20); // 5 × 4
    expect(parseColumnExpression('c - b - a').evaluate(row)).toBe(-1); // (4 − 3) − 2
    expect(parseColumnExpression('c / a / a').evaluate(row)).toBe(1); // (4 / 2) / 2
    expect(parseColumnExpression('-a * -b').evaluate(row)).toBe(6);
    expect(parseColumnExpression('1.5e1 + .5').evaluate({})).toBe(15.5);
    expect(
      parseColumnExpression('`Unit Price` * "qty x"').evaluate({
        'Unit Price': '2',
        'qty x': ' 3 ',
      }),
    ).toBe(6);
  });

  it('rejects anything outside the grammar, naming the token (never evaluates code)', () => {
    expect(codeOf(() => parseColumnExpression('a; process.exit(1)'))).toBe('syntax');
    expect(codeOf(() => parseColumnExpression('a ** b'))).toBe('syntax');
    expect(codeOf(() => parseColumnExpression('(a + b'))).toBe('syntax');
    expect(codeOf(() => parseColumnExpression('a b'))).toBe('syntax');
    expect(codeOf(() => parseColumnExpression('f(a)'))).toBe('syntax');
    expect(codeOf(() => parseColumnExpression(''))).toBe('invalid_type');
    expect(() => parseColumnExpression('a ! b')).toThrow(/position 3/);
  });

  it('reads only own columns: __proto__ and constructor are missing, not inherited', () => {
    const e = parseColumnExpression('constructor * 2');
    expect(codeOf(() => e.evaluate({}))).toBe('invalid_number');
    const row = JSON.parse('{"__proto__": "4"}') as Record<string, unknown>;
    expect(parseColumnExpression('__proto__ * 2').evaluate(row)).toBe(8);
  });

  it('rejects missing, empty and non-numeric values, division by zero and overflow', () => {
    const e = parseColumnExpression('a / b');
    expect(codeOf(() => e.evaluate({ a: '1' }))).toBe('invalid_number');
    expect(codeOf(() => e.evaluate({ a: '', b: '1' }))).toBe('invalid_number');
    expect(codeOf(() => e.evaluate({ a: 'x', b: '1' }))).toBe('invalid_number');
    expect(codeOf(() => e.evaluate({ a: '1', b: '0' }))).toBe('division_by_zero');
    expect(codeOf(() => parseColumnExpression('a * a').evaluate({ a: 1e200 }))).toBe('not_finite');
    expect(() => e.evaluate({ a: 'x', b: '1' })).toThrow(/expected a to be a number, received "x"/);
  });

  it('does not mutate the row', () => {
    const row = { a: '1', b: '2' };
    parseColumnExpression('a+b').evaluate(row);
    expect(row).toEqual({ a: '1', b: '2' });
  });

  fcTest.prop([fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })])(
    'agrees with JavaScript arithmetic on integers',
    (x, y) => {
      const row = { x: String(x), y: String(y) };
      expect(parseColumnExpression('x*y - (x + y)').evaluate(row)).toBe(x * y - (x + y));
    },
  );
});

describe('isPlainColumn', () => {
  it('runs its documented example', () => {
    expect(isPlainColumn('Unit Price')).toBe(true);
    expect(isPlainColumn('Quantity*UnitPrice')).toBe(false);
  });
});
