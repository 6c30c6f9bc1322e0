import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTransactions } from '../../src/load/node';
import { cohortRetention } from '../../src/metrics/cohortRetention';
import { repeatPurchaseRate } from '../../src/metrics/loyalty';
import { metricsByPeriod } from '../../src/metrics/metricsByPeriod';
import type { Transaction } from '../../src/schema/index';
import { sharedData } from '../_helpers/shared';

const master = sharedData('cdnow/CDNOW_master.txt');

/** Independent reading of the text file: [customer, 'YYYYMM', cents] per line, no loader. */
function rawLines(path: string): [string, string, number][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [id, date, , dollars] = l.trim().split(/\s+/) as [string, string, string, string];
      return [id, date.slice(0, 6), Math.round(Number(dollars) * 100)];
    });
}

const MONTHS = Array.from({ length: 18 }, (_, i) => {
  const y = 1997 + Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}`;
});

describe.skipIf(!master)('CDNOW_master (69,659 rows, 23,570 customers)', () => {
  let tx: Transaction[] = [];
  let lines: [string, string, number][] = [];
  beforeAll(async () => {
    const loaded = await loadTransactions(master!, {
      columns: { customerId: 'customer_id', amount: 'dollar_value', quantity: 'number_of_cds' },
      dateFormat: 'yyyyMMdd',
    });
    expect(loaded.stats.rejected).toBe(0);
    tx = loaded.records;
    lines = rawLines(master!);
  });

  it('repeat-purchase rate, with each line an order and with same-day lines merged', () => {
    // each line an order: the data README's 11,908 single-line customers → 11,662 / 23,570
    const perCustomer = new Map<string, number>();
    for (const [id] of lines) perCustomer.set(id, (perCustomer.get(id) ?? 0) + 1);
    expect([...perCustomer.values()].filter((k) => k === 1)).toHaveLength(11_908);
    expect(repeatPurchaseRate(tx)).toBe((23_570 - 11_908) / 23_570); // 49.48 %
    // same-day lines as one order (orderId = customer + day): independent count of customers
    // with ≥ 2 distinct purchase days, straight from the text
    const days = new Map<string, Set<string>>();
    for (const l of readFileSync(master!, 'utf8').split('\n').slice(1)) {
      const [id, date] = l.trim().split(/\s+/);
      if (!id || !date) continue;
      if (!days.has(id)) days.set(id, new Set());
      days.get(id)!.add(date);
    }
    const multiDay = [...days.values()].filter((s) => s.size >= 2).length;
    const daily = tx.map((t) => ({ ...t, orderId: `${t.customerId}|${t.date.toISOString()}` }));
    expect(repeatPurchaseRate(daily)).toBe(multiDay / 23_570);
    expect(multiDay).toBeLessThan(23_570 - 11_908);
  });

  it('monthly metricsByPeriod: 18 periods, new customers only Jan–Mar 1997 summing to 23,570', () => {
    const rows = metricsByPeriod(tx, { period: 'month' });
    expect(rows.map((r) => r.period)).toEqual(MONTHS);
    const news = rows.map((r) => r.newCustomers);
    expect(news.slice(3).every((n) => n === 0)).toBe(true);
    expect(news.slice(0, 3).every((n) => n > 0)).toBe(true);
    expect(news[0]! + news[1]! + news[2]!).toBe(23_570);

    // independent per-month sets straight from the text
    const active = MONTHS.map(() => new Set<string>());
    const first = new Map<string, string>();
    const cents = MONTHS.map(() => 0);
    for (const [id, ym, c] of lines) {
      const m = MONTHS.indexOf(`${ym.slice(0, 4)}-${ym.slice(4)}`);
      active[m]!.add(id);
      cents[m]! += c;
      if (!first.has(id) || first.get(id)! > ym) first.set(id, ym);
    }
    const firstCounts = MONTHS.map(
      (m) => [...first.values()].filter((v) => v === m.replace('-', '')).length,
    );
    expect(news).toEqual(firstCounts);
    expect(rows.map((r) => r.activeCustomers)).toEqual(active.map((s) => s.size));
    // revenue to the cent and 69,659 orders (no orderId: each line is an order)
    expect(rows.map((r) => Math.round(r.revenue * 100))).toEqual(cents);
    expect(rows.reduce((s, r) => s + r.orders, 0)).toBe(69_659);
    // churn (w = 1): customers active in the previous month and not in this one
    const lost = MONTHS.map((_, p) =>
      p === 0 ? 0 : [...active[p - 1]!].filter((id) => !active[p]!.has(id)).length,
    );
    expect(rows.map((r) => r.churnedCustomers)).toEqual(lost);
    for (const r of rows.slice(1)) {
      expect(r.churnRate).toBe(r.churnedCustomers! / r.customersAtStart);
    }
  });

  it('cohortRetention by month: cohorts Jan–Mar 1997 of 23,570 customers, period 0 rate 1', () => {
    const r = cohortRetention(tx, { period: 'month' });
    expect(r.cohorts.map((c) => c.cohort)).toEqual(['1997-01', '1997-02', '1997-03']);
    expect(r.cohorts.reduce((s, c) => s + c.customers, 0)).toBe(23_570);
    expect(r.cohorts.every((c) => c.cells[0]!.retentionRate === 1)).toBe(true);
    expect(r.cohorts.map((c) => c.cells.length)).toEqual([18, 17, 16]);
    expect(r.unattributed).toEqual({ transactions: 0, customers: 0, revenue: 0 });
    // independent: January cohort's active customers per month
    const firstMonth = new Map<string, string>();
    for (const [id, ym] of lines)
      if (!firstMonth.has(id) || firstMonth.get(id)! > ym) firstMonth.set(id, ym);
    const janActive = MONTHS.map(() => new Set<string>());
    for (const [id, ym] of lines) {
      if (firstMonth.get(id) === '199701')
        janActive[MONTHS.indexOf(`${ym.slice(0, 4)}-${ym.slice(4)}`)]!.add(id);
    }
    expect(r.cohorts[0]!.cells.map((c) => c.activeCustomers)).toEqual(janActive.map((s) => s.size));
    for (const c of r.cohorts) {
      for (const cell of c.cells) {
        expect(cell.retentionRate).toBeGreaterThanOrEqual(0);
        expect(cell.retentionRate).toBeLessThanOrEqual(1);
      }
    }
  });
});
