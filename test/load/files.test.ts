import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { loadCustomers, loadInteractions, loadTransactions } from '../../src/load/node';

const dir = mkdtempSync(join(tmpdir(), 'ca-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** Writes a small fixture file and returns its path. */
function fixture(name: string, content: string | Buffer): string {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}
const HEADER = 'customerId,date,amount';

async function error(p: Promise<unknown>): Promise<InvalidInputError> {
  const e = await p.then(
    () => undefined,
    (x) => x,
  );
  expect(e).toBeInstanceOf(InvalidInputError);
  expect((e as InvalidInputError).code).toBe('INVALID_INPUT');
  return e as InvalidInputError;
}

describe('Node loaders: formats', () => {
  it('reads CSV, TSV, whitespace text, JSON, NDJSON and gzip to the same records', async () => {
    const csv = `${HEADER}\na,2024-01-01,1.5\nb,2024-01-02,-2\n`;
    const rows = [
      { customerId: 'a', date: '2024-01-01', amount: '1.5' },
      { customerId: 'b', date: '2024-01-02', amount: '-2' },
    ];
    const inputs = [
      fixture('t.csv', csv),
      fixture('t.tsv', csv.replaceAll(',', '\t')),
      fixture('t.txt', `  customerId   date  amount\n  a 2024-01-01   1.5\n\tb  2024-01-02 -2\n`),
      fixture('t.json', JSON.stringify(rows)),
      fixture('t.ndjson', rows.map((r) => JSON.stringify(r)).join('\n')),
      fixture('t.csv.gz', gzipSync(csv)),
      fixture('t.jsonl.gz', gzipSync(rows.map((r) => JSON.stringify(r)).join('\r\n'))),
    ];
    const expected = [
      { customerId: 'a', date: new Date('2024-01-01T00:00:00Z'), amount: 1.5, kind: 'purchase' },
      { customerId: 'b', date: new Date('2024-01-02T00:00:00Z'), amount: -2, kind: 'return' },
    ];
    for (const p of inputs) {
      const r = await loadTransactions(p);
      expect(r.records, p).toEqual(expected);
      expect(r.stats, p).toEqual({ read: 2, accepted: 2, rejected: 0, duplicates: 0 });
    }
    // Readable streams: CSV by default, other formats and gzip via options.
    const fromStream = await loadTransactions(Readable.from([csv.slice(0, 20), csv.slice(20)]));
    expect(fromStream.records).toEqual(expected);
    const gz = await loadTransactions(Readable.from([gzipSync(csv)]), { gzip: true });
    expect(gz.records).toEqual(expected);
    const semi = await loadTransactions(fixture('semi.data', csv.replaceAll(',', ';')), {
      format: 'csv',
      delimiter: ';',
    });
    expect(semi.records).toEqual(expected);
  });

  it('numbers rejected rows by physical line (header = line 1, blank lines and quoted newlines counted)', async () => {
    const p = fixture(
      'lines.csv',
      `${HEADER}\n\na,2024-01-01,1\n"multi\nline",2024-01-01,x\nb,2024-01-01,y\n`,
    );
    const { rejected, stats } = await loadTransactions(p);
    expect(stats).toEqual({ read: 3, accepted: 1, rejected: 2, duplicates: 0 });
    expect(rejected.map((r) => r.line)).toEqual([4, 6]);
    expect(rejected[1]!.issues[0]!.message).toBe(
      'loadTransactions: expected amount a finite number, received "y" (line 6)',
    );
  });

  it('reads headerless files with positional columns or given names', async () => {
    const p = fixture('nohead.txt', ' 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n');
    const byIndex = await loadTransactions(p, {
      header: false,
      columns: { customerId: 0, date: 1, quantity: 2, amount: 3 },
      dateFormat: 'yyyyMMdd',
    });
    const byName = await loadTransactions(p, {
      header: false,
      names: ['id', 'day', 'cds', 'dollars'],
      columns: { customerId: 'id', date: 'day', quantity: 'cds', amount: 'dollars' },
      dateFormat: 'yyyyMMdd',
    });
    expect(byIndex.records).toEqual(byName.records);
    expect(byIndex.records[1]).toEqual({
      customerId: '00002',
      date: new Date('1997-01-12T00:00:00Z'),
      amount: 12,
      quantity: 1,
      kind: 'purchase',
    });
  });
});

describe('Node loaders: malformed inputs give a clear error or a rejected row', () => {
  it('empty file: error (a header was expected); with header: false, zero rows', async () => {
    const p = fixture('empty.csv', '');
    const e = await error(loadTransactions(p));
    expect(e.message).toBe('loadTransactions: expected a header line, received an empty file');
    expect(e.issues[0]!.code).toBe('empty_file');
    const none = await loadTransactions(p, {
      header: false,
      columns: { customerId: 0, date: 1, amount: 2 },
    });
    expect(none.stats).toEqual({ read: 0, accepted: 0, rejected: 0, duplicates: 0 });
  });

  it('header only: zero rows, nothing rejected (a valid, empty extract)', async () => {
    const r = await loadTransactions(fixture('head.csv', `${HEADER}\r\n`));
    expect(r).toEqual({
      records: [],
      rejected: [],
      stats: { read: 0, accepted: 0, rejected: 0, duplicates: 0 },
    });
  });

  it('wrong delimiter: error naming the missing columns and the single column found', async () => {
    const p = fixture('semi.csv', `${HEADER.replaceAll(',', ';')}\na;2024-01-01;1\n`);
    const e = await error(loadTransactions(p));
    expect(e.message).toBe(
      'loadTransactions: expected column "customerId" (for customerId), column "date" (for date), column "amount" (for amount) in the header, received columns ["customerId;date;amount"] (line 1); the header has a single column: is the delimiter or format right?',
    );
    expect(e.issues.map((i) => [i.field, i.code])).toEqual([
      ['customerId', 'missing_column'],
      ['date', 'missing_column'],
      ['amount', 'missing_column'],
    ]);
  });

  it('a mapped column missing from the header names the column and the field', async () => {
    const p = fixture('cols.csv', `id,date,amount\na,2024-01-01,1\n`);
    const e = await error(loadTransactions(p, { columns: { customerId: 'CustomerID' } }));
    expect(e.message).toMatch(
      /^loadTransactions: expected column "CustomerID" \(for customerId\) in the header, received columns \["id","date","amount"\]/,
    );
  });

  it('unterminated quote: error with the line after which the quote opened', async () => {
    const p = fixture('quote.csv', `${HEADER}\na,2024-01-01,1\n"b,2024-01-02,2\nc,2024-01-03,3\n`);
    const e = await error(loadTransactions(p));
    expect(e.issues[0]!.code).toBe('unterminated_quote');
    // The quote opens on line 3; csv-parse reports the end of input at line 4.
    expect(e.message).toBe(
      'loadTransactions: expected a closing quote for the quoted field starting after line 2, received end of input at line 4',
    );
  });

  it('BOM: stripped, so the first column name matches', async () => {
    for (const name of ['bom.csv', 'bom.txt', 'bom.ndjson']) {
      const body = name.endsWith('ndjson')
        ? '{"customerId":"a","date":"2024-01-01","amount":1}\n'
        : `${name.endsWith('txt') ? HEADER.replaceAll(',', ' ') : HEADER}\na${name.endsWith('txt') ? ' ' : ','}2024-01-01${name.endsWith('txt') ? ' ' : ','}1\n`;
      const r = await loadTransactions(fixture(name, `\ufeff${body}`));
      expect(r.stats.accepted, name).toBe(1);
    }
  });

  it('CRLF: line endings do not leak into values', async () => {
    const r = await loadTransactions(
      fixture('crlf.csv', `${HEADER}\r\na,2024-01-01,1\r\nb,2024-01-02,2\r\n`),
      {
        columns: { channel: (row) => `[${row.amount}]` },
      },
    );
    expect(r.records.map((t) => t.channel)).toEqual(['[1]', '[2]']);
  });

  it('duplicate header names: error by default, renamed with duplicateColumns: "rename"', async () => {
    const p = fixture('dup.csv', 'customerId,date,amount,amount\na,2024-01-01,1,2\n');
    const e = await error(loadTransactions(p));
    expect(e.message).toBe(
      `loadTransactions: expected unique column names, received "amount" at columns 3 and 4 (line 1); pass duplicateColumns: 'rename' to load it as "amount_2"`,
    );
    const r = await loadTransactions(p, {
      duplicateColumns: 'rename',
      columns: { quantity: 'amount_2' },
    });
    expect(r.records[0]).toMatchObject({ amount: 1, quantity: 2 });
  });

  it('rows with too few or too many fields are rejected with the count', async () => {
    const r = await loadTransactions(
      fixture('count.csv', `${HEADER}\na,2024-01-01\nb,2024-01-01,1,9\n`),
    );
    expect(r.stats).toEqual({ read: 2, accepted: 0, rejected: 2, duplicates: 0 });
    expect(r.rejected.map((x) => x.issues[0]!.message)).toEqual([
      'loadTransactions: expected 3 fields, received 2 (line 2)',
      'loadTransactions: expected 3 fields, received 4 (line 3)',
    ]);
  });

  it('non-numeric amount, impossible date, unmatched date format, Infinity: rejected rows naming the field', async () => {
    const p = fixture(
      'values.csv',
      `${HEADER}\na,2011-02-28,abc\na,2011-02-30,1\na,28/02/2011,1\na,2011-02-28,Infinity\na,2011-02-28,-Infinity\na,2011-02-28,NaN\n`,
    );
    const r = await loadTransactions(p, { dateFormat: ['yyyy-MM-dd', 'M/d/yyyy'] });
    expect(r.stats).toEqual({ read: 6, accepted: 0, rejected: 6, duplicates: 0 });
    expect(
      r.rejected.map((x) => [x.line, x.issues[0]!.field, x.issues[0]!.code, x.issues[0]!.value]),
    ).toEqual([
      [2, 'amount', 'invalid_number', 'abc'],
      [3, 'date', 'invalid_date', '2011-02-30'],
      [4, 'date', 'invalid_date', '28/02/2011'],
      [5, 'amount', 'invalid_number', 'Infinity'],
      [6, 'amount', 'invalid_number', '-Infinity'],
      [7, 'amount', 'invalid_number', 'NaN'],
    ]);
    expect(r.rejected[2]!.issues[0]!.message).toBe(
      'loadTransactions: expected date a date in format "yyyy-MM-dd" or "M/d/yyyy", received "28/02/2011" (line 4)',
    );
  });

  it('NDJSON: a bad line or a non-object is a rejected row; a bad JSON array is an error', async () => {
    const p = fixture(
      'bad.ndjson',
      '{"customerId":"a","date":"2024-01-01","amount":1}\n{oops\n[1]\n',
    );
    const r = await loadTransactions(p);
    expect(r.stats).toEqual({ read: 3, accepted: 1, rejected: 2, duplicates: 0 });
    expect(r.rejected.map((x) => [x.line, x.issues[0]!.code])).toEqual([
      [2, 'invalid_json'],
      [3, 'not_object'],
    ]);
    const e = await error(loadTransactions(fixture('bad.json', '{"not":"an array"}')));
    expect(e.message).toBe('loadTransactions: expected a JSON array of objects, received object');
  });

  it('missing file, unknown extension and corrupt gzip are typed errors', async () => {
    expect((await error(loadTransactions(join(dir, 'nope.csv')))).issues[0]!.code).toBe(
      'file_not_found',
    );
    expect((await error(loadTransactions(fixture('x.xlsx', 'x')))).issues[0]!.code).toBe(
      'invalid_option',
    );
    expect((await error(loadTransactions(fixture('x.csv.gz', 'not gzip')))).issues[0]!.code).toBe(
      'invalid_gzip',
    );
  });

  it('invalid file options are typed errors naming the option', async () => {
    const p = fixture('opts.csv', `${HEADER}\na,2024-01-01,1\n`);
    const cases: [object, string][] = [
      [{ delimiter: '' }, 'delimiter'],
      [{ header: 'yes' }, 'header'],
      [{ names: ['a', ''] }, 'names'],
      [{ duplicateColumns: 'keep' }, 'duplicateColumns'],
      [{ gzip: 1 }, 'gzip'],
      [{ encoding: 'klingon' }, 'encoding'],
      [{ format: 'toString' }, 'format'],
    ];
    for (const [options, field] of cases) {
      const e = await error(loadTransactions(p, options as never));
      expect(e.issues[0]!.field, field).toBe(field === 'format' ? 'format' : `options.${field}`);
      expect(e.issues[0]!.code).toBe('invalid_option');
    }
  });

  it('onError: "throw" names the file line and field', async () => {
    const p = fixture('throw.csv', `${HEADER}\na,2024-01-01,1\nb,2024-01-01,1O\n`);
    const e = await error(loadTransactions(p, { onError: 'throw' }));
    expect(e.message).toBe(
      'loadTransactions: expected amount a finite number, received "1O" (line 3)',
    );
  });
});

describe('Node loaders: security', () => {
  it('a header with __proto__, constructor, prototype never reaches a prototype', async () => {
    const p = fixture(
      'proto.csv',
      '__proto__,constructor,prototype,customerId,date,amount\n{"polluted":1},x,y,a,2024-01-01,1\n',
    );
    const r = await loadTransactions(p, {
      columns: { channel: '__proto__', productId: 'constructor' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(r.records[0]).toMatchObject({ channel: '{"polluted":1}', productId: 'x' });
    const c = await loadCustomers(p, { attributes: { proto: '__proto__', ctor: 'constructor' } });
    expect(c.records[0]!.attributes).toEqual({ proto: '{"polluted":1}', ctor: 'x' });
    // The same holds for NDJSON/JSON keys and for a rejected row's raw record.
    const j = fixture(
      'proto.ndjson',
      '{"__proto__":{"polluted":1},"customerId":"a","date":"bad","amount":1}\n',
    );
    const rj = await loadTransactions(j);
    expect(rj.rejected).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const ri = await loadInteractions(p, { columns: { kind: () => 'visit' } });
    expect(ri.stats.accepted).toBe(1);
  });
});

describe('Node loaders: streaming', () => {
  it('stops reading when the caller breaks out of the loop, with stats so far', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `c${i},2024-01-01,${i}`).join('\n');
    const p = fixture('many.csv', `${HEADER}\n${lines}\n`);
    const { streamTransactions } = await import('../../src/load/node');
    const stream = streamTransactions(p);
    let seen = 0;
    for await (const _ of stream) {
      if (++seen === 3) break;
    }
    expect(seen).toBe(3);
    // Rows are read a chunk (64 KiB, ~3,000 of these lines) at a time: the stats cover the
    // chunks read so far, not the whole file, and still reconcile.
    const { read, accepted, rejected, duplicates } = stream.stats;
    expect(read).toBeGreaterThanOrEqual(3);
    expect(read).toBeLessThan(5000);
    expect([accepted, rejected, duplicates]).toEqual([read, 0, 0]);
  });
});
