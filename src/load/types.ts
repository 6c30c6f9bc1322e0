import type { Issue } from '../errors';

/**
 * One raw input row: column name → value. Rows read from CSV/TSV/text files hold strings;
 * in-memory rows and JSON rows hold whatever the caller or the file gave. Rows the loaders
 * build themselves have no prototype (`Object.create(null)`), so a column named `__proto__`
 * is an ordinary own key.
 */
export type RawRecord = Record<string, unknown>;

/**
 * Where a record field comes from: a source column name, a 0-based column position (files
 * read with `header: false` name their columns `'0'`, `'1'`, …), or a function of the raw row
 * (e.g. `amount: (r) => Number(r.Quantity) * Number(r.UnitPrice)`). A function's result goes
 * through the same checks as a column's value: `NaN`, `Infinity` or a thrown error reject the
 * row with an issue naming the field.
 */
export type ColumnSource = string | number | ((row: RawRecord) => unknown);

/** A row the loader could not turn into a valid record, with every reason found. */
export interface RejectedRow {
  /** 1-based physical line for files with lines; 0-based index for in-memory rows and JSON arrays. */
  line: number;
  /** The raw row as read (column name → value). */
  record: RawRecord;
  /** Each problem: field, rule (`code`), message and the offending value. */
  issues: Issue[];
}

/**
 * Row accounting. Always `read === accepted + rejected + duplicates`.
 * Blank lines in text files are not rows and are not counted.
 */
export interface LoadStats {
  /** Data rows read (header excluded). */
  read: number;
  /** Rows that became records. */
  accepted: number;
  /** Rows reported in `rejected`. */
  rejected: number;
  /** Exact repeats of an earlier raw row, removed because `dedupe: true` (0 otherwise). */
  duplicates: number;
  /**
   * Wide surveys only (`loadSurveyResponses` with `questions`): answer cells skipped because
   * they held a `notApplicable` value. Not a row count; absent for other loaders.
   */
  notApplicable?: number;
}

/** What every loader returns: the valid records, the rejected rows and the row accounting. */
export interface LoadResult<T> {
  records: T[];
  rejected: RejectedRow[];
  stats: LoadStats;
}

/**
 * An async iterable of records for callers who aggregate as they read. It can be iterated
 * once. `stats` and `rejected` fill in while iterating and are final once the loop ends.
 */
export interface RecordStream<T> extends AsyncIterable<T> {
  /** Row accounting so far (final after iteration). */
  readonly stats: LoadStats;
  /** Rejected rows so far (final after iteration). */
  readonly rejected: RejectedRow[];
  /**
   * The accepted records in batches (arrays in input order, one per chunk of input read: a
   * few thousand rows of a file), for consumers that aggregate without one `await` per
   * record, e.g. `summarizeCustomers(stream.batches(), options)`. Same records, order and
   * accounting as iterating the stream itself; each array is new and the caller's to keep.
   * A stream is consumed once: calling `batches()` and iterating it counts as the one
   * iteration (a second one, either way, throws code `already_iterated`).
   *
   * @throws {InvalidInputError} code `INVALID_INPUT` when the stream was already iterated,
   *   and while iterating the same errors as the stream itself.
   * @example
   * const stream = streamTransactions([
   *   { customerId: 'a', date: '2024-01-05', amount: '10' },
   *   { customerId: 'b', date: '2024-01-09', amount: '2.5' },
   * ]);
   * let total = 0;
   * for await (const batch of stream.batches()) for (const t of batch) total += t.amount;
   * total; // 12.5
   * stream.stats; // { read: 2, accepted: 2, rejected: 0, duplicates: 0 }
   */
  batches(): AsyncIterable<T[]>;
}

/** How ids are normalized: trimmed, canonical integers (`17850.0` → `17850`), or a function. */
export type IdNormalization = 'trim' | 'numeric' | ((id: string) => string);

/** Options shared by every loader (core and Node entries). */
export interface CommonLoadOptions {
  /**
   * Date formats (date-fns `parse` tokens, e.g. `'yyyyMMdd'`, `'M/d/yyyy H:mm'`), tried in
   * order. Default: ISO 8601 (`2011-12-09`, `2011-12-09T12:50:00Z`, `2011-12-09 12:50:00`).
   */
  dateFormat?: string | readonly string[];
  /**
   * IANA time zone (e.g. `'Europe/London'`) for dates written without an offset.
   * Default: UTC.
   */
  timeZone?: string;
  /** Decimal mark of numbers written as text. Default `'.'` (then `,` groups thousands). */
  decimal?: '.' | ',';
  /** Customer id normalization. Default `'trim'`. */
  normalizeId?: IdNormalization;
  /** `'collect'` (default) reports bad rows in `rejected`; `'throw'` stops at the first one. */
  onError?: 'collect' | 'throw';
  /** Remove exact repeats of an earlier raw row and count them in `stats.duplicates`. Default false. */
  dedupe?: boolean;
}

/**
 * Defaults of {@link CommonLoadOptions} (`dateFormat` undefined means ISO 8601).
 * @example
 * LOAD_DEFAULTS.onError; // 'collect'
 */
export const LOAD_DEFAULTS = {
  dateFormat: undefined,
  timeZone: 'UTC',
  decimal: '.',
  normalizeId: 'trim',
  onError: 'collect',
  dedupe: false,
} as const satisfies Required<Omit<CommonLoadOptions, 'dateFormat'>> & { dateFormat: undefined };

/**
 * A row handed from a reader to the engine: an object (`record`), or the fields of a text
 * line (`values`) with the column `names`, from which the raw record is built only when
 * something needs it (a mapping function, a rejected row, `dedupe`).
 */
export interface SourceRow {
  line: number;
  record?: RawRecord;
  values?: readonly string[];
  names?: readonly string[];
  /** Problems found while reading (wrong field count, bad JSON…): the row is rejected. */
  readIssues?: Issue[];
}
