import { fc, test } from '@fast-check/vitest';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvTokenizer, UnterminatedQuote } from '../../src/load/files/tokenizer';

/** Tokenizes `text` fed in pieces cut at `cuts` (positions, any order). */
function tokenize(text: string, delimiter: string, cuts: readonly number[] = []): CsvRecord[] {
  const t = new CsvTokenizer(delimiter);
  const out: CsvRecord[] = [];
  let at = 0;
  for (const c of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (c <= at || c >= text.length) continue;
    t.push(text.slice(at, c), out);
    at = c;
  }
  t.push(text.slice(at), out);
  t.end(out);
  return out;
}

/** What the loaders got from csv-parse 6 before this tokenizer replaced it. */
function reference(text: string, delimiter: string): string[][] | { lines: number } {
  try {
    return parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true });
  } catch (e) {
    const err = e as { code?: string; lines: number };
    if (err.code !== 'CSV_QUOTE_NOT_CLOSED') throw e;
    return { lines: err.lines };
  }
}

function ours(text: string, delimiter: string, cuts: readonly number[]) {
  try {
    return tokenize(text, delimiter, cuts);
  } catch (e) {
    if (e instanceof UnterminatedQuote) return { lines: e.lines };
    throw e;
  }
}

function newlines(fields: readonly string[]): number {
  return fields.join('').split('\n').length - 1;
}

describe('CsvTokenizer', () => {
  it('splits the example records: quotes, "" escapes, embedded line breaks, BOM', () => {
    const text = '\ufeffid,note\r\n1,"a, ""b""\r\nc"\r\n2,plain\r\n';
    expect(tokenize(text, ',').map((r) => r.fields)).toEqual([
      ['id', 'note'],
      ['1', 'a, "b"\r\nc'],
      ['2', 'plain'],
    ]);
    // The quoted field spans two physical lines: one \n inside it.
    expect(tokenize(text, ',').map((r) => r.newlines)).toEqual([0, 1, 0]);
  });

  it('keeps csv-parse relax_quotes behaviour: stray quotes are data', () => {
    expect(tokenize('a,b"c\na,"b"c\n', ',').map((r) => r.fields)).toEqual([
      ['a', 'b"c'],
      ['a', '"b"c'],
    ]);
  });

  it('fixes the record delimiter at the first line break, as csv-parse does', () => {
    // First break is \r\n: a later lone \n is data inside the field.
    expect(tokenize('a,b\r\n1,2\n3,4\r\n', ',').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2\n3', '4'],
    ]);
    expect(tokenize('a\rb\r', ',').map((r) => r.fields)).toEqual([['a'], ['b']]);
  });

  it('throws UnterminatedQuote with csv-parse line count', () => {
    // Line breaks read: 4 (three line ends, one inside the open quote) → csv-parse's line 5.
    expect(() => tokenize('a\n1\n2\n"x\ny', ',')).toThrow(UnterminatedQuote);
    expect(ours('a\n1\n2\n"x\ny', ',', [])).toEqual(reference('a\n1\n2\n"x\ny', ','));
    expect(reference('a\n1\n2\n"x\ny', ',')).toEqual({ lines: 5 });
  });

  const unit = fc.constantFrom(
    'a',
    'b',
    ' ',
    ',',
    ';',
    '"',
    '\n',
    '\r',
    '\r\n',
    'é',
    '£',
    '\t',
    '𝄞',
  );
  const field = fc.oneof(
    fc.string({ unit, maxLength: 6 }),
    fc.string({ unit, maxLength: 6 }).map((v) => `"${v.replaceAll('"', '""')}"`),
  );
  const csvText = fc
    .tuple(
      fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.constantFrom(',', ';', '\t', ';;'),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([rows, eol, delimiter, bom, finalEol]) => ({
      text:
        (bom ? '\ufeff' : '') +
        rows.map((r) => r.join(delimiter)).join(eol) +
        (finalEol ? eol : ''),
      delimiter,
    }));

  test.prop([csvText, fc.array(fc.nat(80), { maxLength: 6 })], { numRuns: 3000 })(
    'matches csv-parse on structured CSV, for any chunking',
    ({ text, delimiter }, cuts) => {
      const got = ours(text, delimiter, cuts);
      const want = reference(text, delimiter);
      if (Array.isArray(got)) {
        expect(got.map((r) => r.fields)).toEqual(want);
        for (const r of got) expect(r.newlines).toBe(newlines(r.fields));
      } else expect(got).toEqual(want);
    },
  );

  test.prop(
    [
      fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', 'é', '\ufeff'), maxLength: 40 }),
      fc.constantFrom(',', ',,'),
      fc.array(fc.nat(40), { maxLength: 5 }),
    ],
    { numRuns: 3000 },
  )(
    'matches csv-parse on arbitrary text (stray quotes, mixed line ends)',
    (text, delimiter, cuts) => {
      const got = ours(text, delimiter, cuts);
      const want = reference(text, delimiter);
      if (Array.isArray(got)) expect(got.map((r) => r.fields)).toEqual(want);
      else expect(got).toEqual(want);
    },
  );

  it('reads a long quoted field split over 100 chunks (the state machine resumes)', () => {
    const long = 'x'.repeat(200_000);
    const text = `a,b\n1,"${long}\n${long}"\n2,3\n`;
    const cuts = Array.from({ length: 100 }, (_, k) => 7 + k * 4001);
    const got = tokenize(text, ',', cuts);
    expect(got.map((r) => r.fields.map((f) => f.length))).toEqual([
      [1, 1],
      [1, 400_001],
      [1, 1],
    ]);
    expect(got[1]!.newlines).toBe(1);
  });
});
