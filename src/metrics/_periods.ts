/**
 * Internal: calendar periods (day, ISO week, month, quarter) in UTC or an IANA time zone.
 *
 * Every instant maps to an absolute integer period index with plain arithmetic on days since
 * 1970-01-01 (no Date objects per row). In a time zone the instant is first shifted by the
 * zone's offset, looked up once per 15-minute bucket (every real offset change falls on a
 * quarter hour since 1972). Period starts in a zone are built with `TZDate`; labels use the
 * same calendar arithmetic. The tests check starts against date-fns `startOfISOWeek`,
 * `startOfMonth`, … and labels against date-fns `format` with {@link LABEL_FORMAT}.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { invalidInput } from '../errors';

/** Calendar period lengths a time view can bucket by. */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter';

/** The units, for validation. */
export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'quarter'];

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/** A calendar: instants ↔ absolute period indices. */
export interface Calendar {
  unit: PeriodUnit;
  timeZone: string | undefined;
  /** Absolute period index of an instant (epoch ms). */
  index(ms: number): number;
  /** Epoch ms of the first instant of a period. */
  start(index: number): number;
  /** Label: `2024-03-05`, `2024-W09` (ISO week-year), `2024-03`, `2024-Q1`. */
  label(index: number): string;
}

/** Year, month (0-based) and day of a count of days since 1970-01-01 (proleptic Gregorian). */
export function civilFromDays(days: number): [number, number, number] {
  // H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", civil_from_days.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 2 : mp - 10;
  return [yoe + era * 400 + (m <= 1 ? 1 : 0), m, d];
}

/** Days since 1970-01-01 of a (proleptic Gregorian) date; month 0-based. */
export function daysFromCivil(y: number, m: number, d: number): number {
  // H. Hinnant, days_from_civil.
  const yy = m <= 1 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 10) % 12; // March = 0 (m is 0-based here)
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Label of an absolute period index (calendar arithmetic; the tests compare with date-fns). */
function labelOf(unit: PeriodUnit, index: number): string {
  switch (unit) {
    case 'day': {
      const [y, m, d] = civilFromDays(index);
      return `${pad(y, 4)}-${pad(m + 1, 2)}-${pad(d, 2)}`;
    }
    case 'week': {
      // The ISO week-year is the year of the week's Thursday (day index × 7); week 1 holds Jan 4.
      const [y] = civilFromDays(index * 7);
      const week1 = Math.floor((daysFromCivil(y, 0, 4) + 3) / 7);
      return `${pad(y, 4)}-W${pad(index - week1 + 1, 2)}`;
    }
    case 'month': {
      const y = Math.floor(index / 12);
      return `${pad(y, 4)}-${pad(index - 12 * y + 1, 2)}`;
    }
    case 'quarter': {
      const y = Math.floor(index / 4);
      return `${pad(y, 4)}-Q${index - 4 * y + 1}`;
    }
  }
}

function indexOfDays(unit: PeriodUnit, days: number): number {
  switch (unit) {
    case 'day':
      return days;
    case 'week':
      return Math.floor((days + 3) / 7); // 1970-01-01 was a Thursday; weeks start on Monday
    case 'month': {
      const [y, m] = civilFromDays(days);
      return y * 12 + m;
    }
    case 'quarter': {
      const [y, m] = civilFromDays(days);
      return y * 4 + Math.floor(m / 3);
    }
  }
}

/** Local calendar date (y, month 0-based, d) on which period `index` starts. */
function startDate(unit: PeriodUnit, index: number): [number, number, number] {
  switch (unit) {
    case 'day':
      return civilFromDays(index);
    case 'week':
      return civilFromDays(index * 7 - 3);
    case 'month': {
      const y = Math.floor(index / 12);
      return [y, index - 12 * y, 1];
    }
    case 'quarter': {
      const y = Math.floor(index / 4);
      return [y, (index - 4 * y) * 3, 1];
    }
  }
}

/** date-fns `format` patterns of the labels (the reference the tests compare against). */
export const LABEL_FORMAT: Record<PeriodUnit, string> = {
  day: 'yyyy-MM-dd',
  week: "RRRR-'W'II",
  month: 'yyyy-MM',
  quarter: "yyyy-'Q'Q",
};

/** Builds a calendar, validating the unit and the time zone. */
export function calendar(fn: string, unit: unknown, timeZone: unknown): Calendar {
  if (!PERIOD_UNITS.includes(unit as PeriodUnit)) {
    throw invalidInput(fn, 'options.period', `to be one of ${PERIOD_UNITS.join(', ')}`, unit, {
      code: 'invalid_enum',
    });
  }
  const u = unit as PeriodUnit;
  if (timeZone !== undefined) {
    if (typeof timeZone !== 'string' || Number.isNaN(tzOffset(timeZone, new Date(0)))) {
      throw invalidInput(fn, 'options.timeZone', 'to be an IANA time zone name', timeZone, {
        code: 'invalid_time_zone',
      });
    }
  }
  const tz = timeZone as string | undefined;
  // Rows usually come in date order: remember the last quarter-hour bucket and the last day.
  const offsets = new Map<number, number>();
  let lastBucket = Number.NaN;
  let lastOffset = 0;
  const localMs =
    tz === undefined
      ? (ms: number) => ms
      : (ms: number) => {
          const bucket = Math.floor(ms / QUARTER_HOUR_MS);
          if (bucket !== lastBucket) {
            let off = offsets.get(bucket);
            if (off === undefined) {
              off = tzOffset(tz, new Date(bucket * QUARTER_HOUR_MS)) * 60_000;
              offsets.set(bucket, off);
            }
            lastBucket = bucket;
            lastOffset = off;
          }
          return ms + lastOffset;
        };
  let lastDay = Number.NaN;
  let lastIndex = 0;
  const start = (index: number): number => {
    const [y, m, d] = startDate(u, index);
    if (tz === undefined) return new Date(0).setUTCFullYear(y, m, d);
    return new TZDate(y, m, d, tz).getTime();
  };
  return {
    unit: u,
    timeZone: tz,
    index: (ms) => {
      const day = Math.floor(localMs(ms) / DAY_MS);
      if (day !== lastDay) {
        lastDay = day;
        lastIndex = indexOfDays(u, day);
      }
      return lastIndex;
    },
    start,
    label: (index) => labelOf(u, index),
  };
}
