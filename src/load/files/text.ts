import type { Readable } from 'node:stream';
import type { RawRecord, SourceRow } from '../types';
import { FILE_DEFAULTS } from './options';
import { emptyFile, fail, headerNames, type Plan, row } from './rows';

/**
 * Splits a text stream into lines (`\n` or `\r\n`), one array of lines per chunk, without
 * holding more than one chunk.
 */
async function* lineBatches(stream: Readable): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    const out: string[] = [];
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      out.push(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    if (out.length > 0) yield out;
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

const SPACES = /\s+/;

/** Whitespace-aligned text: fields split on runs of spaces/tabs, leading spaces ignored. */
export async function* whitespace(plan: Plan, stream: Readable): AsyncGenerator<SourceRow[]> {
  const hasHeader = plan.options.header ?? FILE_DEFAULTS.header;
  let names: string[] | undefined;
  let line = 0;
  for await (const texts of lineBatches(stream)) {
    const out: SourceRow[] = [];
    for (let text of texts) {
      line++;
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const trimmed = text.trim();
      if (trimmed === '') continue;
      const fields = trimmed.split(SPACES);
      if (names === undefined) {
        if (hasHeader) {
          names = headerNames(plan, fields, fields.length, line);
          continue;
        }
        names = headerNames(plan, undefined, fields.length, line);
      }
      out.push(row(plan.fn, names, fields, line));
    }
    if (out.length > 0) yield out;
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
export async function* ndjson(plan: Plan, stream: Readable): AsyncGenerator<SourceRow[]> {
  let line = 0;
  for await (const texts of lineBatches(stream)) {
    const out: SourceRow[] = [];
    for (let text of texts) {
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
        out.push({
          line,
          record,
          readIssues: [{ field: '(row)', code: 'invalid_json', message, value: text, line }],
        });
        continue;
      }
      out.push(jsonRow(plan.fn, value, line, 'line'));
    }
    if (out.length > 0) yield out;
  }
}

/** Elements per batch of a JSON array. */
const JSON_BATCH = 1024;

/** A JSON array of objects. Read whole (JSON arrays cannot stream here): prefer NDJSON for big files. */
export async function* jsonArray(plan: Plan, stream: Readable): AsyncGenerator<SourceRow[]> {
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
  for (let start = 0; start < value.length; start += JSON_BATCH) {
    const out: SourceRow[] = [];
    const end = Math.min(value.length, start + JSON_BATCH);
    for (let i = start; i < end; i++) out.push(jsonRow(plan.fn, value[i], i, 'element'));
    yield out;
  }
}
