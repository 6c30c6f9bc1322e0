import { InvalidInputError } from '../../errors';

export { makeRecord } from '../fields';

/** A column a mapping needs, checked against the header before any row is read. */
export interface NeededColumn {
  field: string;
  column: string;
}

/**
 * Internal: resolves duplicate header names. `'error'` (default) throws naming both
 * positions; `'rename'` keeps the first and suffixes later ones `name_2`, `name_3`, … (skipping
 * suffixes already taken).
 */
export function resolveHeader(
  fn: string,
  names: readonly string[],
  duplicates: 'error' | 'rename',
  line: number,
): string[] {
  const out: string[] = [];
  const firstAt = new Map<string, number>();
  const taken = new Set(names);
  names.forEach((raw, i) => {
    const name = raw.trim();
    const first = firstAt.get(name);
    if (first === undefined) {
      firstAt.set(name, i);
      out.push(name);
      return;
    }
    if (duplicates === 'error') {
      const message = `${fn}: expected unique column names, received ${JSON.stringify(name)} at columns ${first + 1} and ${i + 1} (line ${line}); pass duplicateColumns: 'rename' to load it as ${JSON.stringify(`${name}_2`)}`;
      throw new InvalidInputError(message, [
        { field: name, code: 'duplicate_column', message, value: name, line },
      ]);
    }
    let k = 2;
    while (taken.has(`${name}_${k}`)) k++;
    const renamed = `${name}_${k}`;
    taken.add(renamed);
    out.push(renamed);
  });
  return out;
}

/** Internal: throws when a needed column is absent from the header (wrong delimiter, typo). */
export function checkColumns(
  fn: string,
  header: readonly string[],
  needed: readonly NeededColumn[],
  line: number,
): void {
  const have = new Set(header);
  const missing = needed.filter((n) => !have.has(n.column));
  if (missing.length === 0) return;
  const shown = header.length > 12 ? [...header.slice(0, 12), '…'] : header;
  const list = missing.map((m) => `column ${JSON.stringify(m.column)} (for ${m.field})`).join(', ');
  const hint =
    header.length === 1
      ? '; the header has a single column: is the delimiter or format right?'
      : '; map fields to existing columns with options.columns';
  const message = `${fn}: expected ${list} in the header, received columns ${JSON.stringify(shown)} (line ${line})${hint}`;
  throw new InvalidInputError(
    message,
    missing.map((m) => ({
      field: m.field,
      code: 'missing_column',
      message,
      value: m.column,
      line,
    })),
  );
}
