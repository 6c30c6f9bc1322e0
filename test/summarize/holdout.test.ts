import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import {
  calibrationHoldout,
  calibrationHoldoutWithReport,
  summarizeCustomers,
} from '../../src/summarize/index';
import { sharedData } from '../_helpers/shared';
import { loadCdnowSample } from './_cdnow';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const tx = (customerId: string, date: string, amount: number) => ({
  customerId,
  date: d(date),
  amount,
});

describe('calibrationHoldout', () => {
  it('runs its documented example', () => {
    const [a] = calibrationHoldout(
      [
        tx('a', '2024-01-01', 10),
        tx('a', '2024-01-05', 20),
        tx('a', '2024-01-15', 30),
        tx('a', '2024-01-15', 12),
        tx('a', '2024-01-20', 40),
      ],
      { calibrationEnd: d('2024-01-10'), observationEnd: d('2024-01-31'), unit: 'day' },
    );
    // Calibration days 0 and 4, end day 9: frequency 1, recency 4, T 9, monetary 20.
    // Holdout days 14 (30 + 12 = 42) and 19 (40): 2 purchases, mean 41; 31 − 10 = 21 days.
    expect(a).toMatchObject({
      customerId: 'a',
      frequency: 1,
      recency: 4,
      T: 9,
      monetaryValue: 20,
      frequencyHoldout: 2,
      monetaryValueHoldout: 41,
      durationHoldout: 21,
    });
  });

  it('calibrationHoldoutWithReport runs its documented example', () => {
    const r = calibrationHoldoutWithReport([tx('a', '2024-01-01', 10), tx('b', '2024-01-20', 5)], {
      calibrationEnd: d('2024-01-10'),
      observationEnd: d('2024-01-31'),
      unit: 'day',
    });
    expect(r.customers.map((c) => [c.customerId, c.frequencyHoldout, c.durationHoldout])).toEqual([
      ['a', 0, 21],
    ]);
    expect(r.firstPurchaseInHoldout).toEqual(['b']);
  });

  it('reports first purchases in the holdout and returns-only customers', () => {
    const r = calibrationHoldoutWithReport(
      [
        tx('a', '2024-01-01', 10),
        tx('b', '2024-01-20', 5),
        tx('c', '2024-01-02', -3),
        tx('c', '2024-01-25', -2),
        tx('e', '2024-01-25', -4), // returns only, and only in the holdout window
        tx('d', '2024-03-01', 1),
      ],
      { calibrationEnd: d('2024-01-10'), observationEnd: d('2024-01-31'), unit: 'day' },
    );
    expect(r.customers.map((c) => [c.customerId, c.frequencyHoldout, c.durationHoldout])).toEqual([
      ['a', 0, 21],
    ]);
    expect(r.firstPurchaseInHoldout).toEqual(['b']);
    expect(r.returnsOnly).toEqual([
      { customerId: 'c', returns: 2, amount: -5 },
      { customerId: 'e', returns: 1, amount: -4 },
    ]);
    expect(r.excludedAfterEnd).toBe(1);
    expect(r.customersOnlyAfterEnd).toEqual(['d']);
  });

  it('buckets holdout weeks like calibration weeks (ISO weeks, whole periods)', () => {
    // 2024-01-01 is a Monday. Calibration to Sunday 01-14 (week 1); holdout to Sunday 02-04 (week 4).
    const [a] = calibrationHoldout(
      [
        tx('a', '2024-01-01', 1),
        tx('a', '2024-01-16', 2), // Tuesday, week 2
        tx('a', '2024-01-21', 3), // Sunday, week 2 → 5
        tx('a', '2024-01-29', 4), // Monday, week 4
      ],
      { calibrationEnd: d('2024-01-14'), observationEnd: d('2024-02-04'), unit: 'week' },
    );
    expect(a).toMatchObject({
      frequency: 0,
      T: 1,
      frequencyHoldout: 2,
      monetaryValueHoldout: 4.5,
      durationHoldout: 3,
    });
  });

  it('has the same calibration columns as summarizeCustomers to calibrationEnd', () => {
    const rows = [
      tx('a', '2024-01-01', 1),
      tx('a', '2024-01-03', 2),
      tx('a', '2024-02-03', 9),
      tx('b', '2024-01-02', 4),
    ];
    const h = calibrationHoldout(rows, {
      calibrationEnd: d('2024-01-10'),
      observationEnd: d('2024-02-10'),
      unit: 'day',
    });
    const s = summarizeCustomers(rows, { observationEnd: d('2024-01-10'), unit: 'day' });
    expect(
      h.map(({ frequencyHoldout, monetaryValueHoldout, durationHoldout, ...rest }) => rest),
    ).toEqual(s);
  });

  it('throws InvalidInputError when calibrationEnd is not before observationEnd', () => {
    const call = () =>
      calibrationHoldout([tx('a', '2024-01-01', 1)], {
        calibrationEnd: d('2024-02-01'),
        observationEnd: d('2024-02-01'),
        unit: 'day',
      });
    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(
      'calibrationHoldoutWithReport: expected calibrationEnd to be a UTC day before observationEnd 2024-02-01T00:00:00.000Z, received 2024-02-01T00:00:00.000Z',
    );
    try {
      call();
    } catch (e) {
      expect((e as InvalidInputError).issues[0]?.code).toBe('invalid_range');
    }
    expect(() =>
      calibrationHoldout([], {
        calibrationEnd: 'x' as never,
        observationEnd: d('2024-02-01'),
        unit: 'day',
      }),
    ).toThrow(/calibrationEnd to be a valid Date/);
  });

  it('splits at calibrationEnd in the given time zone', () => {
    // 2024-01-10T20:00Z is Jan 11 04:00 in Shanghai: after a Jan 10 (local) calibration end.
    const rows = [
      { customerId: 'a', date: new Date('2024-01-01T02:00:00Z'), amount: 1 },
      { customerId: 'a', date: new Date('2024-01-10T20:00:00Z'), amount: 3 },
    ];
    const opts = {
      calibrationEnd: new Date('2024-01-10T12:00:00Z'),
      observationEnd: new Date('2024-01-20T12:00:00Z'),
      unit: 'day',
    } as const;
    expect(calibrationHoldout(rows, opts)[0]).toMatchObject({ frequency: 1, frequencyHoldout: 0 });
    expect(calibrationHoldout(rows, { ...opts, timeZone: 'Asia/Shanghai' })[0]).toMatchObject({
      frequency: 0,
      frequencyHoldout: 1,
      monetaryValueHoldout: 3,
    });
  });

  fcTest.prop([
    fc.array(
      fc.record({
        c: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        day: fc.integer({ min: 0, max: 60 }),
        cents: fc.integer({ min: -500, max: 5000 }),
      }),
      { maxLength: 40 },
    ),
    fc.constantFrom('day', 'week', 'month'),
  ])('accounts for every customer exactly once', (specs, unit) => {
    const rows = specs.map((s) => ({
      customerId: s.c,
      date: new Date(Date.UTC(2024, 0, 1 + s.day)),
      amount: s.cents / 100,
    }));
    const r = calibrationHoldoutWithReport(rows, {
      calibrationEnd: d('2024-01-20'),
      observationEnd: d('2024-02-20'),
      unit,
    });
    const all = [
      ...r.customers.map((c) => c.customerId),
      ...r.returnsOnly.map((c) => c.customerId),
      ...r.firstPurchaseInHoldout,
      ...r.customersOnlyAfterEnd,
    ];
    expect(all.length).toBe(new Set(all).size);
    expect(new Set(all)).toEqual(new Set(rows.map((x) => x.customerId)));
    expect(r.excludedAfterEnd).toBe(rows.filter((x) => x.date > d('2024-02-20')).length);
  });

  it('does not mutate its input', () => {
    const rows = [tx('a', '2024-01-01', 1), tx('a', '2024-01-20', 2)];
    const copy = structuredClone(rows);
    calibrationHoldout(rows, {
      calibrationEnd: d('2024-01-10'),
      observationEnd: d('2024-01-31'),
      unit: 'week',
    });
    expect(rows).toEqual(copy);
  });
});

const sample = sharedData('cdnow/CDNOW_sample.txt');
describe.skipIf(!sample)('calibrationHoldout on the CDNOW sample (39 + 39 weeks)', () => {
  it('keeps all 2,357 customers and counts holdout purchases = all purchase days − calibration ones', async () => {
    const txs = await loadCdnowSample(sample as string);
    const h = calibrationHoldout(txs, {
      calibrationEnd: d('1997-09-30'),
      observationEnd: d('1998-06-30'),
      unit: 'week',
      collapse: 'day',
    });
    expect(h).toHaveLength(2357);
    // 1997-09-30 → 1998-06-30 is 273 days = 39 weeks.
    expect(h[0]?.durationHoldout).toBe(39);
    const days = new Set(txs.map((t) => `${t.customerId}|${t.date.getTime()}`)).size;
    const calDays = new Set(
      txs
        .filter((t) => t.date <= d('1997-09-30'))
        .map((t) => `${t.customerId}|${t.date.getTime()}`),
    ).size;
    expect(h.reduce((s, r) => s + r.frequencyHoldout, 0)).toBe(days - calDays);
  });
});
