import { invalidInput } from '../errors';

/** Marker returned by the internal coercers for a value that is present but invalid. */
export const INVALID: unique symbol = Symbol('invalid');

const PLAIN = /^-?\d+(?:\.\d+)?$/;
const DOT_DECIMAL = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^(?:\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+)?(?:,\d+)?$/;
/** sign, currency, sign, body, currency (each optional but the body). */
const AFFIXES = /^([+\-\u2212]?)\s*([$£€¥]?)\s*([+\-\u2212]?)\s*(.*?)\s*([$£€¥]?)$/;

/** 10^k for k = 0..22, all exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `Number(s)` for text matching `/^-?\d+(?:\.\d+)?$/` with at most 15 digits, else NaN (the
 * caller then takes the general path). With m the digits as an integer (exact below 2^53) and
 * k the fraction digits, m / 10^k is one correctly rounded division of exact doubles, so it is
 * the double nearest the decimal, as `Number` gives (Clinger 1990, "How to read floating
 * point numbers accurately", the fast path). A property test compares it with `Number`.
 */
export function plainDecimal(s: string): number {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (n > 0 && s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  const start = i;
  let m = 0;
  while (i < n) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    i++;
  }
  const intDigits = i - start;
  if (intDigits === 0) return Number.NaN;
  let k = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46) return Number.NaN;
    i++;
    while (i < n) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      m = m * 10 + d;
      i++;
      k++;
    }
    if (k === 0) return Number.NaN;
  }
  if (intDigits + k > 15) return Number.NaN;
  const v = k === 0 ? m : m / POW10[k]!;
  return negative ? -v : v;
}

/** Options of {@link parseNumber}. */
export interface ParseNumberOptions {
  /** Decimal mark. `'.'` (default): `,` groups thousands. `','`: `.`, space or NBSP group thousands. */
  decimal?: '.' | ',';
}

const DEFAULTS = { decimal: '.' } as const satisfies Required<ParseNumberOptions>;

/**
 * Internal: text or number → finite number, `undefined` when blank, {@link INVALID} otherwise.
 */
export function toNumber(value: unknown, decimal: '.' | ','): number | undefined | typeof INVALID {
  if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return INVALID;
  if (decimal === '.') {
    const fast = plainDecimal(value);
    if (!Number.isNaN(fast)) return fast;
  }
  let s = value.trim();
  if (s === '') return undefined;
  if (decimal === '.' && PLAIN.test(s)) return Number(s);
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const m = AFFIXES.exec(s);
  if (m === null) return INVALID;
  const [, sign1, cur1, sign2, body, cur2] = m as unknown as string[];
  if ((sign1 && sign2) || (cur1 && cur2) || (negative && (sign1 || sign2))) return INVALID;
  const sign = sign1 || sign2;
  if (sign === '-' || sign === '\u2212') negative = true;
  s = body ?? '';
  if (s === '' || s === '.' || s === ',') return INVALID;
  let normalized: string;
  if (decimal === '.') {
    if (!DOT_DECIMAL.test(s)) return INVALID;
    normalized = s.replaceAll(',', '');
  } else {
    if (!COMMA_DECIMAL.test(s)) return INVALID;
    normalized = s.replace(/[. \u00a0\u202f]/g, '').replace(',', '.');
  }
  const n = Number(normalized);
  if (!Number.isFinite(n)) return INVALID;
  return negative ? -n : n;
}

/**
 * Parses a number written as text the way spreadsheets and exports write them.
 *
 * Accepts a sign (`-`, `+`, `−`) or accounting parentheses (`(12.50)` = −12.5), one currency
 * symbol (`$ £ € ¥`) before or after, thousands separators in groups of three (`1,234.5`; with
 * `decimal: ','`: `1.234,5`, `1 234,5`) and, with `.` decimals, an exponent (`1e3`). Rejects
 * `NaN`, `Infinity`, badly grouped separators (`1,23.4`) and anything else. Blank text is
 * missing, not zero.
 *
 * @param value - Text (or an already finite number, returned as is).
 * @returns The number, or `undefined` when the value is blank (`''`, spaces, null, undefined).
 * @throws {InvalidInputError} code `INVALID_INPUT` when the value is present but not a finite number.
 * @example
 * parseNumber('$1,234.50'); // 1234.5
 * parseNumber('1.234,50 €', { decimal: ',' }); // 1234.5
 * parseNumber('(12.00)'); // -12
 * parseNumber(' '); // undefined
 */
export function parseNumber(value: unknown, options: ParseNumberOptions = {}): number | undefined {
  const decimal = options.decimal ?? DEFAULTS.decimal;
  const n = toNumber(value, decimal);
  if (n === INVALID) {
    throw invalidInput('parseNumber', 'value', 'a finite number', value, {
      code: 'invalid_number',
    });
  }
  return n;
}

/** Internal: the rule text used in number issues. */
export function numberRule(decimal: '.' | ','): string {
  return decimal === '.' ? 'a finite number' : 'a finite number with decimal comma';
}
