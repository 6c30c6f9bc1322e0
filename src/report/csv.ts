/**
 * CSV export with RFC 4180 quoting and neutralization of spreadsheet formula injection.
 */
import { invalidInput } from '../errors';

/** A CSV cell value: numbers stay numbers, strings are neutralized, dates become ISO text. */
export type CsvValue = string | number | boolean | Date | null | undefined | readonly string[];

/** Options of {@link toCsv}. */
export interface ToCsvOptions {
  /** Line terminator; RFC 4180 uses CRLF. */
  eol?: '\r\n' | '\n';
  /** Separator joining the items of array cells (e.g. a list of reasons). */
  arraySeparator?: string;
}

/** Defaults of {@link toCsv}. */
export const TO_CSV_DEFAULTS: Required<ToCsvOptions> = { eol: '\r\n', arraySeparator: '; ' };

/** First characters that make a spreadsheet evaluate a text cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralizes one text cell against formula injection: a string starting with `=`, `+`, `-`,
 * `@`, tab or carriage return gets a leading apostrophe, which spreadsheets show as text.
 * Source: OWASP "CSV Injection". Numbers are not text and are never touched (so -3.5 stays a
 * number), only strings.
 *
 * @example
 * neutralizeFormula('=HYPERLINK("http://x")'); // => '\'=HYPERLINK("http://x")'
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Quotes a field when it holds a comma, a double quote, CR or LF (RFC 4180 §2.6–2.7). */
function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cell(value: unknown, column: string, row: number, sep: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw invalidInput('toCsv', column, 'to be a finite number', value, {
        code: 'not_finite',
        path: ['rows', row, column],
      });
    }
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw invalidInput('toCsv', column, 'to be a valid date', value, {
        code: 'invalid_date',
        path: ['rows', row, column],
      });
    }
    return value.toISOString();
  }
  if (typeof value === 'string') return quote(neutralizeFormula(value));
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return quote(neutralizeFormula(value.join(sep)));
  }
  throw invalidInput('toCsv', column, 'to be a string, number, boolean or Date', value, {
    code: 'invalid_type',
    path: ['rows', row, column],
  });
}

/**
 * Serializes rows to CSV text with a header line.
 *
 * Rules: fields containing `,`, `"`, CR or LF are double-quoted with inner quotes doubled
 * (RFC 4180 §2); text cells (and header names) starting with `=`, `+`, `-`, `@`, tab or CR get
 * a leading `'` (OWASP CSV injection); numbers are written with `String(n)` and never quoted or
 * prefixed; `null`/`undefined` become empty fields; dates are ISO 8601 UTC; arrays of strings
 * are joined with `arraySeparator`. Only own properties are read, so a column named
 * `__proto__` is an ordinary column. Every line, including the last, ends with `eol`.
 *
 * Complexity O(rows × columns).
 *
 * @param rows - Records to write; not mutated.
 * @param columns - Column order; default: the union of the rows' own keys in first-seen order.
 * @param options - See {@link ToCsvOptions}.
 * @returns The CSV text.
 * @throws InvalidInputError (`code: 'INVALID_INPUT'`) for a non-finite number, an invalid
 *   date or an object cell, naming the row index and column.
 * @example
 * toCsv([{ id: '=1+1', spend: -3.5, note: 'a,b' }]);
 * // => 'id,spend,note\r\n\'=1+1,-3.5,"a,b"\r\n'
 */
export function toCsv(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
  options: ToCsvOptions = {},
): string {
  const { eol, arraySeparator } = { ...TO_CSV_DEFAULTS, ...options };
  if (!Array.isArray(rows)) {
    throw invalidInput('toCsv', 'rows', 'to be an array', rows, { code: 'invalid_type' });
  }
  let cols: readonly string[];
  if (columns) {
    cols = columns;
  } else {
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
    cols = [...seen];
  }
  const lines: string[] = [cols.map((c) => quote(neutralizeFormula(c))).join(',')];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    lines.push(
      cols.map((c) => cell(Object.hasOwn(r, c) ? r[c] : undefined, c, i, arraySeparator)).join(','),
    );
  }
  return lines.join(eol) + eol;
}
