/**
 * customer-analytics/danfo: move result rows (customer summaries, scores, segments) into
 * danfojs / danfojs-node DataFrames and back, so analysts can `.print()`, `.describe()` and
 * `.groupby()` them. danfojs is an optional peer: nothing here imports it; pass the module
 * (`import * as dfd from 'danfojs'`) or its `DataFrame` class, or call {@link importDanfo}.
 * @packageDocumentation
 */
import { InsufficientDataError, invalidInput } from './errors';

/** The part of a danfo DataFrame this module reads (duck-typed; danfojs and danfojs-node). */
export interface DataFrameLike {
  columns: string[];
  /** Rows as arrays of cells (checked at run time). */
  values: unknown;
  /** Row labels (danfo's `index`), e.g. `count`, `mean`… after `describe()`. */
  index?: unknown;
}

/** Options of {@link fromDataFrame}. */
export interface FromDataFrameOptions {
  /** When set, each row also gets the DataFrame's row label under this key (e.g. `'stat'`). */
  index?: string;
}

/** A DataFrame constructor as danfojs exports it. */
export type DataFrameConstructor<D extends DataFrameLike = DataFrameLike> = new (
  data: unknown[][],
  options: { columns: string[] },
) => D;

/** The danfojs module, or anything with its `DataFrame` class. */
export interface DanfoModule<D extends DataFrameLike = DataFrameLike> {
  DataFrame: DataFrameConstructor<D>;
}

/** Options of {@link toDataFrame}. */
export interface ToDataFrameOptions {
  /** Column order; default: the union of the rows' own keys in first-seen order. */
  columns?: string[];
  /** How `Date` cells are stored: ISO 8601 text (default) or epoch milliseconds. */
  dates?: 'iso' | 'epoch-ms';
}

/** Defaults of {@link toDataFrame}. */
export const TO_DATA_FRAME_DEFAULTS = { dates: 'iso' } as const;

function cellToDanfo(v: unknown, dates: 'iso' | 'epoch-ms'): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return dates === 'iso' ? v.toISOString() : v.getTime();
  if (Array.isArray(v)) return v.map(String).join('; ');
  return v;
}

/**
 * Builds a danfo DataFrame from row objects: one column per key, one row per object, built
 * from an array of arrays plus `columns` (so a key such as `__proto__` stays an ordinary
 * column). `undefined`/`null` become `null` (danfo shows missing values as NaN), dates
 * become ISO text (or epoch ms), string arrays (e.g. churn reasons) are joined with `; `.
 *
 * @param rows - Records, e.g. from `summarizeCustomers`; not mutated.
 * @param dfd - The danfojs (or danfojs-node) module, or its `DataFrame` constructor.
 * @returns A DataFrame of the library you passed.
 * @throws InsufficientDataError when `rows` is empty; InvalidInputError when `dfd` has no
 *   DataFrame constructor or a row is not an object (naming the row).
 * @example
 * import * as dfd from 'danfojs';
 * const df = toDataFrame([{ customerId: 'a', frequency: 2 }], dfd);
 * df.shape; // => [1, 2]
 */
export function toDataFrame<D extends DataFrameLike>(
  rows: readonly Readonly<Record<string, unknown>>[],
  dfd: DanfoModule<D> | DataFrameConstructor<D>,
  options: ToDataFrameOptions = {},
): D {
  const fn = 'toDataFrame';
  const Ctor = typeof dfd === 'function' ? dfd : dfd?.DataFrame;
  if (typeof Ctor !== 'function') {
    throw invalidInput(fn, 'dfd', 'the danfojs module or its DataFrame class', dfd, {
      code: 'invalid_type',
    });
  }
  if (!Array.isArray(rows)) {
    throw invalidInput(fn, 'rows', 'to be an array', rows, { code: 'invalid_type' });
  }
  if (rows.length === 0) {
    throw new InsufficientDataError(`${fn}: expected rows to be non-empty, received 0 rows`);
  }
  const dates = options.dates ?? TO_DATA_FRAME_DEFAULTS.dates;
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      throw invalidInput(fn, 'rows', 'to hold objects', r, {
        code: 'invalid_type',
        path: ['rows', i],
      });
    }
  });
  let columns = options.columns;
  if (!columns) {
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
    columns = [...seen];
  }
  const cols = columns;
  const values = rows.map((r) =>
    cols.map((c) => cellToDanfo(Object.hasOwn(r, c) ? r[c] : undefined, dates)),
  );
  return new Ctor(values, { columns: [...cols] });
}

/**
 * Reads a danfo DataFrame (danfojs or danfojs-node, or any object with `columns` and
 * `values`) back into row objects, one per DataFrame row. Missing values (NaN, null,
 * undefined) become `null`, never NaN. Keys are own properties made with
 * `Object.fromEntries`, so a `__proto__` column cannot reach a prototype.
 *
 * @param df - A danfo DataFrame; not mutated.
 * @param options - `index`: key under which to keep the row labels (e.g. describe's stats).
 * @throws InvalidInputError when `df` lacks string `columns` or array `values`, or a row's
 *   length differs from the column count (naming the row).
 * @example
 * fromDataFrame({ columns: ['id', 'x'], values: [['a', 1], ['b', Number.NaN]] });
 * // => [{ id: 'a', x: 1 }, { id: 'b', x: null }]
 */
export function fromDataFrame(
  df: DataFrameLike,
  options: FromDataFrameOptions = {},
): Record<string, unknown>[] {
  const fn = 'fromDataFrame';
  if (!df || !Array.isArray(df.columns) || !df.columns.every((c) => typeof c === 'string')) {
    throw invalidInput(fn, 'df.columns', 'to be an array of column names', df?.columns, {
      code: 'invalid_type',
    });
  }
  const rowsIn = df.values;
  if (!Array.isArray(rowsIn)) {
    throw invalidInput(fn, 'df.values', 'to be an array of rows', df.values, {
      code: 'invalid_type',
    });
  }
  const { columns } = df;
  const labels = Array.isArray(df.index) ? (df.index as unknown[]) : undefined;
  return rowsIn.map((row: unknown, i: number) => {
    if (!Array.isArray(row) || row.length !== columns.length) {
      throw invalidInput(fn, 'df.values', `rows of ${columns.length} values`, row, {
        code: 'invalid_shape',
        path: ['values', i],
      });
    }
    const entries: [string, unknown][] = columns.map((c, j) => {
      const v = row[j];
      return [c, v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : v];
    });
    if (options.index !== undefined) entries.unshift([options.index, labels?.[i] ?? i]);
    return Object.fromEntries(entries);
  });
}

/**
 * Imports danfojs-node, or else danfojs, at run time.
 *
 * @returns The module, to pass to {@link toDataFrame}.
 * @throws InvalidInputError (`code: 'INVALID_INPUT'`, issue code `missing_peer`) when neither
 *   is installed, saying how to install it.
 * @example
 * const dfd = await importDanfo(); // the danfojs module when installed
 */
export async function importDanfo(): Promise<DanfoModule> {
  for (const name of ['danfojs-node', 'danfojs']) {
    try {
      const mod = (await import(/* @vite-ignore */ name)) as Partial<DanfoModule> & {
        default?: Partial<DanfoModule>;
      };
      const DataFrame = mod.DataFrame ?? mod.default?.DataFrame;
      if (typeof DataFrame === 'function') return { DataFrame };
    } catch {
      // try the next name
    }
  }
  throw invalidInput(
    'importDanfo',
    'danfojs',
    'to be installed (npm install danfojs, or danfojs-node)',
    'not found',
    { code: 'missing_peer' },
  );
}
