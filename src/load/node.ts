/**
 * Node-only parts of the load layer: the same loaders as the core, also reading file paths and
 * Readable streams (CSV, TSV, whitespace-aligned text, JSON arrays, NDJSON, gzip).
 * @packageDocumentation
 */
import type { Transaction } from '../schema/index';
import { collect, fromObjects, streamRows } from './engine';
import { neededColumns } from './fields';
import type { NeededColumn } from './files/header';
import type { FileReadOptions } from './files/options';
import { type FileInput, isFileInput, readRows } from './files/read';
import { TRANSACTION_FIELDS, type TransactionLoadOptions, transactionMapper } from './transactions';
import type { LoadResult, RawRecord, RecordStream, SourceRow } from './types';

export type { FileFormat, FileReadOptions } from './files/options';
export type { FileInput } from './files/read';

/** Input of the Node loaders: a path, a Readable, or in-memory rows as in the core. */
export type LoadInput = FileInput | Iterable<RawRecord> | AsyncIterable<RawRecord>;

function sourceRows(
  fn: string,
  input: LoadInput,
  options: FileReadOptions,
  needed: readonly NeededColumn[],
): { rows: () => AsyncIterable<SourceRow>; unit: 'line' | 'row' } {
  if (isFileInput(input)) return readRows(fn, input, options, needed);
  return { rows: () => fromObjects(fn, input), unit: 'row' };
}

/** Options of the Node {@link loadTransactions}: mapping options plus file reading options. */
export interface TransactionFileOptions extends TransactionLoadOptions, FileReadOptions {}

/**
 * Streams transactions from a file, a Readable stream or in-memory rows, for callers who
 * aggregate as they read: the file is read chunk by chunk (never whole, except JSON arrays),
 * and only the records you keep stay in memory. `stats` and `rejected` are final when the
 * loop ends. Same options as {@link loadTransactions}.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` while iterating: missing file, unknown
 *   format, empty file, a header without a needed column, duplicate header names, an
 *   unterminated quote, corrupt gzip, or (with `onError: 'throw'`) the first bad row.
 * @example
 * const stream = streamTransactions('CDNOW_master.txt', {
 *   columns: { customerId: 'customer_id', amount: 'dollar_value' },
 *   dateFormat: 'yyyyMMdd',
 * });
 * const spend = new Map<string, number>();
 * for await (const t of stream) spend.set(t.customerId, (spend.get(t.customerId) ?? 0) + t.amount);
 * spend.size; // 23570
 * stream.stats; // { read: 69659, accepted: 69659, rejected: 0, duplicates: 0 }
 */
export function streamTransactions(
  input: LoadInput,
  options: TransactionFileOptions = {},
): RecordStream<Transaction> {
  const fn = 'loadTransactions';
  const needed = neededColumns(
    options.columns,
    TRANSACTION_FIELDS.required,
    TRANSACTION_FIELDS.optional,
  );
  const { rows, unit } = sourceRows(fn, input, options, needed);
  return streamRows(fn, rows, transactionMapper(options), options, unit);
}

/**
 * Loads and validates transactions from a file path, a Readable stream or in-memory rows.
 *
 * Files: CSV, TSV, whitespace-aligned text (`delimiter: 'whitespace'`), JSON arrays, NDJSON,
 * each optionally gzip-compressed (`.gz`); the format comes from the extension unless
 * `format` is given. Line numbers in `rejected` are 1-based physical lines (the header is
 * line 1). See the core `loadTransactions` for fields, parsing and row accounting.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT`: see {@link streamTransactions}.
 * @example
 * const { records, stats } = await loadTransactions('CDNOW_master.txt', {
 *   columns: { customerId: 'customer_id', amount: 'dollar_value', quantity: 'number_of_cds' },
 *   dateFormat: 'yyyyMMdd',
 * });
 * stats; // { read: 69659, accepted: 69659, rejected: 0, duplicates: 0 }
 * records[0]; // { customerId: '00001', date: 1997-01-01T00:00:00.000Z, amount: 11.77, quantity: 1, kind: 'purchase' }
 */
export async function loadTransactions(
  input: LoadInput,
  options: TransactionFileOptions = {},
): Promise<LoadResult<Transaction>> {
  return collect(streamTransactions(input, options));
}
