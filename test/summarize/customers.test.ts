import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import type { Transaction } from '../../src/schema/index';
import { summarizeCustomers, summarizeCustomersWithReport } from '../../src/summarize/index';
import { sharedData } from '../_helpers/shared';
import { loadCdnowMaster, loadCdnowSample, readCdnowMaster, readCdnowSummary } from './_cdnow';
import { d, tx } from './_tx';

describe('summarizeCustomers', () => {
  it('runs its documented example (CDNOW sample customer 0001, weeks, collapse day)', () => {
    const [a] = summarizeCustomers(
      [tx('a', '1997-01-01', 29.33), tx('a', '1997-01-18', 29.73), tx('a', '1997-08-02', 14.96)],
      { observationEnd: d('1997-09-30'), unit: 'week', collapse: 'day' },
    );
    // Jan 1 = day 0, Aug 2 = day 213, Sep 30 = day 272 of 1997.
    expect(a).toEqual({
      customerId: 'a',
      frequency: 2,
      recency: 213 / 7, // 30.43 in the published summary
      T: 272 / 7, // 38.86
      monetaryValue: (29.73 + 14.96) / 2, // 22.345
      orders: 3,
      totalSpend: 74.02, // compensated sum: exactly the cents (naive 29.33 + 29.73 + 14.96 = 74.02000000000001)
      firstPurchase: d('1997-01-01'),
      lastPurchase: d('1997-08-02'),
      daysSinceLastPurchase: 272 - 213,
    });
  });

  // lifetimes' own test fixture (tests/test_utils.py, transaction_data, as grouped per day by
  // _find_first_transactions), observation_period_end 2015-02-07. Expected rows are lifetimes':
  // daily: [1,1,36,37,2] [2,0,0,37,0] [3,2,4,37,3] [4,2,20,22,3] [5,2,2,22,4.5] [6,0,0,5,0];
  // weekly (W-SUN periods): [1,1,5,5] [2,0,0,5] [3,1,1,5] [4,1,3,3] [5,0,0,3] [6,0,0,0].
  const lifetimesRows = [
    tx('1', '2015-01-01', 1),
    tx('1', '2015-02-06', 2),
    tx('2', '2015-01-01', 2),
    tx('3', '2015-01-01', 3),
    tx('3', '2015-01-02', 1),
    tx('3', '2015-01-05', 5),
    tx('4', '2015-01-16', 6),
    tx('4', '2015-02-02', 3),
    tx('4', '2015-02-05', 3),
    tx('5', '2015-01-16', 3),
    tx('5', '2015-01-17', 1),
    tx('5', '2015-01-18', 8),
    tx('6', '2015-02-02', 5),
  ];
  const pick = (rows: ReturnType<typeof summarizeCustomers>) =>
    rows.map((r) => [Number(r.customerId), r.frequency, r.recency, r.T, r.monetaryValue]);

  it("reproduces lifetimes' summary_data_from_transaction_data with freq 'D'", () => {
    const rows = summarizeCustomers(lifetimesRows, {
      observationEnd: d('2015-02-07'),
      unit: 'day',
    });
    expect(pick(rows)).toEqual([
      [1, 1, 36, 37, 2],
      [2, 0, 0, 37, 0],
      [3, 2, 4, 37, 3],
      [4, 2, 20, 22, 3],
      [5, 2, 2, 22, 4.5],
      [6, 0, 0, 5, 0],
    ]);
  });

  it("reproduces lifetimes with freq 'W' (ISO weeks Monday–Sunday, amounts summed per week)", () => {
    const rows = summarizeCustomers(lifetimesRows, {
      observationEnd: d('2015-02-07'),
      unit: 'week',
    });
    // Monetary: 1 → week of 02-02 holds 2; 3 → week of 01-05 holds 5; 4 → week of 02-02 holds 3 + 3.
    expect(pick(rows)).toEqual([
      [1, 1, 5, 5, 2],
      [2, 0, 0, 5, 0],
      [3, 1, 1, 5, 5],
      [4, 1, 3, 3, 6],
      [5, 0, 0, 3, 0],
      [6, 0, 0, 0, 0],
    ]);
  });

  it('merges a Sunday into its ISO week and a Monday into the next; returns reduce their period', () => {
    const rows = [
      tx('a', '2024-01-01', 10), // Monday, week 0
      tx('a', '2024-01-07', 5), // Sunday, week 0 → week 0 holds 15
      tx('a', '2024-01-08', 20), // Monday, week 1
      tx('a', '2024-01-24', 30), // Wednesday, week 3
      tx('a', '2024-01-24', -4), // return, same week → week 3 holds 26
    ];
    const [w] = summarizeCustomers(rows, { observationEnd: d('2024-02-04'), unit: 'week' });
    // weeks {0, 1, 3}; observationEnd (Sunday 02-04) is in week 4.
    expect(w).toMatchObject({ frequency: 2, recency: 3, T: 4, monetaryValue: (20 + 26) / 2 });
    expect(w).toMatchObject({ orders: 4, totalSpend: 61, daysSinceLastPurchase: 11 });
    const [dd] = summarizeCustomers(rows, {
      observationEnd: d('2024-02-04'),
      unit: 'week',
      collapse: 'day',
    });
    // days 0, 6, 7, 23; end day 34 → recency 23/7, T 34/7, monetary (5 + 20 + 26) / 3 = 17.
    expect(dd).toMatchObject({ frequency: 3, recency: 23 / 7, T: 34 / 7, monetaryValue: 17 });
  });

  it('uses calendar months in period mode and 365.25/12 days per month in day mode', () => {
    const rows = [tx('a', '2024-01-31', 1), tx('a', '2024-02-01', 3)];
    const [p] = summarizeCustomers(rows, { observationEnd: d('2024-03-15'), unit: 'month' });
    expect(p).toMatchObject({ frequency: 1, recency: 1, T: 2, monetaryValue: 3 });
    const [q] = summarizeCustomers(rows, {
      observationEnd: d('2024-03-15'),
      unit: 'month',
      collapse: 'day',
    });
    // 1 day and 44 days (Jan 31 → Mar 15 in a leap year) over 30.4375 days per month.
    expect(q).toMatchObject({ recency: 1 / 30.4375, T: 44 / 30.4375 });
  });

  it('counts distinct orderIds as orders and ignores the time of day within a UTC day', () => {
    const rows = [
      { customerId: 'a', date: new Date('2024-01-01T08:00:00Z'), amount: 5, orderId: 'o1' },
      { customerId: 'a', date: new Date('2024-01-01T23:59:59Z'), amount: 6, orderId: 'o1' },
      { customerId: 'a', date: new Date('2024-01-02T00:00:00Z'), amount: 7, orderId: 'o2' },
      { customerId: 'a', date: new Date('2024-01-02T01:00:00Z'), amount: 8 },
    ];
    const [s] = summarizeCustomers(rows, { observationEnd: d('2024-01-02'), unit: 'day' });
    expect(s).toMatchObject({ frequency: 1, recency: 1, T: 1, monetaryValue: 15, orders: 3 });
    expect(s?.lastPurchase).toEqual(new Date('2024-01-02T01:00:00Z'));
    expect(s?.daysSinceLastPurchase).toBe(0);
  });

  it('summarizeCustomersWithReport runs its documented example', () => {
    const dd = (x: string) => new Date(`${x}T12:00:00Z`);
    const r = summarizeCustomersWithReport(
      [
        { customerId: 'a', date: dd('2024-01-01'), amount: 10 },
        { customerId: 'b', date: dd('2024-01-02'), amount: -5 },
        { customerId: 'a', date: dd('2024-02-01'), amount: 7 },
      ],
      { observationEnd: dd('2024-01-31'), unit: 'day' },
    );
    expect(r.customers).toHaveLength(1);
    expect(r.customers[0]).toMatchObject({ customerId: 'a', frequency: 0, totalSpend: 10 });
    expect(r.returnsOnly).toEqual([{ customerId: 'b', returns: 1, amount: -5 }]);
    expect(r.excludedAfterEnd).toBe(1);
    expect(r.customersOnlyAfterEnd).toEqual([]);
  });

  it('reports returns-only customers and rows after observationEnd instead of dropping them', () => {
    const report = summarizeCustomersWithReport(
      [
        tx('a', '2024-01-01', 10),
        tx('b', '2024-01-02', -5),
        tx('b', '2024-01-03', 4, { kind: 'return' }),
        tx('a', '2024-02-01', 7),
        tx('c', '2024-02-02', 9),
      ],
      { observationEnd: d('2024-01-31'), unit: 'day' },
    );
    expect(report.customers.map((c) => c.customerId)).toEqual(['a']);
    expect(report.customers[0]).toMatchObject({ frequency: 0, totalSpend: 10, T: 30 });
    // A positive amount flagged kind 'return' counts as −4.
    expect(report.returnsOnly).toEqual([{ customerId: 'b', returns: 2, amount: -9 }]);
    expect(report.excludedAfterEnd).toBe(2);
    expect(report.customersOnlyAfterEnd).toEqual(['c']);
  });

  it('keeps a return-only period out of frequency but in totalSpend', () => {
    const [s] = summarizeCustomers(
      [tx('a', '2024-01-01', 10), tx('a', '2024-01-05', -3), tx('a', '2024-01-09', 6)],
      { observationEnd: d('2024-01-10'), unit: 'day' },
    );
    expect(s).toMatchObject({
      frequency: 1,
      recency: 8,
      monetaryValue: 6,
      totalSpend: 13,
      orders: 2,
    });
  });

  it('buckets days in a time zone when given (UTC+8, and New York across the DST change)', () => {
    const rows = [
      { customerId: 'a', date: new Date('2024-01-01T10:00:00Z'), amount: 1 }, // 18:00 in Shanghai
      { customerId: 'a', date: new Date('2024-01-01T20:00:00Z'), amount: 2 }, // 04:00 next day there
    ];
    const end = new Date('2024-01-05T00:00:00Z');
    expect(summarizeCustomers(rows, { observationEnd: end, unit: 'day' })[0]).toMatchObject({
      frequency: 0,
    });
    expect(
      summarizeCustomers(rows, { observationEnd: end, unit: 'day', timeZone: 'Asia/Shanghai' })[0],
    ).toMatchObject({ frequency: 1, recency: 1, monetaryValue: 2, T: 4 }); // Jan 1 → Jan 5 08:00 local
    // New York switches to EDT at 2024-03-10 07:00Z. 04:30Z = Mar 9 23:30 EST; 05:30Z = Mar 10
    // 00:30 EST; Mar 11 03:30Z = Mar 10 23:30 EDT. Local days {Mar 9: 1, Mar 10: 2 + 4 = 6}.
    const ny = [
      { customerId: 'a', date: new Date('2024-03-10T04:30:00Z'), amount: 1 },
      { customerId: 'a', date: new Date('2024-03-10T05:30:00Z'), amount: 2 },
      { customerId: 'a', date: new Date('2024-03-11T03:30:00Z'), amount: 4 },
    ];
    const nyEnd = new Date('2024-03-12T12:00:00Z');
    expect(
      summarizeCustomers(ny, {
        observationEnd: nyEnd,
        unit: 'day',
        timeZone: 'America/New_York',
      })[0],
    ).toMatchObject({ frequency: 1, recency: 1, monetaryValue: 6, T: 3, daysSinceLastPurchase: 2 });
    // In UTC the same rows fall on {Mar 10: 1 + 2, Mar 11: 4}.
    expect(summarizeCustomers(ny, { observationEnd: nyEnd, unit: 'day' })[0]).toMatchObject({
      frequency: 1,
      monetaryValue: 4,
      T: 2,
    });
    expect(() =>
      summarizeCustomers(ny, { observationEnd: nyEnd, unit: 'day', timeZone: 'Mars/Olympus' }),
    ).toThrow(
      'summarizeCustomers: expected timeZone to be an IANA time zone name, received "Mars/Olympus"',
    );
  });

  it('handles extreme inputs: 10,000 purchase days and zero spend', () => {
    const start = Date.UTC(1990, 0, 1);
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      customerId: 'x',
      date: new Date(start + i * 86_400_000),
      amount: 0,
    }));
    const [s] = summarizeCustomers(rows, {
      observationEnd: new Date(start + 10_000 * 86_400_000),
      unit: 'day',
    });
    // Days 0..9,999; end = day 10,000.
    expect(s).toMatchObject({
      frequency: 9_999,
      recency: 9_999,
      T: 10_000,
      monetaryValue: 0,
      totalSpend: 0,
      orders: 10_000,
    });
  });

  it('returns [] for no transactions', () => {
    expect(summarizeCustomers([], { observationEnd: d('2024-01-01'), unit: 'day' })).toEqual([]);
  });

  it('throws InvalidInputError naming row, field and value for bad rows', () => {
    const bad = [
      tx('a', '2024-01-01', 1),
      { customerId: '', date: d('2024-01-01'), amount: 1 },
      { customerId: 'b', date: new Date('nope'), amount: Number.NaN },
    ] as Transaction[];
    const err = (() => {
      try {
        summarizeCustomers(bad, { observationEnd: d('2024-01-02'), unit: 'day' });
      } catch (e) {
        return e;
      }
    })() as InvalidInputError;
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toBe(
      'summarizeCustomers: expected customerId to be a non-empty string, received "" (row 1) (and 2 more issues)',
    );
    expect(err.issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [1, 'customerId', 'invalid_id'],
      [2, 'date', 'invalid_date'],
      [2, 'amount', 'invalid_number'],
    ]);
  });

  it('throws InvalidInputError for bad options', () => {
    const rows = [tx('a', '2024-01-01', 1)];
    const call = (o: unknown) => () => summarizeCustomers(rows, o as never);
    expect(call(undefined)).toThrow(InvalidInputError);
    expect(call({ observationEnd: new Date('x'), unit: 'day' })).toThrow(
      'summarizeCustomers: expected observationEnd to be a valid Date, received Invalid Date',
    );
    expect(call({ observationEnd: d('2024-01-01'), unit: 'year' })).toThrow(
      /unit .*received "year"/,
    );
    expect(call({ observationEnd: d('2024-01-01'), unit: 'day', collapse: 'hour' })).toThrow(
      /collapse .*received "hour"/,
    );
    expect(() =>
      summarizeCustomers('x' as never, { observationEnd: d('2024-01-01'), unit: 'day' }),
    ).toThrow(InvalidInputError);
  });

  it('does not mutate its input', () => {
    const rows = [tx('a', '2024-01-01', 1), tx('a', '2024-01-03', -1), tx('b', '2024-01-02', 2)];
    const copy = structuredClone(rows);
    summarizeCustomersWithReport(rows, { observationEnd: d('2024-01-05'), unit: 'week' });
    expect(rows).toEqual(copy);
  });

  const arbRows = fc.array(
    fc.record({
      customerId: fc.constantFrom('a', 'b', 'c', 'd'),
      date: fc.integer({ min: 0, max: 400 }).map((i) => new Date(Date.UTC(2024, 0, 1 + i, i % 24))),
      amount: fc.integer({ min: -50, max: 500 }).map((c) => c / 10),
    }),
    { maxLength: 60 },
  );
  const opts = { observationEnd: d('2024-12-31'), unit: 'week', collapse: 'period' } as const;

  fcTest.prop([arbRows])('is invariant to row order', (rows) => {
    const a = summarizeCustomersWithReport(rows, opts);
    const b = summarizeCustomersWithReport([...rows].reverse(), opts);
    expect(b.customers.length).toBe(a.customers.length);
    b.customers.forEach((s, i) => {
      const t = a.customers[i];
      expect(s.customerId).toBe(t?.customerId);
      expect([s.frequency, s.recency, s.T, s.orders]).toEqual([
        t?.frequency,
        t?.recency,
        t?.T,
        t?.orders,
      ]);
      expect(s.totalSpend).toBeCloseTo(t?.totalSpend ?? Number.NaN, 9);
      expect(s.monetaryValue).toBeCloseTo(t?.monetaryValue ?? Number.NaN, 9);
    });
  });

  fcTest.prop([arbRows])('accounts for every customer and keeps 0 ≤ recency ≤ T', (rows) => {
    const r = summarizeCustomersWithReport(rows, opts);
    const seen = [
      ...r.customers.map((c) => c.customerId),
      ...r.returnsOnly.map((c) => c.customerId),
      ...r.customersOnlyAfterEnd,
    ];
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(rows.map((x) => x.customerId)));
    for (const c of r.customers) {
      expect(c.recency).toBeGreaterThanOrEqual(0);
      expect(c.recency).toBeLessThanOrEqual(c.T);
      expect(c.frequency).toBeLessThan(c.orders);
      if (c.frequency === 0) expect(c.monetaryValue).toBe(0);
    }
  });
});

const sample = sharedData('cdnow/CDNOW_sample.txt');
const published = sharedData('cdnow/cdnow_customers_summary_with_transactions.csv');
describe.skipIf(!sample || !published)('summarizeCustomers on the CDNOW sample', () => {
  it('reproduces the published Fader–Hardie summary for all 2,357 customers', async () => {
    const rows = summarizeCustomers(await loadCdnowSample(sample as string), {
      observationEnd: d('1997-09-30'),
      unit: 'week',
      collapse: 'day',
    });
    const ref = readCdnowSummary(published as string);
    expect(rows).toHaveLength(2357);
    expect(ref).toHaveLength(2357);
    const byId = new Map(rows.map((r) => [String(Number(r.customerId)), r]));
    let mismatches = 0;
    for (const p of ref) {
      const r = byId.get(p.id);
      // Published values are rounded to 2 decimals: |ours − published| ≤ 0.005.
      const ok =
        r !== undefined &&
        r.frequency === p.x &&
        Math.abs(r.recency - p.t_x) <= 0.005 + 1e-9 &&
        Math.abs(r.T - p.T) <= 0.005 + 1e-9 &&
        Math.abs(r.monetaryValue - p.zbar) <= 0.005 + 1e-9;
      if (!ok) mismatches++;
    }
    expect(mismatches).toBe(0);
    // The published T range 27.00–38.86 weeks: first purchases from 1997-03-25 to 1997-01-01.
    expect(Math.min(...rows.map((r) => r.T))).toBe(189 / 7);
    expect(Math.max(...rows.map((r) => r.T))).toBe(272 / 7);
  });
});

const master = sharedData('cdnow/CDNOW_master.txt');
describe.skipIf(!master)('summarizeCustomers on CDNOW_master', () => {
  it('gives 23,570 customers and the totals of a direct computation (unit day, to 1998-06-30)', async () => {
    const rows = summarizeCustomers(await loadCdnowMaster(master as string), {
      observationEnd: d('1998-06-30'),
      unit: 'day',
    });
    expect(rows).toHaveLength(23570);
    // Direct computation from the raw text (independent reader): distinct purchase days per customer.
    const txs = readCdnowMaster(master as string);
    const days = new Map<string, Set<number>>();
    for (const t of txs) {
      const set = days.get(t.customerId) ?? new Set<number>();
      set.add(t.date.getTime() / 86_400_000);
      days.set(t.customerId, set);
    }
    const end = d('1998-06-30').getTime() / 86_400_000;
    let f = 0;
    let r = 0;
    let T = 0;
    for (const set of days.values()) {
      const list = [...set];
      f += list.length - 1;
      r += Math.max(...list) - Math.min(...list);
      T += end - Math.min(...list);
    }
    const sum = (k: 'frequency' | 'recency' | 'T') => rows.reduce((s, x) => s + x[k], 0);
    expect(sum('frequency')).toBe(f);
    expect(sum('recency')).toBe(r);
    expect(sum('T')).toBe(T);
    // Net spend equals the file's published total $2,500,315.63.
    expect(rows.reduce((s, x) => s + x.totalSpend, 0)).toBeCloseTo(2_500_315.63, 2);
  });
});
