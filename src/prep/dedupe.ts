/** Options of {@link dedupe}. */
export interface DedupeOptions<T> {
  /** Columns that define a duplicate (pandas `subset`). Default: every own key. */
  columns?: readonly (keyof T & string)[];
  /** Which copy to keep: `'first'` (default) or `'last'`, as in pandas `keep=`. */
  keep?: 'first' | 'last';
}

const DEFAULTS = { keep: 'first' } as const;

/** Result of {@link dedupe}: the unique rows and the count removed. */
export interface DedupeResult<T> {
  /** Rows kept, in input order (same objects, not copies). */
  rows: T[];
  /** 0-based input indices of the removed copies. */
  removed: number[];
}

function tag(v: unknown): unknown {
  if (v === undefined) return 'U';
  if (typeof v === 'string') return `S${v}`;
  if (typeof v === 'number') return `N${v}`;
  if (v instanceof Date) return `D${v.getTime()}`;
  return v;
}

function keyOf(row: Record<string, unknown>, columns: readonly string[] | undefined): string {
  const keys = columns ?? Object.keys(row);
  const parts: unknown[] = [];
  for (const k of keys) {
    const v = Object.hasOwn(row, k) ? row[k] : undefined;
    // Tagged so that 5, '5' and undefined differ; dates compare by instant; numbers by value
    // (JSON alone would turn NaN and ±Infinity into null).
    parts.push(k, tag(v));
  }
  return JSON.stringify(parts);
}

/**
 * Removes exact duplicate rows (pandas `df.drop_duplicates(subset=…, keep=…)`).
 *
 * Two rows are duplicates when every checked column holds the same value: text and booleans
 * by value, numbers by value (`NaN` equals `NaN`, as in pandas), dates by instant. Without
 * `columns`, rows must also have the same keys in the same order. The input is not mutated.
 * O(rows × columns) time and memory.
 *
 * @example
 * dedupe([
 *   { id: 'a', amount: 5 },
 *   { id: 'a', amount: 5 },
 *   { id: 'a', amount: 7 },
 * ]);
 * // { rows: [{ id: 'a', amount: 5 }, { id: 'a', amount: 7 }], removed: [1] }
 */
export function dedupe<T extends object>(
  rows: readonly T[],
  options: DedupeOptions<T> = {},
): DedupeResult<T> {
  const keep = options.keep ?? DEFAULTS.keep;
  const seen = new Set<string>();
  const keepFlags = new Array<boolean>(rows.length).fill(false);
  const order = keep === 'first' ? rows.map((_, i) => i) : rows.map((_, i) => rows.length - 1 - i);
  for (const i of order) {
    const key = keyOf(rows[i] as Record<string, unknown>, options.columns);
    if (!seen.has(key)) {
      seen.add(key);
      keepFlags[i] = true;
    }
  }
  const out: T[] = [];
  const removed: number[] = [];
  rows.forEach((row, i) => {
    if (keepFlags[i]) out.push(row);
    else removed.push(i);
  });
  return { rows: out, removed };
}
