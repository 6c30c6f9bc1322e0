import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { InvalidInputError, type Issue } from '../../errors';
import type { RawRecord, SourceRow } from '../types';
import { checkColumns, makeRecord, type NeededColumn, resolveHeader } from './header';
import { FILE_DEFAULTS, type FileFormat, type FileReadOptions, inferFormat } from './options';

/** A file path or a readable byte/text stream. */
export type FileInput = string | Readable;

/** Internal: is `input` something the Node loaders read as a file or stream? */
export function isFileInput(input: unknown): input is FileInput {
  return typeof input === 'string' || input instanceof Readable;
}

interface Plan {
  fn: string;
  format: FileFormat;
  options: FileReadOptions;
  needed: readonly NeededColumn[];
}

function fail(field: string, code: string, message: string, value?: unknown, line?: number): never {
  const issue: Issue = { field, code, message, value };
  if (line !== undefined) issue.line = line;
  throw new InvalidInputError(message, [issue]);
}

/** Opens the input as a text stream (gunzipped when needed); errors propagate to readers. */
function open(input: FileInput, options: FileReadOptions): Readable {
  const gzip = options.gzip ?? (typeof input === 'string' ? inferFormat(input).gzip : false);
  const source = typeof input === 'string' ? createReadStream(input) : input;
  const out: Readable = gzip ? pipeline(source, createGunzip(), () => {}) : source;
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

/** Splits a text stream into lines (`\n` or `\r\n`), without holding more than one chunk. */
async function* lines(stream: Readable): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      yield text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

function headerNames(
  plan: Plan,
  fileHeader: readonly string[] | undefined,
  width: number,
  line: number,
): string[] {
  const { fn, options } = plan;
  let names: readonly string[];
  if (options.names !== undefined) names = options.names;
  else if (fileHeader !== undefined) names = fileHeader;
  else names = Array.from({ length: width }, (_, i) => String(i));
  const resolved = resolveHeader(
    fn,
    names,
    options.duplicateColumns ?? FILE_DEFAULTS.duplicateColumns,
    line,
  );
  checkColumns(fn, resolved, plan.needed, line);
  return resolved;
}

function countIssue(fn: string, expected: number, received: number, line: number): Issue {
  const message = `${fn}: expected ${expected} fields, received ${received} (line ${line})`;
  return { field: '(row)', code: 'column_count', message, value: received, line };
}

/** Delimited text (csv/tsv) through csv-parse, streaming. */
async function* delimited(plan: Plan, stream: Readable): AsyncGenerator<SourceRow> {
  const { fn, options } = plan;
  const delimiter = options.delimiter ?? (plan.format === 'tsv' ? '\t' : ',');
  // Line numbers are counted here rather than with csv-parse's `info`/`on_record`, which copy an
  // info object per record (a third of the parse time): blank lines come through as [''] and
  // are skipped, and a record spans 1 + (newlines inside its fields) physical lines.
  const parser = stream.pipe(
    parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true }),
  );
  stream.on('error', (e) => parser.destroy(e));
  const hasHeader = options.header ?? FILE_DEFAULTS.header;
  let names: string[] | undefined;
  let nextLine = 1;
  let lastLine = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      nextLine++;
      for (const f of record) {
        let i = f.indexOf('\n');
        while (i !== -1) {
          nextLine++;
          i = f.indexOf('\n', i + 1);
        }
      }
      if (record.length === 1 && record[0]!.trim() === '') continue;
      lastLine = nextLine - 1;
      if (names === undefined) {
        if (hasHeader) {
          names = headerNames(plan, record, record.length, line);
          continue;
        }
        names = headerNames(plan, undefined, record.length, line);
      }
      yield row(fn, names, record, line);
    }
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    if (err?.code === 'CSV_QUOTE_NOT_CLOSED') {
      const message = `${fn}: expected a closing quote for the quoted field starting after line ${lastLine}, received end of input at line ${err.lines}`;
      fail('(file)', 'unterminated_quote', message, undefined, lastLine + 1);
    }
    if (typeof err?.code === 'string' && err.code.startsWith('CSV_')) {
      fail(
        '(file)',
        'invalid_csv',
        `${fn}: expected valid CSV, received ${(e as Error).message}`,
        undefined,
        err.lines,
      );
    }
    throw e;
  }
  if (names === undefined && hasHeader) emptyFile(fn);
}

function emptyFile(fn: string): never {
  fail('(file)', 'empty_file', `${fn}: expected a header line, received an empty file`, '');
}

function row(
  fn: string,
  names: readonly string[],
  values: readonly string[],
  line: number,
): SourceRow {
  const record = makeRecord(names, values);
  if (values.length === names.length) return { line, record };
  return { line, record, readIssues: [countIssue(fn, names.length, values.length, line)] };
}

/** Whitespace-aligned text: fields split on runs of spaces/tabs, leading spaces ignored. */
async function* whitespace(plan: Plan, stream: Readable): AsyncGenerator<SourceRow> {
  const hasHeader = plan.options.header ?? FILE_DEFAULTS.header;
  let names: string[] | undefined;
  let line = 0;
  for await (let text of lines(stream)) {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const trimmed = text.trim();
    if (trimmed === '') continue;
    const fields = trimmed.split(/\s+/);
    if (names === undefined) {
      if (hasHeader) {
        names = headerNames(plan, fields, fields.length, line);
        continue;
      }
      names = headerNames(plan, undefined, fields.length, line);
    }
    yield row(plan.fn, names, fields, line);
  }
  if (names === undefined && hasHeader) emptyFile(plan.fn);
}

function jsonRow(fn: string, value: unknown, line: number, unit: 'line' | 'element'): SourceRow {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { line, record: value as RawRecord };
  }
  const received =
    value === null ? 'null' : Array.isArray(value) ? 'an array' : JSON.stringify(value);
  const message = `${fn}: expected ${unit === 'line' ? 'each line' : 'each element'} a JSON object, received ${received} (${unit === 'line' ? 'line' : 'element'} ${line})`;
  const record: RawRecord = Object.create(null);
  record.value = value;
  return {
    line,
    record,
    readIssues: [{ field: '(row)', code: 'not_object', message, value, line }],
  };
}

/** Newline-delimited JSON: one object per non-blank line; a bad line is a rejected row. */
async function* ndjson(plan: Plan, stream: Readable): AsyncGenerator<SourceRow> {
  let line = 0;
  for await (let text of lines(stream)) {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const message = `${plan.fn}: expected valid JSON, received ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)} (line ${line}: ${(e as Error).message})`;
      const record: RawRecord = Object.create(null);
      record.text = text;
      yield {
        line,
        record,
        readIssues: [{ field: '(row)', code: 'invalid_json', message, value: text, line }],
      };
      continue;
    }
    yield jsonRow(plan.fn, value, line, 'line');
  }
}

/** A JSON array of objects. Read whole (JSON arrays cannot stream here): prefer NDJSON for big files. */
async function* jsonArray(plan: Plan, stream: Readable): AsyncGenerator<SourceRow> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<string>) text += chunk;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    fail(
      '(file)',
      'invalid_json',
      `${plan.fn}: expected a JSON array, received invalid JSON (${(e as Error).message})`,
    );
  }
  if (!Array.isArray(value)) {
    fail(
      '(file)',
      'invalid_json',
      `${plan.fn}: expected a JSON array of objects, received ${value === null ? 'null' : typeof value}`,
    );
  }
  text = '';
  for (let i = 0; i < value.length; i++) yield jsonRow(plan.fn, value[i], i, 'element');
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
): { rows: () => AsyncGenerator<SourceRow>; unit: 'line' | 'row' } {
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
