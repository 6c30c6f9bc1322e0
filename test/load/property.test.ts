import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { loadTransactions } from '../../src/load/transactions';
import { Transaction } from '../../src/schema/index';

// Each field mixes valid and invalid values: blanks, junk, NaN/Infinity, impossible dates.
const customerId = fc.oneof(
  fc.constantFrom('00001', ' 17850.0 ', 'c-1'),
  fc.constantFrom('', '   '),
  fc.string(),
);
const date = fc.oneof(
  fc
    .date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2030-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2011-02-30',
    '2011-13-01',
    'not a date',
    '',
    '2024-02-29',
    '2023-02-29 10:00:00',
  ),
  fc.date({ noInvalidDate: false }),
);
const amount = fc.oneof(
  fc.double({ noNaN: false, noDefaultInfinity: false }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => (c / 100).toFixed(2)),
  fc.constantFrom('Infinity', 'NaN', '', '$1,234.50', '(12.00)', '1,23', 'abc', '-0'),
  fc.string(),
);
const row = fc.record(
  {
    customerId,
    date,
    amount,
    quantity: fc.oneof(fc.constant(undefined), fc.integer().map(String), fc.constant('x')),
  },
  { requiredKeys: ['customerId', 'date', 'amount'] },
);

describe('loader row accounting (property)', () => {
  test.prop([fc.array(row, { maxLength: 40 }), fc.boolean(), fc.constantFrom('trim', 'numeric')], {
    numRuns: 300,
  })(
    'read = accepted + rejected + duplicates, and every accepted record satisfies the schema',
    async (rows, dedupe, normalizeId) => {
      const before = structuredClone(rows);
      const { records, rejected, stats } = await loadTransactions(rows, {
        dedupe,
        normalizeId: normalizeId as 'trim' | 'numeric',
      });
      expect(stats.read).toBe(rows.length);
      expect(stats.read).toBe(stats.accepted + stats.rejected + stats.duplicates);
      expect(records).toHaveLength(stats.accepted);
      expect(rejected).toHaveLength(stats.rejected);
      if (!dedupe) expect(stats.duplicates).toBe(0);
      for (const r of records) {
        expect(Transaction.safeParse(r).success).toBe(true);
        expect(Number.isFinite(r.amount)).toBe(true);
        expect(r.kind).toBe(r.amount < 0 ? 'return' : 'purchase');
      }
      for (const r of rejected) {
        expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) expect(i.message).toContain(`(row ${r.line})`);
      }
      // Each rejected line is a distinct input index; accepted + rejected lines never overlap.
      expect(new Set(rejected.map((r) => r.line)).size).toBe(rejected.length);
      expect(rows).toEqual(before);
    },
  );
});
