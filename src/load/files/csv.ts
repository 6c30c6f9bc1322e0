import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { SourceRow } from '../types';
import { FILE_DEFAULTS } from './options';
import { emptyFile, fail, headerNames, type Plan, row } from './rows';

/** Delimited text (csv/tsv) through csv-parse, streaming. */
export async function* delimited(plan: Plan, stream: Readable): AsyncGenerator<SourceRow> {
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
