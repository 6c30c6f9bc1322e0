import { tz } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import { isValid, parse } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { parseDate } from '../../src/load/dates';

describe('parseDate', () => {
  it('runs its documented example', () => {
    expect(parseDate('19970101', { dateFormat: 'yyyyMMdd' })!.toISOString()).toBe(
      '1997-01-01T00:00:00.000Z',
    );
    expect(
      parseDate('12/1/2010 8:26', {
        dateFormat: 'M/d/yyyy H:mm',
        timeZone: 'Europe/London',
      })!.toISOString(),
    ).toBe('2010-12-01T08:26:00.000Z');
    expect(() => parseDate('2011-02-30')).toThrow(InvalidInputError);
  });

  it('parses ISO 8601 forms in UTC by default, honouring offsets', () => {
    expect(parseDate('2011-12-09')!.toISOString()).toBe('2011-12-09T00:00:00.000Z');
    expect(parseDate('2011-12-09 12:50:00')!.toISOString()).toBe('2011-12-09T12:50:00.000Z');
    expect(parseDate('2011-12-09T12:50')!.toISOString()).toBe('2011-12-09T12:50:00.000Z');
    expect(parseDate('2011-12-09T12:50:00.5Z')!.toISOString()).toBe('2011-12-09T12:50:00.500Z');
    // 12:50 at UTC−05:30 is 18:20Z.
    expect(parseDate('2011-12-09T12:50:00-05:30')!.toISOString()).toBe('2011-12-09T18:20:00.000Z');
    // Summer in London is UTC+1: 12:00 BST = 11:00Z.
    expect(parseDate('2011-07-01 12:00', { timeZone: 'Europe/London' })!.toISOString()).toBe(
      '2011-07-01T11:00:00.000Z',
    );
    expect(parseDate('2012-02-29')!.toISOString()).toBe('2012-02-29T00:00:00.000Z');
  });

  it('rejects impossible or partial dates with a typed error naming the rule', () => {
    for (const bad of [
      '2011-02-30',
      '2011-02-29',
      '2011-13-01',
      '2011-12-09T24:00',
      '2011-1-5',
      'soon',
    ]) {
      const err = (() => {
        try {
          parseDate(bad);
        } catch (e) {
          return e as InvalidInputError;
        }
      })();
      expect(err, bad).toBeInstanceOf(InvalidInputError);
      expect(err!.code).toBe('INVALID_INPUT');
      expect(err!.issues[0]!.code).toBe('invalid_date');
    }
    expect(() => parseDate('1997011', { dateFormat: 'yyyyMMdd' })).toThrow(
      'parseDate: expected value a date in format "yyyyMMdd", received "1997011"',
    );
    expect(() => parseDate('2011-01-01', { timeZone: 'Nowhere/City' })).toThrow(InvalidInputError);
    // date-fns refuses week-year tokens without an opt-in: a bad option, reported as such.
    expect(() => parseDate('2011-01-01', { dateFormat: 'YYYY-MM-dd' })).toThrow(
      /expected dateFormat a valid date-fns format, received "YYYY-MM-dd"/,
    );
  });

  it('tries several formats in order and returns undefined for blank', () => {
    const options = { dateFormat: ['M/d/yyyy H:mm', 'yyyy-MM-dd'] };
    expect(parseDate('2011-03-04', options)!.toISOString()).toBe('2011-03-04T00:00:00.000Z');
    expect(parseDate('3/4/2011 9:05', options)!.toISOString()).toBe('2011-03-04T09:05:00.000Z');
    expect(parseDate('  ', options)).toBeUndefined();
    expect(parseDate(undefined)).toBeUndefined();
  });

  it('supports 12-hour clocks, literals, fractions and falls back to date-fns for other tokens', () => {
    expect(
      parseDate('03/04/2011 01:05 PM', { dateFormat: 'MM/dd/yyyy hh:mm a' })!.toISOString(),
    ).toBe('2011-03-04T13:05:00.000Z');
    expect(
      parseDate('12:00 am 2011-03-04', { dateFormat: 'hh:mm a yyyy-MM-dd' })!.toISOString(),
    ).toBe('2011-03-04T00:00:00.000Z');
    expect(parseDate('2011-03-04T10:11', { dateFormat: "yyyy-MM-dd'T'HH:mm" })!.toISOString()).toBe(
      '2011-03-04T10:11:00.000Z',
    );
    expect(
      parseDate("10 o'clock 2011-03-04", { dateFormat: "HH 'o''clock' yyyy-MM-dd" })!.toISOString(),
    ).toBe('2011-03-04T10:00:00.000Z');
    expect(
      parseDate('20110304 101112.250', { dateFormat: 'yyyyMMdd HHmmss.SSS' })!.toISOString(),
    ).toBe('2011-03-04T10:11:12.250Z');
    // MMM is not compiled: date-fns parses it (and the round trip is not checked for names).
    expect(parseDate('4 Mar 2011', { dateFormat: 'd MMM yyyy' })!.toISOString()).toBe(
      '2011-03-04T00:00:00.000Z',
    );
  });

  // Outside reference: date-fns parse itself. For every valid wall-clock time, the compiled
  // parser agrees with date-fns (interpreted in UTC) on unpadded and padded formats.
  test.prop(
    [
      fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2099-12-31T23:59:59Z'),
        noInvalidDate: true,
      }),
      fc.constantFrom(
        'M/d/yyyy H:mm',
        'yyyy-MM-dd HH:mm:ss',
        'yyyyMMdd',
        'dd.MM.yyyy',
        'd/M/yyyy h:mm a',
      ),
    ],
    { numRuns: 200 },
  )('agrees with date-fns parse on formatted dates', (date, fmt) => {
    const z = tz('UTC');
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const h12 = date.getUTCHours() % 12 === 0 ? 12 : date.getUTCHours() % 12;
    const text = fmt
      .replace('yyyy', pad(date.getUTCFullYear(), 4))
      .replace('MM', pad(date.getUTCMonth() + 1))
      .replace('dd', pad(date.getUTCDate()))
      .replace('HH', pad(date.getUTCHours()))
      .replace('mm', pad(date.getUTCMinutes()))
      .replace('ss', pad(date.getUTCSeconds()))
      .replace(/\bM\b/, String(date.getUTCMonth() + 1))
      .replace(/\bd\b/, String(date.getUTCDate()))
      .replace(/\bH\b/, String(date.getUTCHours()))
      .replace(/\bh\b/, String(h12))
      .replace(/\ba$/, date.getUTCHours() < 12 ? 'AM' : 'PM');
    const ours = parseDate(text, { dateFormat: fmt });
    const theirs = parse(text, fmt, new Date(0), { in: z });
    expect(isValid(theirs)).toBe(true);
    expect(ours!.getTime()).toBe(theirs.getTime());
  });
});

describe('parseDate around daylight-saving changes (Europe/London)', () => {
  it('moves a skipped wall-clock time forward by the gap and takes the second of a repeated one', () => {
    const options = { dateFormat: 'yyyy-MM-dd HH:mm', timeZone: 'Europe/London' };
    // 2011-03-27 01:00 GMT clocks jumped to 02:00 BST: 01:30 does not exist; read as 02:30 BST = 01:30Z.
    expect(parseDate('2011-03-27 01:30', options)!.toISOString()).toBe('2011-03-27T01:30:00.000Z');
    // 00:30 GMT is unaffected; 03:00 BST = 02:00Z.
    expect(parseDate('2011-03-27 00:30', options)!.toISOString()).toBe('2011-03-27T00:30:00.000Z');
    expect(parseDate('2011-03-27 03:00', options)!.toISOString()).toBe('2011-03-27T02:00:00.000Z');
    // 2011-10-30 01:30 happens twice (00:30Z in BST, then 01:30Z in GMT): TZDate takes the GMT one.
    expect(parseDate('2011-10-30 01:30', options)!.toISOString()).toBe('2011-10-30T01:30:00.000Z');
  });
});
