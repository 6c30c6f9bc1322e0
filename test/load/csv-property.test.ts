import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { loadTransactions } from '../../src/load/node';

const dir = mkdtempSync(join(tmpdir(), 'ca-csvprop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** RFC 4180 quoting, as spreadsheet exports write it. */
function quote(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v;
}

const text = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', 'é', '£'),
  maxLength: 8,
});
const row = fc.record({
  customerId: fc.oneof(fc.constantFrom('c1', 'c2', ''), text),
  date: fc.constantFrom('2024-01-31', '2024-02-30', 'soon', ''),
  amount: fc.oneof(fc.constantFrom('1.50', '-2', 'Infinity', '$1,000.00', ''), text),
  productId: text,
});

describe('CSV files (property)', () => {
  test.prop([fc.array(row, { maxLength: 25 }), fc.constantFrom('\n', '\r\n')], { numRuns: 60 })(
    'every row is read once, accounted for, and rejected at its physical line',
    async (rows, eol) => {
      const header = 'customerId,date,amount,productId';
      const body = rows.map((r) =>
        [r.customerId, r.date, r.amount, r.productId].map(quote).join(','),
      );
      const p = join(dir, `${n++}.csv`);
      writeFileSync(p, [header, ...body].join(eol) + eol);
      const { records, rejected, stats } = await loadTransactions(p);
      expect(stats.read).toBe(rows.length);
      expect(stats.read).toBe(stats.accepted + stats.rejected);
      expect(records).toHaveLength(stats.accepted);
      // Expected first physical line of each row: header is line 1; quoted newlines add lines.
      const starts: number[] = [];
      let line = 2;
      for (const b of body) {
        starts.push(line);
        line += b.split('\n').length;
      }
      const rejectedLines = new Set(rejected.map((r) => r.line));
      for (const r of rejected) expect(starts).toContain(r.line);
      // Rows whose raw values round-trip: the rejected record holds exactly what was written.
      for (const r of rejected) {
        const i = starts.indexOf(r.line);
        expect(r.record.productId).toBe(rows[i]!.productId);
        expect(r.record.customerId).toBe(rows[i]!.customerId);
      }
      expect(rejectedLines.size).toBe(rejected.length);
    },
  );
});
