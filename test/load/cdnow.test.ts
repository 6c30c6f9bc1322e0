import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTransactions, streamTransactions } from '../../src/load/node';
import { sharedData } from '../_helpers/shared';

const master = sharedData('cdnow/CDNOW_master.txt');
const OPTIONS = {
  columns: { customerId: 'customer_id', amount: 'dollar_value', quantity: 'number_of_cds' },
  dateFormat: 'yyyyMMdd',
} as const;

/** Independent check: integer cents and customers straight from the text, no loader involved. */
function fileTotals(path: string): { rows: number; cents: number; customers: number } {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '');
  const customers = new Set<string>();
  let cents = 0;
  for (const l of lines) {
    const [id, , , dollars] = l.trim().split(/\s+/) as [string, string, string, string];
    customers.add(id);
    const [whole, frac] = dollars.split('.') as [string, string];
    cents += Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  }
  return { rows: lines.length, cents, customers: customers.size };
}

describe.skipIf(!master)('CDNOW_master.txt (whitespace-aligned, YYYYMMDD dates)', () => {
  it('loads all 69,659 rows of 23,570 customers and the total to the cent', async () => {
    const { records, rejected, stats } = await loadTransactions(master!, OPTIONS);
    expect(stats).toEqual({ read: 69_659, accepted: 69_659, rejected: 0, duplicates: 0 });
    expect(rejected).toEqual([]);
    expect(new Set(records.map((r) => r.customerId)).size).toBe(23_570);
    const independent = fileTotals(master!);
    expect(independent).toEqual({ rows: 69_659, cents: 250_031_563, customers: 23_570 });
    // Each amount has 2 decimals, so rounding each to cents and adding integers is exact.
    const cents = records.reduce((s, r) => s + Math.round(r.amount * 100), 0);
    expect(cents).toBe(independent.cents); // $2,500,315.63
    expect(records[0]).toEqual({
      customerId: '00001',
      date: new Date('1997-01-01T00:00:00Z'),
      amount: 11.77,
      quantity: 1,
      kind: 'purchase',
    });
    const times = records.map((r) => r.date.getTime());
    expect(new Date(Math.min(...times)).toISOString()).toBe('1997-01-01T00:00:00.000Z');
    expect(new Date(Math.max(...times)).toISOString()).toBe('1998-06-30T00:00:00.000Z');
  });

  it('counts the 255 exact duplicate lines with dedupe: true', async () => {
    const { stats } = await loadTransactions(master!, { ...OPTIONS, dedupe: true });
    expect(stats).toEqual({ read: 69_659, accepted: 69_404, rejected: 0, duplicates: 255 });
  });

  it('streams with the documented example: per-customer spend without keeping records', async () => {
    const stream = streamTransactions(master!, {
      columns: { customerId: 'customer_id', amount: 'dollar_value' },
      dateFormat: 'yyyyMMdd',
    });
    const spend = new Map<string, number>();
    for await (const t of stream)
      spend.set(t.customerId, (spend.get(t.customerId) ?? 0) + t.amount);
    expect(spend.size).toBe(23_570);
    expect(stream.stats).toEqual({ read: 69_659, accepted: 69_659, rejected: 0, duplicates: 0 });
  });
});
