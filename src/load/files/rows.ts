import { InvalidInputError, type Issue } from '../../errors';
import type { SourceRow } from '../types';
import { checkColumns, type NeededColumn, resolveHeader } from './header';
import { FILE_DEFAULTS, type FileFormat, type FileReadOptions } from './options';

/** Internal: what a reader needs to know: loader name, format, options, needed columns. */
export interface Plan {
  fn: string;
  format: FileFormat;
  options: FileReadOptions;
  needed: readonly NeededColumn[];
}

/** Internal: throws an `InvalidInputError` with one issue. */
export function fail(
  field: string,
  code: string,
  message: string,
  value?: unknown,
  line?: number,
): never {
  const issue: Issue = { field, code, message, value };
  if (line !== undefined) issue.line = line;
  throw new InvalidInputError(message, [issue]);
}

/** Internal: the column names of a file: `names`, the header line, or positions; checked. */
export function headerNames(
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

/** Internal: a header was expected but the file had no non-blank line. */
export function emptyFile(fn: string): never {
  fail('(file)', 'empty_file', `${fn}: expected a header line, received an empty file`, '');
}

/** Internal: a source row from one line's fields; a wrong field count makes it a rejected row. */
export function row(
  fn: string,
  names: readonly string[],
  values: readonly string[],
  line: number,
): SourceRow {
  if (values.length === names.length) return { line, values, names };
  return { line, values, names, readIssues: [countIssue(fn, names.length, values.length, line)] };
}
