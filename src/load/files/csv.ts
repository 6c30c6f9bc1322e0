import type { Readable } from 'node:stream';
import type { SourceRow } from '../types';
import { FILE_DEFAULTS } from './options';
import { emptyFile, fail, headerNames, type Plan, row } from './rows';
import { type CsvRecord, CsvTokenizer, UnterminatedQuote } from './tokenizer';

/**
 * Delimited text (csv/tsv), streaming: each decoded chunk is tokenized synchronously and its
 * rows handed on as one batch. Line numbers are physical lines: a record spans
 * 1 + (newlines inside its fields) lines, and blank lines (`['']`) are counted but skipped.
 */
export async function* delimited(plan: Plan, stream: Readable): AsyncGenerator<SourceRow[]> {
  const { fn, options } = plan;
  const delimiter = options.delimiter ?? (plan.format === 'tsv' ? '\t' : ',');
  const tokenizer = new CsvTokenizer(delimiter);
  const hasHeader = options.header ?? FILE_DEFAULTS.header;
  let names: string[] | undefined;
  let nextLine = 1;
  let lastLine = 0;
  let records: CsvRecord[] = [];

  function rows(): SourceRow[] {
    const out: SourceRow[] = [];
    for (let k = 0; k < records.length; k++) {
      const { fields, newlines } = records[k]!;
      const line = nextLine;
      nextLine += 1 + newlines;
      if (fields.length === 1 && fields[0]!.trim() === '') continue;
      lastLine = nextLine - 1;
      if (names === undefined) {
        if (hasHeader) {
          names = headerNames(plan, fields, fields.length, line);
          continue;
        }
        names = headerNames(plan, undefined, fields.length, line);
      }
      out.push(row(fn, names, fields, line));
    }
    records = [];
    return out;
  }

  for await (const chunk of stream as AsyncIterable<string>) {
    tokenizer.push(chunk, records);
    const batch = rows();
    if (batch.length > 0) yield batch;
  }
  let unterminated: UnterminatedQuote | undefined;
  try {
    tokenizer.end(records);
  } catch (e) {
    if (!(e instanceof UnterminatedQuote)) throw e;
    unterminated = e;
  }
  const batch = rows();
  if (batch.length > 0) yield batch;
  if (unterminated !== undefined) {
    const message = `${fn}: expected a closing quote for the quoted field starting after line ${lastLine}, received end of input at line ${unterminated.lines}`;
    fail('(file)', 'unterminated_quote', message, undefined, lastLine + 1);
  }
  if (names === undefined && hasHeader) emptyFile(fn);
}
