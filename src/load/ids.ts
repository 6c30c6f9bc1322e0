import { invalidInput } from '../errors';
import { INVALID } from './numbers';
import type { IdNormalization } from './types';

const INTEGER_TEXT = /^(\d+)(?:\.0*)?$/;

/** Internal: id coercion; `undefined` when blank, {@link INVALID} when not normalizable. */
export function toId(value: unknown, mode: IdNormalization): string | undefined | typeof INVALID {
  let s: string;
  if (typeof value === 'string') s = value.trim();
  else if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isFinite(value)) return INVALID;
    s = String(value);
  } else if (value === undefined || value === null) return undefined;
  else return INVALID;
  if (s === '') return undefined;
  if (mode === 'trim') return s;
  if (mode === 'numeric') {
    const m = INTEGER_TEXT.exec(s);
    if (m === null) return INVALID;
    const digits = m[1]!.replace(/^0+(?=\d)/, '');
    return digits;
  }
  const out = mode(s);
  return typeof out === 'string' && out.trim() !== '' ? out : INVALID;
}

/** Internal: the rule text used in id issues. */
export function idRule(mode: IdNormalization): string {
  return mode === 'numeric' ? 'an integer id (e.g. 17850 or 17850.0)' : 'a non-empty id';
}

/**
 * Normalizes a customer (or order) id so that the same customer always gets the same key.
 *
 * - `'trim'` (default): surrounding white space removed; `00001` stays `00001`.
 * - `'numeric'`: canonical integer text, for ids exported as floats or zero-padded:
 *   `17850.0` → `17850`, `00042` → `42`. Anything else (`C123`, `1.5`) is invalid.
 * - a function: applied to the trimmed text; it must return non-empty text.
 *
 * @returns The normalized id, or `undefined` when the value is blank.
 * @throws {InvalidInputError} code `INVALID_INPUT` when the value cannot be normalized.
 * @example
 * normalizeId(' 17850.0 ', 'numeric'); // '17850'
 * normalizeId(' 00001 '); // '00001'
 */
export function normalizeId(value: unknown, mode: IdNormalization = 'trim'): string | undefined {
  const id = toId(value, mode);
  if (id === INVALID) {
    throw invalidInput('normalizeId', 'id', idRule(mode), value, { code: 'invalid_id' });
  }
  return id;
}
