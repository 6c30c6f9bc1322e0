import { InvalidInputError } from '../errors';
import { makeRecord, RowContext } from './fields';
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

/** Internal: the raw record of `row`, built once from its fields when it has none. */
export function recordOf(row: SourceRow): RawRecord {
  return row.record ?? makeRecord(row.names ?? [], row.values ?? []);
}

/** The row object mappers get for text lines: they read fields through `ctx`. */
const NO_RECORD: RawRecord = Object.freeze(Object.create(null));

/** Internal: what a reader yields: rows in batches (a chunk of input each). */
export type SourceBatches = AsyncIterable<readonly SourceRow[]>;

/**
 * Internal: the engine every loader runs. Reads `rows` batch by batch, removes duplicates when
 * asked, maps and validates each row synchronously, and keeps the accounting
 * `read = accepted + rejected + duplicates`. Records come out in batches (`batches()`) or one
 * by one (iterating the stream), both from the same single pass.
 */
export function streamRows<T>(
  fn: string,
  rows: SourceBatches | (() => SourceBatches),
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

  /** Maps one row, pushing its records to `out`. */
  function one(src: SourceRow, out: T[]): void {
    stats.read++;
    if (seen !== undefined) {
      const key = rowKey(recordOf(src));
      if (seen.has(key)) {
        stats.duplicates++;
        return;
      }
      seen.add(key);
    }
    ctx.reset(src);
    const readIssues = src.readIssues;
    let result: T[] | T | undefined;
    if (readIssues !== undefined && readIssues.length > 0) ctx.issues.push(...readIssues);
    else result = map(src.record ?? NO_RECORD, ctx);
    if (ctx.issues.length > 0) {
      if (onError === 'throw') {
        throw new InvalidInputError(ctx.issues[0]!.message, ctx.issues);
      }
      stats.rejected++;
      rejected.push({ line: src.line, record: ctx.keptRecord(), issues: ctx.issues });
      return;
    }
    stats.accepted++;
    if (ctx.notApplicable > 0) stats.notApplicable = (stats.notApplicable ?? 0) + ctx.notApplicable;
    if (Array.isArray(result)) for (const r of result) out.push(r);
    else if (result !== undefined) out.push(result);
  }

  async function* generate(): AsyncGenerator<T[]> {
    const source = typeof rows === 'function' ? rows() : rows;
    for await (const batch of source) {
      const out: T[] = [];
      try {
        for (let k = 0; k < batch.length; k++) one(batch[k]!, out);
      } catch (e) {
        // Records accepted before the error still reach the caller, as row by row.
        if (out.length > 0) yield out;
        throw e;
      }
      if (out.length > 0) yield out;
    }
  }

  function start(): AsyncGenerator<T[]> {
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
  }

  return {
    stats,
    rejected,
    batches: () => ({ [Symbol.asyncIterator]: start }),
    [Symbol.asyncIterator]: () => unbatch(start()),
  };
}

/** Internal: one record per `next()` from a batch iterator, without an async generator. */
function unbatch<T>(it: AsyncGenerator<T[]>): AsyncIterableIterator<T> {
  let buffer: T[] = [];
  let i = 0;
  const self: AsyncIterableIterator<T> = {
    next(): Promise<IteratorResult<T>> {
      if (i < buffer.length) return Promise.resolve({ done: false, value: buffer[i++]! });
      return it.next().then((r) => {
        if (r.done) return { done: true, value: undefined };
        buffer = r.value;
        i = 0;
        return self.next();
      });
    },
    async return(): Promise<IteratorResult<T>> {
      buffer = [];
      await it.return([]);
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return self;
    },
  };
  return self;
}

/** Internal: drains a record stream into a {@link LoadResult}. */
export async function collect<T>(stream: RecordStream<T>): Promise<LoadResult<T>> {
  const records: T[] = [];
  for await (const batch of stream.batches()) for (const r of batch) records.push(r);
  return { records, rejected: stream.rejected, stats: stream.stats };
}

/** Rows per batch read from an in-memory (sync) iterable. */
const MEMORY_BATCH = 1024;

/**
 * Internal: in-memory rows (array, iterable or async iterable) → source rows indexed from 0, in
 * batches (sync iterables) or one row per batch (async iterables, read as they come).
 */
export async function* fromObjects(
  fn: string,
  input: Iterable<RawRecord> | AsyncIterable<RawRecord>,
): AsyncGenerator<SourceRow[]> {
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
  if (Symbol.asyncIterator in input) {
    for await (const record of input) yield [objectRow(fn, record, index++)];
    return;
  }
  let batch: SourceRow[] = [];
  try {
    for (const record of input) {
      batch.push(objectRow(fn, record, index++));
      if (batch.length === MEMORY_BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    // An iterable that throws: the rows before the error are still read, as row by row.
    if (batch.length > 0) yield batch;
    throw e;
  }
  if (batch.length > 0) yield batch;
}

function objectRow(fn: string, record: unknown, line: number): SourceRow {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    const message = `${fn}: expected row an object, received ${describe(record)} (row ${line})`;
    return {
      line,
      record: { value: record } as RawRecord,
      readIssues: [{ field: '(row)', code: 'not_object', message, value: record, line }],
    };
  }
  return { line, record: record as RawRecord };
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
