import { InvalidInputError } from '../errors';
import { RowContext } from './fields';
import {
  type CommonLoadOptions,
  LOAD_DEFAULTS,
  type LoadResult,
  type LoadStats,
  type RawRecord,
  type RecordStream,
  type RejectedRow,
  type SourceRow,
} from './types';

/**
 * Internal: maps one raw row to zero or more records, recording issues in `ctx`. A row is
 * rejected when `ctx.issues` is non-empty after the call.
 */
export interface RowMapper<T> {
  (row: RawRecord, ctx: RowContext): T[] | T | undefined;
  /** The mapper skips not-applicable cells (wide surveys): report `stats.notApplicable`. */
  countsNotApplicable?: boolean;
}

/** Internal: a stable text key of a raw row, for exact-duplicate detection. */
function rowKey(row: RawRecord): string {
  const parts: unknown[] = [];
  for (const k of Object.keys(row)) parts.push(k, tag(row[k]));
  return JSON.stringify(parts);
}

/** Tags values so that 5, '5', NaN, null and undefined stay distinct in the JSON key. */
function tag(v: unknown): unknown {
  if (typeof v === 'string') return v;
  if (v === undefined) return { u: 1 };
  if (typeof v === 'number') return { n: String(v) };
  if (v instanceof Date) return { d: v.getTime() };
  return v;
}

/**
 * Internal: the engine every loader runs. Reads `rows`, removes duplicates when asked, maps
 * and validates each row, and keeps the accounting `read = accepted + rejected + duplicates`.
 */
export function streamRows<T>(
  fn: string,
  rows: Iterable<SourceRow> | AsyncIterable<SourceRow> | (() => AsyncIterable<SourceRow>),
  map: RowMapper<T>,
  options: CommonLoadOptions,
  unit: 'line' | 'row',
): RecordStream<T> {
  const stats: LoadStats = { read: 0, accepted: 0, rejected: 0, duplicates: 0 };
  if (map.countsNotApplicable) stats.notApplicable = 0;
  const rejected: RejectedRow[] = [];
  const ctx = new RowContext(fn, unit, options);
  const onError = options.onError ?? LOAD_DEFAULTS.onError;
  const seen = (options.dedupe ?? LOAD_DEFAULTS.dedupe) ? new Set<string>() : undefined;
  let started = false;

  async function* generate(): AsyncGenerator<T> {
    const source = typeof rows === 'function' ? rows() : rows;
    for await (const { line, record, readIssues } of source) {
      stats.read++;
      if (seen !== undefined) {
        const key = rowKey(record);
        if (seen.has(key)) {
          stats.duplicates++;
          continue;
        }
        seen.add(key);
      }
      ctx.reset(line);
      let out: T[] | T | undefined;
      if (readIssues !== undefined && readIssues.length > 0) ctx.issues.push(...readIssues);
      else out = map(record, ctx);
      if (ctx.issues.length > 0) {
        if (onError === 'throw') {
          throw new InvalidInputError(ctx.issues[0]!.message, ctx.issues);
        }
        stats.rejected++;
        rejected.push({ line, record, issues: ctx.issues });
        continue;
      }
      stats.accepted++;
      if (ctx.notApplicable > 0)
        stats.notApplicable = (stats.notApplicable ?? 0) + ctx.notApplicable;
      if (Array.isArray(out)) yield* out;
      else if (out !== undefined) yield out;
    }
  }

  return {
    stats,
    rejected,
    [Symbol.asyncIterator]() {
      if (started) {
        throw new InvalidInputError(
          `${fn}: expected a stream iterated once, received a second iteration`,
          [
            {
              field: '(stream)',
              code: 'already_iterated',
              message: 'a record stream can be iterated once',
            },
          ],
        );
      }
      started = true;
      return generate();
    },
  };
}

/** Internal: drains a record stream into a {@link LoadResult}. */
export async function collect<T>(stream: RecordStream<T>): Promise<LoadResult<T>> {
  const records: T[] = [];
  for await (const r of stream) records.push(r);
  return { records, rejected: stream.rejected, stats: stream.stats };
}

/** Internal: in-memory rows (array, iterable or async iterable) → source rows indexed from 0. */
export async function* fromObjects(
  fn: string,
  input: Iterable<RawRecord> | AsyncIterable<RawRecord>,
): AsyncGenerator<SourceRow> {
  if (
    input === null ||
    typeof input !== 'object' ||
    (!(Symbol.iterator in input) && !(Symbol.asyncIterator in input))
  ) {
    const hint =
      typeof input === 'string' ? ' (file paths need the customer-analytics/node entry)' : '';
    throw new InvalidInputError(
      `${fn}: expected input an array or (async) iterable of row objects, received ${describe(input)}${hint}`,
      [{ field: 'input', code: 'invalid_type', message: 'expected rows', value: input }],
    );
  }
  let index = 0;
  for await (const record of input as AsyncIterable<RawRecord>) {
    const line = index++;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      const message = `${fn}: expected row an object, received ${describe(record)} (row ${line})`;
      yield {
        line,
        record: { value: record } as RawRecord,
        readIssues: [{ field: '(row)', code: 'not_object', message, value: record, line }],
      };
    } else yield { line, record };
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? JSON.stringify(v) : typeof v;
}

/** Internal: a record stream over in-memory rows, numbered from 0. */
export function memoryStream<T>(
  fn: string,
  input: Iterable<RawRecord> | AsyncIterable<RawRecord>,
  map: RowMapper<T>,
  options: CommonLoadOptions,
): RecordStream<T> {
  return streamRows(fn, () => fromObjects(fn, input), map, options, 'row');
}
