import { invalidInput } from '../errors';
import { isMissing } from './missing';

/** Options of {@link oneHot}. */
export interface OneHotOptions {
  /** Prefix of the new columns; default the column name (`city_Paris`). */
  prefix?: string;
  /** Separator between prefix and category; default `'_'`. */
  separator?: string;
  /**
   * Categories, in column order. Default: the distinct non-missing values, sorted by code
   * unit (pandas sorts too). Give them explicitly to encode new data like the training data.
   */
  categories?: readonly string[];
  /** Drop the first category's column (k − 1 dummies, pandas `drop_first`). Default false. */
  dropFirst?: boolean;
}

const DEFAULTS = { separator: '_', dropFirst: false } as const;

/** Result of {@link oneHot}. */
export interface OneHotResult {
  /** Copies of the input rows without `column`, with one 0/1 column per category. */
  rows: Record<string, unknown>[];
  /** Names of the added columns, in order. */
  columns: string[];
  /** Categories encoded (before `dropFirst`). */
  categories: string[];
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  // A category named "__proto__" must become a column, never the prototype.
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * One-hot encodes a categorical column (pandas `get_dummies(df, columns=[column])`).
 *
 * Each row gets `<prefix><separator><category>` = 1 for its own category and 0 for the
 * others; the original column is removed. Values are compared as text (`String(value)`).
 * Missing values (undefined, null, NaN, blank text) get all zeros, as with pandas'
 * `dummy_na=False`. Rows are copied; the input is not mutated. O(rows × categories).
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` when explicit `categories` repeat a value,
 *   a value is not among explicit `categories` (named with its row), or a new column name
 *   already exists in a row.
 * @example
 * oneHot([{ id: 1, city: 'Paris' }, { id: 2, city: 'Lyon' }, { id: 3, city: null }], 'city');
 * // { rows: [{ id: 1, city_Lyon: 0, city_Paris: 1 }, { id: 2, city_Lyon: 1, city_Paris: 0 },
 * //          { id: 3, city_Lyon: 0, city_Paris: 0 }],
 * //   columns: ['city_Lyon', 'city_Paris'], categories: ['Lyon', 'Paris'] }
 */
export function oneHot(
  rows: readonly Record<string, unknown>[],
  column: string,
  options: OneHotOptions = {},
): OneHotResult {
  const prefix = options.prefix ?? column;
  const separator = options.separator ?? DEFAULTS.separator;
  const value = (row: Record<string, unknown>) =>
    Object.hasOwn(row, column) && !isMissing(row[column]) ? String(row[column]) : undefined;
  let categories: string[];
  if (options.categories !== undefined) {
    categories = [...options.categories];
    if (new Set(categories).size !== categories.length) {
      throw invalidInput('oneHot', 'categories', 'distinct values', categories, {
        code: 'duplicate_category',
      });
    }
  } else {
    const distinct = new Set<string>();
    for (const row of rows) {
      const v = value(row);
      if (v !== undefined) distinct.add(v);
    }
    categories = [...distinct].sort();
  }
  const known = new Set(categories);
  const encoded = (options.dropFirst ?? DEFAULTS.dropFirst) ? categories.slice(1) : categories;
  const columns = encoded.map((c) => `${prefix}${separator}${c}`);
  const out = rows.map((row, index) => {
    const v = value(row);
    if (v !== undefined && !known.has(v)) {
      throw invalidInput('oneHot', column, `one of the given categories`, row[column], {
        code: 'unknown_category',
        line: index,
      });
    }
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(row)) if (k !== column) setOwn(copy, k, row[k]);
    encoded.forEach((c, i) => {
      const name = columns[i]!;
      if (Object.hasOwn(copy, name)) {
        throw invalidInput('oneHot', name, 'a new column name', name, {
          code: 'column_exists',
          line: index,
        });
      }
      setOwn(copy, name, c === v ? 1 : 0);
    });
    return copy;
  });
  return { rows: out, columns, categories };
}
