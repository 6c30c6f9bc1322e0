import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/metrics/cohortRetention';
import { expectInsufficient, expectInvalid } from './_expect';
import { ledger } from './_fixture';

describe('cohortRetention', () => {
  it('runs its documented example', () => {
    const tx = [
      { customerId: 'a', date: new Date('2024-01-05'), amount: 10 },
      { customerId: 'b', date: new Date('2024-01-20'), amount: 30 },
      { customerId: 'a', date: new Date('2024-02-02'), amount: 20 },
      { customerId: 'c', date: new Date('2024-02-10'), amount: 5 },
    ];
    expect(
      cohortRetention(tx, { period: 'month' }).cohorts.map((c) => [
        c.cohort,
        c.customers,
        c.cells.map((x) => x.retentionRate),
      ]),
    ).toEqual([
      ['2024-01', 2, [1, 0.5]],
      ['2024-02', 1, [1]],
    ]);
  });

  it('matches the hand-computed cohort table of the fixture', () => {
    const r = cohortRetention(ledger, { period: 'month' });
    const table = r.cohorts.map((c) => ({
      cohort: c.cohort,
      size: c.customers,
      cells: c.cells.map((x) => [
        x.offset,
        x.period,
        x.activeCustomers,
        x.retentionRate,
        x.orders,
        x.revenue,
      ]),
    }));
    expect(table).toEqual([
      {
        // Jan cohort {a, b}: Jan both (3 orders, 45); Feb b (o9; 40 − 10 return = 30);
        // Mar a (20); Apr none
        cohort: '2024-01',
        size: 2,
        cells: [
          [0, '2024-01', 2, 1, 3, 45],
          [1, '2024-02', 1, 0.5, 1, 30],
          [2, '2024-03', 1, 0.5, 1, 20],
          [3, '2024-04', 0, 0, 0, 0],
        ],
      },
      // Feb cohort {c}; Mar has no cohort (e only returned); Apr cohort {d}
      {
        cohort: '2024-02',
        size: 1,
        cells: [
          [0, '2024-02', 1, 1, 1, 8],
          [1, '2024-03', 0, 0, 0, 0],
          [2, '2024-04', 0, 0, 0, 0],
        ],
      },
      { cohort: '2024-04', size: 1, cells: [[0, '2024-04', 1, 1, 1, 12]] },
    ]);
    // e's return belongs to no cohort and is reported, not dropped
    expect(r.unattributed).toEqual({ transactions: 1, customers: 1, revenue: -5 });
    expect(r.period).toBe('month');
    expect(r.cohorts[0]!.start.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('accounts for every amount: cells plus unattributed = total revenue', () => {
    const r = cohortRetention(ledger, { period: 'week' });
    const cells = r.cohorts.flatMap((c) => c.cells).reduce((s, x) => s + x.revenue, 0);
    // 10 + 30 + 5 + 8 − 10 + 25 + 15 + 20 − 5 + 12 = 110
    expect(cells + r.unattributed.revenue).toBe(110);
    expect(r.cohorts.every((c) => c.cells[0]!.retentionRate === 1)).toBe(true);
  });

  it('reports a return dated before the first purchase as unattributed', () => {
    const r = cohortRetention(
      [
        { customerId: 'a', date: new Date('2024-01-10'), amount: -4 },
        { customerId: 'a', date: new Date('2024-02-10'), amount: 9 },
      ],
      { period: 'month' },
    );
    expect(r.cohorts.map((c) => [c.cohort, c.customers])).toEqual([['2024-02', 1]]);
    expect(r.unattributed).toEqual({ transactions: 1, customers: 1, revenue: -4 });
  });

  it('extends offsets to an explicit end', () => {
    const r = cohortRetention(ledger, { period: 'quarter', end: new Date('2024-12-31') });
    // Q1 cohort {a, b, c}: Q1 3/3; Q2 none of them (d is Q2's own cohort); Q3, Q4 zero
    expect(
      r.cohorts.map((c) => [c.cohort, c.customers, c.cells.map((x) => x.activeCustomers)]),
    ).toEqual([
      ['2024-Q1', 3, [3, 0, 0, 0]],
      ['2024-Q2', 1, [1, 0, 0]],
    ]);
  });

  it('throws typed errors', () => {
    expectInsufficient(() => cohortRetention([], { period: 'month' }), 'at least 1 transaction');
    expectInvalid(() => cohortRetention(ledger, { period: 'day' as never }), 'options.period');
    expectInvalid(
      () =>
        cohortRetention([{ customerId: 'a', date: new Date('x'), amount: 1 }], { period: 'week' }),
      'transactions[0].date to be a valid Date',
    );
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(ledger);
    cohortRetention(ledger, { period: 'month' });
    expect(ledger).toEqual(copy);
  });
});
