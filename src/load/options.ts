import { invalidInput } from '../errors';
import type { CommonLoadOptions } from './types';

function bad(fn: string, field: string, rule: string, value: unknown): never {
  throw invalidInput(fn, `options.${field}`, rule, value, { code: 'invalid_option' });
}

/**
 * Internal: checks the options every loader shares, and that `columns` only names fields of
 * the record (a typo such as `customerID` would otherwise silently fall back to the default
 * column). Throws `InvalidInputError` with code `invalid_option` in its issue.
 */
export function checkCommonOptions(
  fn: string,
  options: CommonLoadOptions & { columns?: object },
  fields: readonly string[],
): void {
  if (options === null || typeof options !== 'object') bad(fn, '', 'an options object', options);
  const { decimal, onError, normalizeId, dedupe, columns } = options;
  if (decimal !== undefined && decimal !== '.' && decimal !== ',')
    bad(fn, 'decimal', "'.' or ','", decimal);
  if (onError !== undefined && onError !== 'collect' && onError !== 'throw') {
    bad(fn, 'onError', "'collect' or 'throw'", onError);
  }
  if (
    normalizeId !== undefined &&
    normalizeId !== 'trim' &&
    normalizeId !== 'numeric' &&
    typeof normalizeId !== 'function'
  ) {
    bad(fn, 'normalizeId', "'trim', 'numeric' or a function", normalizeId);
  }
  if (dedupe !== undefined && typeof dedupe !== 'boolean') bad(fn, 'dedupe', 'a boolean', dedupe);
  if (columns !== undefined) {
    if (columns === null || typeof columns !== 'object') bad(fn, 'columns', 'an object', columns);
    for (const [field, source] of Object.entries(columns)) {
      if (!fields.includes(field)) bad(fn, 'columns', `keys among ${fields.join(', ')}`, field);
      const ok =
        source === undefined ||
        typeof source === 'function' ||
        (typeof source === 'string' && source !== '') ||
        (typeof source === 'number' && Number.isInteger(source) && source >= 0);
      if (!ok) bad(fn, `columns.${field}`, 'a column name, a position or a function', source);
    }
  }
}
