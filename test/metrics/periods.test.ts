import { TZDate } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import {
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  format,
  startOfDay,
  startOfISOWeek,
  startOfMonth,
  startOfQuarter,
} from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  calendar,
  civilFromDays,
  daysFromCivil,
  LABEL_FORMAT,
  type PeriodUnit,
} from '../../src/metrics/_periods';
import { expectInvalid } from './_expect';

const starts: Record<PeriodUnit, (d: Date) => Date> = {
  day: startOfDay,
  week: startOfISOWeek,
  month: startOfMonth,
  quarter: startOfQuarter,
};
const adds: Record<PeriodUnit, (d: Date, n: number) => Date> = {
  day: addDays,
  week: addWeeks,
  month: addMonths,
  quarter: addQuarters,
};
const units: PeriodUnit[] = ['day', 'week', 'month', 'quarter'];
const zones = [
  undefined,
  'Europe/London',
  'America/New_York',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
];

describe('calendar arithmetic agrees with date-fns', () => {
  it('civilFromDays matches Date for known days', () => {
    expect(civilFromDays(0)).toEqual([1970, 0, 1]);
    expect(civilFromDays(-1)).toEqual([1969, 11, 31]);
    // 2000-02-29 is day 11016
    expect(civilFromDays(11_016)).toEqual([2000, 1, 29]);
  });

  test.prop([fc.integer({ min: -1_000_000, max: 1_000_000 })])(
    'daysFromCivil inverts civilFromDays and agrees with Date.UTC',
    (days) => {
      const [y, m, d] = civilFromDays(days);
      expect(daysFromCivil(y, m, d)).toBe(days);
      expect(new Date(0).setUTCFullYear(y, m, d)).toBe(days * 86_400_000);
    },
  );

  test.prop(
    [
      // from 1972 every zone offset is a whole number of minutes (pre-1972 local mean times are not)
      fc.integer({ min: Date.UTC(1972, 0, 1), max: Date.UTC(2100, 0, 1) }),
      fc.constantFrom(...units),
      fc.constantFrom(...zones),
    ],
    { numRuns: 500 },
  )('index/start of any instant = date-fns startOf… in UTC or a zone', (ms, unit, tz) => {
    const cal = calendar('test', unit, tz);
    const i = cal.index(ms);
    const reference = starts[unit](new TZDate(ms, tz ?? 'UTC'));
    expect(cal.start(i)).toBe(reference.getTime());
    expect(cal.start(i + 1)).toBe(adds[unit](reference, 1).getTime());
    expect(cal.label(i)).toBe(format(reference, LABEL_FORMAT[unit]));
    expect(cal.start(i)).toBeLessThanOrEqual(ms);
    expect(ms).toBeLessThan(cal.start(i + 1));
  });

  it('agrees minute by minute around DST changes (New York, Lord Howe half-hour shift)', () => {
    const around = [
      ['America/New_York', Date.UTC(2024, 2, 10, 7)],
      ['America/New_York', Date.UTC(2024, 10, 3, 6)],
      ['Australia/Lord_Howe', Date.UTC(2024, 3, 6, 15)],
    ] as const;
    for (const [tz, t] of around) {
      for (const unit of units) {
        const cal = calendar('test', unit, tz);
        for (let m = -180; m <= 180; m += 7) {
          const ms = t + m * 60_000;
          const ref = starts[unit](new TZDate(ms, tz)).getTime();
          expect(cal.start(cal.index(ms)), `${tz} ${unit} ${new Date(ms).toISOString()}`).toBe(ref);
        }
      }
    }
  });

  it('labels ISO weeks by ISO week-year (2021-01-03 is in 2020-W53)', () => {
    const cal = calendar('test', 'week', undefined);
    expect(cal.label(cal.index(Date.UTC(2021, 0, 3)))).toBe('2020-W53');
    expect(cal.label(cal.index(Date.UTC(2021, 0, 4)))).toBe('2021-W01');
    // Monday 2024-12-30 starts 2025-W01
    expect(cal.label(cal.index(Date.UTC(2024, 11, 31)))).toBe('2025-W01');
  });

  it('buckets by the local calendar in a time zone', () => {
    // 2024-03-31T23:30Z is 2024-04-01 00:30 in London (BST) but still March in UTC
    const ms = Date.UTC(2024, 2, 31, 23, 30);
    const utc = calendar('test', 'month', undefined);
    const london = calendar('test', 'month', 'Europe/London');
    expect(utc.label(utc.index(ms))).toBe('2024-03');
    expect(london.label(london.index(ms))).toBe('2024-04');
    expect(new Date(london.start(london.index(ms))).toISOString()).toBe('2024-03-31T23:00:00.000Z');
    const quarter = calendar('test', 'quarter', undefined);
    expect(quarter.label(quarter.index(ms))).toBe('2024-Q1');
    const day = calendar('test', 'day', 'America/New_York');
    expect(day.label(day.index(ms))).toBe('2024-03-31');
  });

  it('rejects unknown units and time zones', () => {
    expectInvalid(() => calendar('f', 'year', undefined), 'options.period to be one of');
    expectInvalid(() => calendar('f', 'month', 'Mars/Olympus'), 'options.timeZone');
  });
});
