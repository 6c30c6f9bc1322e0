/**
 * Node-only parts of the load layer: the same loaders as the core, also reading file paths and
 * Readable streams (CSV, TSV, whitespace-aligned text, JSON arrays, NDJSON, gzip).
 * @packageDocumentation
 */
import type { Customer, Interaction, SurveyResponse, Transaction } from '../schema/index';
import { CUSTOMER_FIELDS, type CustomerLoadOptions, customerMapper } from './customers';
import { collect, fromObjects, type RowMapper, streamRows } from './engine';
import { neededColumns } from './fields';
import type { NeededColumn } from './files/header';
import type { FileReadOptions } from './files/options';
import { type FileInput, isFileInput, readRows } from './files/read';
import { INTERACTION_FIELDS, type InteractionLoadOptions, interactionMapper } from './interactions';
import { SURVEY_FIELDS, type SurveyLoadOptions, surveyMapper } from './surveys';
import { TRANSACTION_FIELDS, type TransactionLoadOptions, transactionMapper } from './transactions';
import type { CommonLoadOptions, LoadResult, RawRecord, RecordStream, SourceRow } from './types';

export type { FileFormat, FileReadOptions } from './files/options';
export type { FileInput } from './files/read';

/** Input of the Node loaders: a path, a Readable, or in-memory rows as in the core. */
export type LoadInput = FileInput | Iterable<RawRecord> | AsyncIterable<RawRecord>;

function sourceRows(
  fn: string,
  input: LoadInput,
  options: FileReadOptions,
  needed: readonly NeededColumn[],
): { rows: () => AsyncIterable<SourceRow[]>; unit: 'line' | 'row' } {
  if (isFileInput(input)) return readRows(fn, input, options, needed);
  return { rows: () => fromObjects(fn, input), unit: 'row' };
}

/** Options of the Node {@link loadTransactions}: mapping options plus file reading options. */
export interface TransactionFileOptions extends TransactionLoadOptions, FileReadOptions {}

/**
 * Streams transactions from a file, a Readable stream or in-memory rows, for callers who
 * aggregate as they read: the file is read chunk by chunk (64 KiB; never whole, except JSON
 * arrays), and only the records you keep stay in memory. `stats` and `rejected` are final when
 * the loop ends. Same options as {@link loadTransactions}. `stream.batches()` yields the same
 * records one array per chunk, without an `await` per record: the fast way to feed
 * `summarizeCustomers(stream.batches(), options)`. A stream is read once, either way.
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
 *
 * // Or, a chunk at a time:
 * const summary = await summarizeCustomers(
 *   streamTransactions('CDNOW_master.txt', { columns: { customerId: 'customer_id', amount: 'dollar_value' }, dateFormat: 'yyyyMMdd' }).batches(),
 *   { observationEnd: new Date('1997-09-30T00:00:00Z'), unit: 'week', collapse: 'day' },
 * );
 * summary.length; // 23570
 */
export function streamTransactions(
  input: LoadInput,
  options: TransactionFileOptions = {},
): RecordStream<Transaction> {
  const fn = 'loadTransactions';
  const map = transactionMapper(options);
  const needed = neededColumns(
    options.columns,
    TRANSACTION_FIELDS.required,
    TRANSACTION_FIELDS.optional,
  );
  const { rows, unit } = sourceRows(fn, input, options, needed);
  return streamRows(fn, rows, map, options, unit);
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

function loadWith<T>(
  fn: string,
  input: LoadInput,
  options: FileReadOptions & CommonLoadOptions,
  map: RowMapper<T>,
  needed: readonly NeededColumn[],
): Promise<LoadResult<T>> {
  const { rows, unit } = sourceRows(fn, input, options, needed);
  return collect(streamRows(fn, rows, map, options, unit));
}

/** Options of the Node {@link loadCustomers}. */
export interface CustomerFileOptions extends CustomerLoadOptions, FileReadOptions {}

/**
 * Loads customer master records from a file path, a Readable stream or in-memory rows. File
 * reading as in the Node `loadTransactions`; fields as in the core `loadCustomers`. Columns
 * named in `attributes` must exist in the header.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT`: see {@link streamTransactions}.
 * @example
 * const { records, stats } = await loadCustomers('telco-churn.csv', {
 *   columns: { customerId: 'customerID' },
 *   attributes: { contract: 'Contract', churn: 'Churn' },
 * });
 * stats.accepted; // 7043
 * records[0]; // { customerId: '7590-VHVEG', gender: 'female', attributes: { contract: 'Month-to-month', churn: 'No' } }
 */
export async function loadCustomers(
  input: LoadInput,
  options: CustomerFileOptions = {},
): Promise<LoadResult<Customer>> {
  const map = customerMapper(options);
  const needed = neededColumns(options.columns, CUSTOMER_FIELDS.required, CUSTOMER_FIELDS.optional);
  for (const [name, source] of Object.entries(options.attributes ?? {})) {
    if (typeof source !== 'function')
      needed.push({ field: `attributes.${name}`, column: String(source) });
  }
  return loadWith('loadCustomers', input, options, map, needed);
}

/** Options of the Node {@link loadInteractions}. */
export interface InteractionFileOptions extends InteractionLoadOptions, FileReadOptions {}

/**
 * Loads customer interactions from a file path, a Readable stream or in-memory rows. File
 * reading as in the Node `loadTransactions`; fields as in the core `loadInteractions`.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT`: see {@link streamTransactions}.
 * @example
 * // interactions.ndjson: {"customerId":"M1","date":"2024-05-01","kind":"visit"}
 * const { records } = await loadInteractions('interactions.ndjson');
 * records; // [{ customerId: 'M1', date: 2024-05-01T00:00:00.000Z, kind: 'visit' }]
 */
export async function loadInteractions(
  input: LoadInput,
  options: InteractionFileOptions = {},
): Promise<LoadResult<Interaction>> {
  const map = interactionMapper(options);
  const needed = neededColumns(
    options.columns,
    INTERACTION_FIELDS.required,
    INTERACTION_FIELDS.optional,
  );
  return loadWith('loadInteractions', input, options, map, needed);
}

/** Options of the Node {@link loadSurveyResponses}. */
export interface SurveyFileOptions extends SurveyLoadOptions, FileReadOptions {}

/**
 * Loads survey responses from a file path, a Readable stream or in-memory rows. File reading
 * as in the Node `loadTransactions`; long and wide forms as in the core `loadSurveyResponses`.
 * In wide form every `questions` column must exist in the header.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT`: see {@link streamTransactions}.
 * @example
 * const { records, stats } = await loadSurveyResponses('airline_passenger_satisfaction.csv.gz', {
 *   columns: { customerId: 'ID' },
 *   kind: 'csat',
 *   scale: { min: 1, max: 5 },
 *   questions: ['Seat Comfort', 'Cleanliness'],
 *   notApplicable: [0],
 * });
 * stats.read; // 129880
 */
export async function loadSurveyResponses(
  input: LoadInput,
  options: SurveyFileOptions = {},
): Promise<LoadResult<SurveyResponse>> {
  const map = surveyMapper(options);
  const wide = options.questions !== undefined;
  const needed = neededColumns(
    options.columns,
    [...(wide ? [] : SURVEY_FIELDS.required), ...(options.kind === undefined ? ['kind'] : [])],
    SURVEY_FIELDS.optional.filter((f) => f !== 'kind' && !(wide && f === 'question')),
  );
  for (const q of options.questions ?? []) needed.push({ field: q, column: q });
  return loadWith('loadSurveyResponses', input, options, map, needed);
}
