/**
 * Calendar arithmetic for the summaries, in UTC (or a given time zone), without date-fns in the
 * hot loop. Internal: not exported from the package.
 */
import { tzOffset } from '@date-fns/tz';

/** Unit in which `frequency`, `recency` and `T` are measured. */
export type TimeUnit = 'day' | 'week' | 'month';
/** How purchases merge: per unit period (lifetimes) or per calendar day (Fader–Hardie). */
export type Collapse = 'period' | 'day';

export const MS_PER_DAY = 86_400_000;

/** Days per unit in `collapse: 'day'` mode; a month is the mean Gregorian month, 365.25 / 12. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
};

export const UNITS: readonly TimeUnit[] = ['day', 'week', 'month'];
export const COLLAPSES: readonly Collapse[] = ['period', 'day'];

/** Days since 1970-01-01 of the UTC calendar day holding the instant `ms`. */
export function utcDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** Maps an instant (ms) to the number of its calendar day, 1970-01-01 being day 0. */
export type DayOf = (ms: number) => number;

const QUARTER_HOUR = 900_000;

/**
 * Calendar day of an instant in `timeZone` (IANA name), or in UTC without one. The zone's UTC
 * offset is looked up once per quarter hour of UTC time (offsets change on quarter-hour
 * boundaries), so the per-row cost stays a division and a Map lookup.
 */
export function dayOfIn(timeZone: string | undefined): DayOf {
  if (timeZone === undefined) return utcDay;
  const cache = new Map<number, number>();
  return (ms) => {
    const q = Math.floor(ms / QUARTER_HOUR);
    let offset = cache.get(q);
    if (offset === undefined) {
      offset = tzOffset(timeZone, new Date(q * QUARTER_HOUR)) * 60_000;
      cache.set(q, offset);
    }
    return Math.floor((ms + offset) / MS_PER_DAY);
  };
}

/**
 * Index of the unit period holding UTC day `day`: the day itself; the ISO week (Monday–Sunday;
 * 1970-01-01 was a Thursday, so the Monday of its week is day −3); or `year * 12 + month`.
 */
export function periodOfDay(day: number, unit: TimeUnit): number {
  if (unit === 'day') return day;
  if (unit === 'week') return Math.floor((day + 3) / 7);
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Returns a function mapping a UTC day to its bucket key for the given mode (cached for months). */
export function bucketer(unit: TimeUnit, collapse: Collapse): (day: number) => number {
  if (collapse === 'day' || unit === 'day') return (day) => day;
  if (unit === 'week') return (day) => Math.floor((day + 3) / 7);
  let lastDay = Number.NaN;
  let lastKey = 0;
  return (day) => {
    if (day !== lastDay) {
      lastDay = day;
      lastKey = periodOfDay(day, 'month');
    }
    return lastKey;
  };
}

/** Length in `unit`s between two bucket keys (collapse 'period') or two UTC days (collapse 'day'). */
export function span(from: number, to: number, unit: TimeUnit, collapse: Collapse): number {
  return collapse === 'day' ? (to - from) / DAYS_PER_UNIT[unit] : to - from;
}
