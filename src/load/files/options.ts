/** File formats the Node loaders read. */
export type FileFormat = 'csv' | 'tsv' | 'whitespace' | 'json' | 'ndjson';

/** Options for reading files and streams (Node entry), on top of the mapping options. */
export interface FileReadOptions {
  /**
   * File format. Default: from the file name (`.csv`; `.tsv`/`.tab`; `.txt`/`.dat` →
   * `'whitespace'`; `.json`; `.ndjson`/`.jsonl`; each optionally followed by `.gz`); `'csv'`
   * for streams.
   */
  format?: FileFormat;
  /**
   * Field delimiter for `csv` (default `,`) and `tsv` (default tab). `'whitespace'` means runs
   * of spaces/tabs with leading spaces ignored (same as `format: 'whitespace'`).
   */
  delimiter?: string;
  /** The first non-blank line holds column names. Default true. */
  header?: boolean;
  /**
   * Column names to use. With `header: false` they name the columns of every line; with
   * `header: true` they replace the file's header line. Without names and without a header,
   * columns are named by position: `'0'`, `'1'`, ….
   */
  names?: readonly string[];
  /** Duplicate header names: `'error'` (default) or `'rename'` (`x`, `x_2`, `x_3`, …). */
  duplicateColumns?: 'error' | 'rename';
  /** Input is gzip-compressed. Default: true when the path ends in `.gz`, false for streams. */
  gzip?: boolean;
  /** Text encoding. Default `'utf8'`. */
  encoding?: BufferEncoding;
}

/** Defaults of {@link FileReadOptions}. */
export const FILE_DEFAULTS = {
  header: true,
  duplicateColumns: 'error',
  encoding: 'utf8',
  streamFormat: 'csv',
} as const;

/** Infers the format and compression from a file name, or `undefined` when unknown. */
export function inferFormat(path: string): { format: FileFormat | undefined; gzip: boolean } {
  const lower = path.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  const ext = base.slice(base.lastIndexOf('.') + 1);
  const byExt: Record<string, FileFormat> = {
    csv: 'csv',
    tsv: 'tsv',
    tab: 'tsv',
    txt: 'whitespace',
    dat: 'whitespace',
    json: 'json',
    ndjson: 'ndjson',
    jsonl: 'ndjson',
  };
  return { format: Object.hasOwn(byExt, ext) ? byExt[ext] : undefined, gzip };
}
