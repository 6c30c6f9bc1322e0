import type { Gender } from '../schema/index';

const GENDER_LABELS: ReadonlyMap<string, Gender> = new Map([
  ['f', 'female'],
  ['female', 'female'],
  ['woman', 'female'],
  ['w', 'female'],
  ['女', 'female'],
  ['女性', 'female'],
  ['m', 'male'],
  ['male', 'male'],
  ['man', 'male'],
  ['男', 'male'],
  ['男性', 'male'],
  ['other', 'other'],
  ['non-binary', 'other'],
  ['nonbinary', 'other'],
  ['diverse', 'other'],
  ['其他', 'other'],
  ['unknown', 'unknown'],
]);

/**
 * Normalizes a gender label to `'female' | 'male' | 'other' | 'unknown'`.
 *
 * Case and surrounding space are ignored. `F`, `female`, `woman`, `W`, `女`, `女性` → `female`;
 * `M`, `male`, `man`, `男`, `男性` → `male`; `other`, `non-binary`, `nonbinary`, `diverse`,
 * `其他` → `other`. Anything else, including blank and non-text values, is `unknown`: a label
 * the table does not know is not a reason to drop a customer.
 *
 * @example
 * normalizeGender(' Female '); // 'female'
 * normalizeGender('男'); // 'male'
 * normalizeGender('n/a'); // 'unknown'
 */
export function normalizeGender(value: unknown): Gender {
  if (typeof value !== 'string') return 'unknown';
  return GENDER_LABELS.get(value.trim().toLowerCase()) ?? 'unknown';
}
