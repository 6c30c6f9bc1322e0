/**
 * Is a value missing? `undefined`, `null`, `NaN`, an invalid `Date`, and (unless
 * `blankIsMissing: false`) text that is empty or only white space, the way pandas `dropna`
 * treats `None`/`NaN` plus the blank strings CSV exports produce. Zero and `false` are values.
 *
 * @example
 * isMissing(' '); // true
 * isMissing(Number.NaN); // true
 * isMissing(0); // false
 * isMissing(' ', false); // false
 */
export function isMissing(value: unknown, blankIsMissing = true): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (value instanceof Date) return Number.isNaN(value.getTime());
  if (typeof value === 'string') return blankIsMissing && value.trim() === '';
  return false;
}

/** Options of {@link dropMissing}. */
export interface DropMissingOptions<T> {
  /** Columns to check (pandas `subset`). Default: every own key of each row. */
  columns?: readonly (keyof T & string)[];
  /** Treat empty/white-space text as missing. Default true. */
  blankIsMissing?: boolean;
}

const DEFAULTS = { blankIsMissing: true } as const;

/** Result of {@link dropMissing}: the complete rows and which input rows were dropped. */
export interface DropMissingResult<T> {
  /** Rows with no missing value in the checked columns, in input order (same objects). */
  rows: T[];
  /** 0-based input index and missing columns of each dropped row: nothing is dropped silently. */
  dropped: { index: number; columns: string[] }[];
}

/**
 * Keeps the rows that have a value in every checked column (pandas `df.dropna(subset=…)`).
 *
 * A column absent from a row counts as missing when it is listed in `columns`. Rows are
 * returned as the same objects (not copied); the input array is not mutated. O(rows × columns).
 *
 * @example
 * dropMissing(
 *   [
 *     { id: 'a', age: 31, city: 'Paris' },
 *     { id: 'b', age: null, city: 'Lyon' },
 *     { id: 'c', age: 40, city: ' ' },
 *   ],
 *   { columns: ['age'] },
 * );
 * // { rows: [{ id: 'a', … }, { id: 'c', … }], dropped: [{ index: 1, columns: ['age'] }] }
 */
export function dropMissing<T extends object>(
  rows: readonly T[],
  options: DropMissingOptions<T> = {},
): DropMissingResult<T> {
  const blank = options.blankIsMissing ?? DEFAULTS.blankIsMissing;
  const kept: T[] = [];
  const dropped: { index: number; columns: string[] }[] = [];
  rows.forEach((row, index) => {
    const record = row as Record<string, unknown>;
    const columns = options.columns ?? Object.keys(record);
    const missing = columns.filter((c) => !Object.hasOwn(record, c) || isMissing(record[c], blank));
    if (missing.length === 0) kept.push(row);
    else dropped.push({ index, columns: missing });
  });
  return { rows: kept, dropped };
}
