import { fc, test as fcTest } from '@fast-check/vitest';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { neutralizeFormula, toCsv } from '../../src/report/csv';

describe('toCsv', () => {
  it('runs its documented example', () => {
    expect(toCsv([{ id: '=1+1', spend: -3.5, note: 'a,b' }])).toBe(
      'id,spend,note\r\n\'=1+1,-3.5,"a,b"\r\n',
    );
  });

  it('quotes per RFC 4180 §2.6-2.7 and keeps numbers as numbers', () => {
    const csv = toCsv(
      [
        {
          a: 'say "hi"',
          b: 'line1\nline2',
          c: -2,
          d: null,
          e: true,
          f: new Date(Date.UTC(2024, 0, 2)),
        },
      ],
      undefined,
      { eol: '\n' },
    );
    expect(csv).toBe(
      'a,b,c,d,e,f\n"say ""hi""","line1\nline2",-2,,true,2024-01-02T00:00:00.000Z\n',
    );
  });

  it('neutralizes every formula-starting character in strings, never in numbers', () => {
    for (const s of ['=SUM(A1)', '+1', '-1', '@x', '\tx', '\rx']) {
      expect(neutralizeFormula(s)).toBe(`'${s}`);
    }
    expect(neutralizeFormula('17850')).toBe('17850');
    const csv = toCsv([{ id: '=HYPERLINK("http://x")', n: -5 }], undefined, { eol: '\n' });
    expect(csv).toBe('id,n\n"\'=HYPERLINK(""http://x"")",-5\n');
    // header names are neutralized too
    expect(toCsv([{ '=cmd': 1 }], undefined, { eol: '\n' })).toBe("'=cmd\n1\n");
  });

  it('treats __proto__ as an ordinary column and uses only own properties', () => {
    const row = JSON.parse('{"__proto__": "=evil", "id": "a"}') as Record<string, unknown>;
    expect(toCsv([row], undefined, { eol: '\n' })).toBe("__proto__,id\n'=evil,a\n");
    const inherited = Object.create({ ghost: 'x' }) as Record<string, unknown>;
    inherited.id = 'b';
    expect(toCsv([inherited], ['id', 'ghost'], { eol: '\n' })).toBe('id,ghost\nb,\n');
  });

  it('joins string arrays (reasons) with the separator, then neutralizes', () => {
    expect(toCsv([{ r: ['gap', 'falling'] }], undefined, { eol: '\n' })).toBe('r\ngap; falling\n');
  });

  it('rejects NaN, Infinity, invalid dates and objects with a typed error naming row and column', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, new Date(Number.NaN), { x: 1 }]) {
      let err: unknown;
      try {
        toCsv([{ ok: 1 }, { ok: bad }]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).code).toBe('INVALID_INPUT');
      expect((err as InvalidInputError).issues[0]!.path).toEqual(['rows', 1, 'ok']);
      expect((err as Error).message).toMatch(/^toCsv: expected ok /);
    }
  });

  it('does not mutate its input', () => {
    const rows = [{ a: '=x', b: 1 }];
    const copy = structuredClone(rows);
    toCsv(rows);
    expect(rows).toEqual(copy);
  });

  fcTest.prop([
    fc.array(
      fc.record({
        id: fc.string(),
        n: fc.double({ noNaN: true, noDefaultInfinity: true }),
        t: fc.string({
          unit: fc.constantFrom('a', ',', '"', '\n', '\r', '=', '-', ' ', '@', '\t'),
        }),
      }),
      { maxLength: 20 },
    ),
  ])('round-trips through csv-parse (an independent RFC 4180 parser)', (rows) => {
    const text = toCsv(rows, ['id', 'n', 't']);
    const parsed = parse(text, { columns: true, relax_column_count: false }) as Record<
      string,
      string
    >[];
    expect(parsed.length).toBe(rows.length);
    parsed.forEach((p, i) => {
      expect(p.id).toBe(neutralizeFormula(rows[i]!.id));
      expect(p.t).toBe(neutralizeFormula(rows[i]!.t));
      expect(Number(p.n)).toBe(rows[i]!.n === 0 ? 0 : rows[i]!.n);
    });
  });
});
