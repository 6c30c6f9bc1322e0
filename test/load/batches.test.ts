import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { streamTransactions as streamRows } from '../../src/load/index';
import { loadTransactions, streamTransactions } from '../../src/load/node';
import { Transaction } from '../../src/schema/index';
import { summarizeCustomers } from '../../src/summarize/index';
import { sharedData } from '../_helpers/shared';

const dir = mkdtempSync(join(tmpdir(), 'ca-batches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function fixture(content: string): string {
  const p = join(dir, `${n++}.csv`);
  writeFileSync(p, content);
  return p;
}

/** A CSV of `rows` lines; every 7th amount is not a number (a rejected row). */
function csv(rows: number): string {
  const lines = ['customerId,date,amount'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `c${i % 97},2024-${String(1 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)},${i % 7 === 0 ? 'n/a' : (i % 500) / 4}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('RecordStream.batches', () => {
  it('runs its documented example', async () => {
    const stream = streamRows([
      { customerId: 'a', date: '2024-01-05', amount: '10' },
      { customerId: 'b', date: '2024-01-09', amount: '2.5' },
    ]);
    let total = 0;
    for await (const batch of stream.batches()) for (const t of batch) total += t.amount;
    expect(total).toBe(12.5);
    expect(stream.stats).toEqual({ read: 2, accepted: 2, rejected: 0, duplicates: 0 });
  });

  it('yields the same records, in order, with the same accounting as record iteration', async () => {
    // 20,000 rows ≈ 460 KB: several 64 KiB chunks, so several batches.
    const p = fixture(csv(20_000));
    const one = streamTransactions(p);
    const byRecord: Transaction[] = [];
    for await (const t of one) byRecord.push(t);
    const many = streamTransactions(p);
    const batches: Transaction[][] = [];
    for await (const b of many.batches()) batches.push(b);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(byRecord);
    expect(many.stats).toEqual(one.stats);
    expect(many.rejected).toEqual(one.rejected);
    // Rows 0, 7, 14, … have amount 'n/a': ceil(20000 / 7) = 2858 rejected, at lines i + 2.
    expect(many.stats).toEqual({ read: 20_000, accepted: 17_142, rejected: 2858, duplicates: 0 });
    expect(many.rejected[1]!.line).toBe(9);
  });

  it('is consumed once: batches() and record iteration share the one pass', async () => {
    const stream = streamRows([{ customerId: 'a', date: '2024-01-05', amount: '1' }]);
    for await (const _ of stream.batches());
    const again = (() => {
      try {
        stream.batches()[Symbol.asyncIterator]();
      } catch (e) {
        return e;
      }
    })() as InvalidInputError;
    expect(again).toBeInstanceOf(InvalidInputError);
    expect(again.issues[0]!.code).toBe('already_iterated');
    expect(() => stream[Symbol.asyncIterator]()).toThrow(InvalidInputError);
  });

  it("onError: 'throw' still delivers the records before the bad row", async () => {
    // Row 0 (line 2) is bad: nothing before it.
    const stream = streamTransactions(fixture(csv(50)), { onError: 'throw' });
    const seen: Transaction[] = [];
    const e = await (async () => {
      for await (const b of stream.batches()) seen.push(...b);
    })().then(
      () => undefined,
      (x) => x,
    );
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).issues[0]!.line).toBe(2);
    expect(seen).toEqual([]);
    // With row 0 fixed, line 9 (row 7) is the first bad row: rows 0..6 reach the caller first.
    const later = streamTransactions(fixture(csv(50).replace('n/a', '1')), { onError: 'throw' });
    const kept: Transaction[] = [];
    const e2 = await (async () => {
      for await (const t of later) kept.push(t);
    })().then(
      () => undefined,
      (x) => x,
    );
    expect((e2 as InvalidInputError).issues[0]!.message).toBe(
      'loadTransactions: expected amount a finite number, received "n/a" (line 9)',
    );
    expect(kept.map((t) => t.customerId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });

  it('records equal what the Transaction schema returns (keys in schema order)', async () => {
    const p = fixture(
      'customerId,date,amount,orderId,quantity,productId,channel,kind\n' +
        ' a ,2024-01-05,-3,o1,2,p1,web,\n' +
        'b,2024-01-06T10:00:00+02:00,4.25,,,,,RETURN\n',
    );
    const { records } = await loadTransactions(p);
    for (const r of records) {
      const parsed = Transaction.parse(r);
      expect(r).toEqual(parsed);
      expect(Object.keys(r)).toEqual(Object.keys(parsed));
    }
    expect(records).toEqual([
      {
        customerId: 'a',
        date: new Date('2024-01-05T00:00:00Z'),
        amount: -3,
        orderId: 'o1',
        quantity: 2,
        productId: 'p1',
        channel: 'web',
        kind: 'return',
      },
      {
        customerId: 'b',
        date: new Date('2024-01-06T08:00:00Z'),
        amount: 4.25,
        kind: 'return',
      },
    ]);
  });

  it('normalizeId functions still go through the schema, which trims their result', async () => {
    const { records } = await loadTransactions(
      fixture('customerId,date,amount\nx,2024-01-05,1\n'),
      {
        normalizeId: (id) => ` ${id.toUpperCase()} `,
      },
    );
    expect(records.map((r) => r.customerId)).toEqual(['X']);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 12 })], { numRuns: 25 })(
    'a stream cut into any chunks loads exactly like the file (records, lines, stats)',
    async (sizes) => {
      const text = `${csv(300)}c1,"quoted, with\nnewline",1\nc2,2024-01-01\n`;
      const whole = await loadTransactions(fixture(text));
      const pieces: string[] = [];
      let at = 0;
      for (const s of sizes) {
        if (at >= text.length) break;
        pieces.push(text.slice(at, at + s));
        at += s;
      }
      pieces.push(text.slice(at));
      const chunked = await loadTransactions(Readable.from(pieces, { objectMode: true }));
      expect(chunked).toEqual(whole);
      // 300 data rows + 2: the quoted row (lines 302-303, bad date) and a short row (line 304).
      expect(whole.stats.read).toBe(302);
      expect(whole.rejected.slice(-2).map((r) => r.line)).toEqual([302, 304]);
    },
  );

  const cdnow = sharedData('cdnow/CDNOW_master.txt');
  it.skipIf(!cdnow)(
    'CDNOW: summarizeCustomers(stream.batches()) equals the in-memory summary',
    async () => {
      const options = {
        columns: { customerId: 'customer_id', amount: 'dollar_value', quantity: 'number_of_cds' },
        dateFormat: 'yyyyMMdd',
      } as const;
      const summaryOptions = {
        observationEnd: new Date('1997-09-30T00:00:00Z'),
        unit: 'week',
        collapse: 'day',
      } as const;
      const { records } = await loadTransactions(cdnow!, options);
      const stream = streamTransactions(cdnow!, options);
      const streamed = await summarizeCustomers(stream.batches(), summaryOptions);
      expect(streamed).toEqual(summarizeCustomers(records, summaryOptions));
      // Fader, Hardie & Lee (2005): 23,570 customers in the CDNOW cohort (all first buy by 1997-03-25).
      expect(streamed).toHaveLength(23_570);
      expect(stream.stats).toEqual({ read: 69_659, accepted: 69_659, rejected: 0, duplicates: 0 });
    },
  );
});
