import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InvalidInputError } from '../../errors';
import type { SourceRow } from '../types';
import { delimited } from './csv';
import type { NeededColumn } from './header';
import { FILE_DEFAULTS, type FileReadOptions, inferFormat } from './options';
import { fail, type Plan } from './rows';
import { jsonArray, ndjson, whitespace } from './text';

/** A file path or a readable byte/text stream. */
export type FileInput = string | Readable;

/** Internal: is `input` something the Node loaders read as a file or stream? */
export function isFileInput(input: unknown): input is FileInput {
  return typeof input === 'string' || input instanceof Readable;
}

/**
 * Bytes per read (and per gunzipped chunk): each chunk is decoded and tokenized at once and its
 * rows mapped as one batch, 64 KiB measured fastest (larger chunks fall out of the CPU caches).
 */
const CHUNK_BYTES = 1 << 16;

/** Opens the input as a text stream (gunzipped when needed); errors propagate to readers. */
function open(input: FileInput, options: FileReadOptions): Readable {
  const gzip = options.gzip ?? (typeof input === 'string' ? inferFormat(input).gzip : false);
  const source =
    typeof input === 'string' ? createReadStream(input, { highWaterMark: CHUNK_BYTES }) : input;
  const out: Readable = gzip
    ? pipeline(source, createGunzip({ chunkSize: CHUNK_BYTES }), () => {})
    : source;
  out.setEncoding(options.encoding ?? FILE_DEFAULTS.encoding);
  return out;
}

/** Maps low-level I/O errors (missing file, corrupt gzip) to typed errors. */
function ioError(fn: string, input: FileInput, e: unknown): never {
  if (e instanceof InvalidInputError) throw e;
  const err = e as NodeJS.ErrnoException;
  const what = typeof input === 'string' ? JSON.stringify(input) : 'stream';
  if (err?.code === 'ENOENT') {
    fail(
      'input',
      'file_not_found',
      `${fn}: expected input an existing file, received ${what}`,
      input,
    );
  }
  if (err?.code === 'Z_DATA_ERROR' || err?.code === 'Z_BUF_ERROR') {
    fail(
      'input',
      'invalid_gzip',
      `${fn}: expected input valid gzip data, received ${what} (${err.message})`,
      input,
    );
  }
  throw e;
}

function badOption(fn: string, field: string, rule: string, value: unknown): never {
  fail(
    `options.${field}`,
    'invalid_option',
    `${fn}: expected options.${field} ${rule}, received ${value === undefined ? 'undefined' : JSON.stringify(value)}`,
    value,
  );
}

/** Throws on a file option of the wrong type or value, naming it. */
function checkFileOptions(fn: string, o: FileReadOptions): void {
  const { delimiter, header, names, duplicateColumns, gzip, encoding } = o;
  if (
    delimiter !== undefined &&
    (typeof delimiter !== 'string' || delimiter === '' || /[\r\n"]/.test(delimiter))
  ) {
    badOption(
      fn,
      'delimiter',
      "a non-empty string without quotes or line breaks, or 'whitespace'",
      delimiter,
    );
  }
  if (header !== undefined && typeof header !== 'boolean')
    badOption(fn, 'header', 'a boolean', header);
  if (
    names !== undefined &&
    (!Array.isArray(names) || !names.every((n) => typeof n === 'string' && n.trim() !== ''))
  ) {
    badOption(fn, 'names', 'an array of non-empty column names', names);
  }
  if (
    duplicateColumns !== undefined &&
    duplicateColumns !== 'error' &&
    duplicateColumns !== 'rename'
  ) {
    badOption(fn, 'duplicateColumns', "'error' or 'rename'", duplicateColumns);
  }
  if (gzip !== undefined && typeof gzip !== 'boolean') badOption(fn, 'gzip', 'a boolean', gzip);
  if (encoding !== undefined && !Buffer.isEncoding(encoding))
    badOption(fn, 'encoding', 'a Node.js text encoding', encoding);
}

/**
 * Internal: the rows of a file or stream, lazily (nothing is opened until iteration), and how
 * rows are numbered (physical lines, or 0-based elements for JSON arrays).
 */
export function readRows(
  fn: string,
  input: FileInput,
  options: FileReadOptions,
  needed: readonly NeededColumn[],
): { rows: () => AsyncGenerator<SourceRow[]>; unit: 'line' | 'row' } {
  checkFileOptions(fn, options);
  let format = options.format;
  if (options.delimiter === 'whitespace') format = 'whitespace';
  if (format === undefined) {
    if (typeof input === 'string') {
      format = inferFormat(input).format;
      if (format === undefined) {
        fail(
          'format',
          'invalid_option',
          `${fn}: expected a file name ending in .csv, .tsv, .txt, .json, .ndjson or .jsonl (optionally .gz), or options.format, received ${JSON.stringify(input)}`,
          input,
        );
      }
    } else format = FILE_DEFAULTS.streamFormat;
  }
  const plan: Plan = { fn, format, options, needed };
  const readers = { csv: delimited, tsv: delimited, whitespace, json: jsonArray, ndjson };
  const reader = Object.hasOwn(readers, format) ? readers[format] : undefined;
  if (reader === undefined) {
    fail(
      'format',
      'invalid_option',
      `${fn}: expected format csv, tsv, whitespace, json or ndjson, received ${JSON.stringify(format)}`,
      format,
    );
  }
  const rows = async function* () {
    const stream = open(input, options);
    try {
      yield* reader(plan, stream);
    } catch (e) {
      ioError(fn, input, e);
    } finally {
      if (typeof input === 'string') stream.destroy();
    }
  };
  return { rows, unit: format === 'json' ? 'row' : 'line' };
}
