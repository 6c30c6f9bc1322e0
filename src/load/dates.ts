import { TZDate, tz } from '@date-fns/tz';
import { format as formatDate, isValid, parse } from 'date-fns';
import { invalidInput } from '../errors';
import { compileFormat, type WallClock } from './dateFormat';
import { INVALID } from './numbers';
import { detach } from './strings';

/** Options of {@link parseDate}. */
export interface ParseDateOptions {
  /** date-fns `parse` format strings tried in order; default ISO 8601. */
  dateFormat?: string | readonly string[];
  /** IANA time zone for dates written without an offset; default `'UTC'`. */
  timeZone?: string;
}

const DEFAULTS = { timeZone: 'UTC' } as const;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?))?)?$/;
/** Formats made only of these tokens are checked by formatting the parsed date back. */
const ROUND_TRIP_SAFE = /^(?:[yMdHhmsSa]+|'[^']*'|[^A-Za-z'])*$/;
const REFERENCE = new Date(0);
const compiledFormats = new Map<string, ((text: string) => WallClock | null) | null>();
const CACHE_LIMIT = 50_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
}
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function validWallClock(w: WallClock): boolean {
  return (
    w.mo >= 1 &&
    w.mo <= 12 &&
    w.d >= 1 &&
    w.d <= daysInMonth(w.y, w.mo) &&
    w.h <= 23 &&
    w.mi <= 59 &&
    w.s <= 59
  );
}

/** Wall-clock fields in `zone` → epoch milliseconds (NaN if the zone is unknown). */
function wallClockToMs(
  zone: string,
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  if (zone === 'UTC') {
    const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
    date.setUTCFullYear(y);
    return date.getTime();
  }
  return new TZDate(y, mo - 1, d, h, mi, s, ms, zone).getTime();
}

function parseIso(s: string, zone: string): number {
  const m = ISO.exec(s);
  if (m === null) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (!validWallClock({ y, mo, d, h, mi, s: sec, ms })) return Number.NaN;
  const offset = m[8];
  if (offset === undefined) return wallClockToMs(zone, y, mo, d, h, mi, sec, ms);
  const local = wallClockToMs('UTC', y, mo, d, h, mi, sec, ms);
  if (offset === 'Z') return local;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (oh > 23 || om > 59) return Number.NaN;
  return local - sign * (oh * 60 + om) * 60_000;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Digits at `s[i]` and `s[i + 1]` as a number, or NaN. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * The hot path of file loads: `yyyy-MM-dd`, `yyyy-MM-dd[T ]HH:mm` and `…:ss`, optionally ending
 * in `Z` (the others only in UTC, `utc`), with no spaces around, by arithmetic; anything else,
 * including impossible dates, gives NaN and takes the general (cached) path, which decides.
 * Gives the same instant as {@link parseIso} (a property test checks it).
 */
function isoFast(s: string, utc: boolean): number {
  let n = s.length;
  if (s.charCodeAt(n - 1) === 90 /* Z */) {
    if (n !== 17 && n !== 20) return Number.NaN;
    n--;
  } else if (!utc) return Number.NaN;
  if (n !== 10 && n !== 16 && n !== 19) return Number.NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y = two(s, 0) * 100 + two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return Number.NaN;
  let h = 0;
  let mi = 0;
  let sec = 0;
  if (n > 10) {
    const t = s.charCodeAt(10);
    if ((t !== 84 && t !== 32) || s.charCodeAt(13) !== 58) return Number.NaN;
    h = two(s, 11);
    mi = two(s, 14);
    if (n === 19) {
      if (s.charCodeAt(16) !== 58) return Number.NaN;
      sec = two(s, 17);
    }
    if (!(h <= 23 && mi <= 59 && sec <= 59)) return Number.NaN;
  }
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000;
}

/** Strips leading zeros of digit runs and lower-cases, so `12/01/2010` matches `12/1/2010`. */
function canonical(s: string): string {
  return s.toLowerCase().replace(/\d+/g, (run) => String(Number(run)));
}

function parseWithFormat(s: string, fmt: string, zone: string): number {
  let compiled = compiledFormats.get(fmt);
  if (compiled === undefined) {
    compiled = compileFormat(fmt) ?? null;
    compiledFormats.set(fmt, compiled);
  }
  if (compiled !== null) {
    const w = compiled(s);
    if (w === null || !validWallClock(w)) return Number.NaN;
    return wallClockToMs(zone, w.y, w.mo, w.d, w.h, w.mi, w.s, w.ms);
  }
  const inZone = tz(zone);
  const d = parse(s, fmt, REFERENCE, { in: inZone });
  if (!isValid(d)) return Number.NaN;
  if (ROUND_TRIP_SAFE.test(fmt) && canonical(formatDate(d, fmt, { in: inZone })) !== canonical(s)) {
    return Number.NaN;
  }
  return d.getTime();
}

/**
 * Internal: builds a cached date coercer for one set of options. The returned function maps a
 * value to a `Date`, `undefined` when blank, or {@link INVALID}.
 */
export function createDateParser(
  options: ParseDateOptions,
): (value: unknown) => Date | undefined | typeof INVALID {
  const zone = options.timeZone ?? DEFAULTS.timeZone;
  assertTimeZone(zone);
  const formats =
    options.dateFormat === undefined
      ? undefined
      : typeof options.dateFormat === 'string'
        ? [options.dateFormat]
        : [...options.dateFormat];
  if (formats !== undefined && formats.length === 0) {
    throw invalidInput('parseDate', 'dateFormat', 'at least one format', formats, {
      code: 'invalid_option',
    });
  }
  for (const f of formats ?? []) assertFormat(f);
  const cache = new Map<string, number>();
  return (value) => {
    if (value instanceof Date) {
      return Number.isNaN(value.getTime()) ? INVALID : new Date(value.getTime());
    }
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return INVALID;
    if (formats === undefined && typeof value === 'string') {
      const fast = isoFast(value, zone === 'UTC');
      if (!Number.isNaN(fast)) return new Date(fast);
    }
    const s = String(value).trim();
    if (s === '') return undefined;
    let ms = cache.get(s);
    if (ms === undefined) {
      ms = Number.NaN;
      if (formats === undefined) ms = parseIso(s, zone);
      else {
        for (const f of formats) {
          ms = parseWithFormat(s, f, zone);
          if (!Number.isNaN(ms)) break;
        }
      }
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(detach(s), ms);
    }
    return Number.isNaN(ms) ? INVALID : new Date(ms);
  };
}

/** Throws when date-fns rejects the format itself (e.g. `YYYY` week years, an unknown token). */
function assertFormat(format: string): void {
  if (typeof format === 'string' && format !== '' && compileFormat(format) !== undefined) return;
  try {
    if (typeof format !== 'string' || format === '') throw new RangeError('empty format');
    parse('0', format, REFERENCE);
  } catch (e) {
    throw invalidInput('parseDate', 'dateFormat', 'a valid date-fns format', format, {
      code: 'invalid_option',
      message: `parseDate: expected dateFormat a valid date-fns format, received ${JSON.stringify(format)} (${(e as Error).message})`,
    });
  }
}

/** Throws when `zone` is not an IANA time zone known to this runtime. */
export function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw invalidInput('parseDate', 'timeZone', 'an IANA time zone', zone, {
      code: 'invalid_option',
    });
  }
}

/** Internal: the rule text used in date issues. */
export function dateRule(dateFormat: string | readonly string[] | undefined): string {
  if (dateFormat === undefined) return 'an ISO 8601 date';
  const list = typeof dateFormat === 'string' ? [dateFormat] : dateFormat;
  return `a date in format ${list.map((f) => JSON.stringify(f)).join(' or ')}`;
}

/**
 * Parses a date written as text into an instant.
 *
 * With no `dateFormat`, accepts ISO 8601 `yyyy-MM-dd`, `yyyy-MM-ddTHH:mm[:ss[.SSS]]` (a space
 * may replace the `T`) with an optional `Z` or `±hh:mm` offset. With `dateFormat`, tries each
 * date-fns format in order (`parse` tokens: `yyyy`, `M`, `d`, `H`, `mm`, …; fields absent from
 * the format come from 1970-01-01T00:00). Impossible dates (`2011-02-30`, hour 24) are invalid,
 * and numeric formats must match the whole text (`1997011` does not match `yyyyMMdd`).
 * Dates without an offset are wall-clock times in `timeZone` (UTC by default), so
 * `'1997-01-01'` is 1997-01-01T00:00Z. A wall-clock time skipped by a daylight-saving change
 * (01:30 on 2011-03-27 in London) moves forward by the gap, and a repeated one takes the
 * second (standard-time) occurrence, as `TZDate` does. Results are cached per distinct text.
 *
 * @returns A `Date`, or `undefined` when the value is blank. A `Date` input is copied.
 * @throws {InvalidInputError} code `INVALID_INPUT` when the value matches none of the formats,
 *   is an impossible date, or `timeZone` is unknown.
 * @example
 * parseDate('19970101', { dateFormat: 'yyyyMMdd' }).toISOString(); // '1997-01-01T00:00:00.000Z'
 * parseDate('12/1/2010 8:26', { dateFormat: 'M/d/yyyy H:mm', timeZone: 'Europe/London' }).toISOString();
 * // '2010-12-01T08:26:00.000Z' (London is on GMT in December)
 * parseDate('2011-02-30'); // throws InvalidInputError
 */
export function parseDate(value: unknown, options: ParseDateOptions = {}): Date | undefined {
  const d = createDateParser(options)(value);
  if (d === INVALID) {
    throw invalidInput('parseDate', 'value', dateRule(options.dateFormat), value, {
      code: 'invalid_date',
    });
  }
  return d;
}
