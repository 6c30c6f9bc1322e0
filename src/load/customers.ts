import { Customer } from '../schema/index';
import { collect, memoryStream, type RowMapper } from './engine';
import { FAILED, type RowContext, sourceOf } from './fields';
import { normalizeGender } from './labels';
import { checkCommonOptions } from './options';
import { detach } from './strings';
import type { ColumnSource, CommonLoadOptions, LoadResult, RawRecord } from './types';

/** Mapped fields of a {@link Customer} (free attributes go through `attributes`). */
export type CustomerField = Exclude<keyof Customer, 'attributes'>;

/** Options of {@link loadCustomers}. */
export interface CustomerLoadOptions extends CommonLoadOptions {
  /** Source of each field; unlisted fields come from same-named columns. Required: `customerId`. */
  columns?: Partial<Record<CustomerField, ColumnSource>>;
  /**
   * Free attributes to keep, name → source. Text is trimmed (blank is left out), numbers must
   * be finite (a `NaN` from a mapping rejects the row), other values are kept as given.
   */
  attributes?: Record<string, ColumnSource>;
}

/**
 * Fields of a customer that `columns` can map, required first.
 * @example
 * CUSTOMER_FIELDS.required; // ['customerId']
 */
export const CUSTOMER_FIELDS = {
  required: ['customerId'],
  optional: ['signupDate', 'gender', 'age', 'segment'],
} as const satisfies Record<string, readonly CustomerField[]>;

/** Internal: the row mapper of customers. */
export function customerMapper(options: CustomerLoadOptions): RowMapper<Customer> {
  checkCommonOptions('loadCustomers', options, [
    ...CUSTOMER_FIELDS.required,
    ...CUSTOMER_FIELDS.optional,
  ]);
  const c = options.columns;
  const src = {
    customerId: sourceOf(c, 'customerId'),
    signupDate: sourceOf(c, 'signupDate'),
    gender: sourceOf(c, 'gender'),
    age: sourceOf(c, 'age'),
    segment: sourceOf(c, 'segment'),
  };
  const attributes = Object.entries(options.attributes ?? {});
  return (row: RawRecord, ctx: RowContext) => {
    const customerId = ctx.id('customerId', ctx.read(row, 'customerId', src.customerId), true);
    const signupDate = ctx.date('signupDate', ctx.read(row, 'signupDate', src.signupDate), false);
    const genderRaw = ctx.read(row, 'gender', src.gender);
    const age = ctx.number('age', ctx.read(row, 'age', src.age), false);
    const segment = ctx.text('segment', ctx.read(row, 'segment', src.segment), false);
    const attrs: Record<string, unknown> = {};
    for (const [name, source] of attributes) {
      const field = `attributes.${name}`;
      const v = ctx.read(row, field, source);
      if (v === FAILED || v === undefined || v === null) continue;
      if (typeof v === 'string') {
        if (v.trim() !== '') attrs[name] = detach(v.trim());
      } else if (typeof v === 'number' && !Number.isFinite(v)) {
        ctx.fail(field, 'invalid_number', 'a finite number', v);
      } else if (v instanceof Date && Number.isNaN(v.getTime())) {
        ctx.fail(field, 'invalid_date', 'a valid date', v);
      } else attrs[name] = v;
    }
    if (ctx.issues.length > 0) return undefined;
    const customer: Customer = { customerId: customerId! };
    if (signupDate !== undefined) customer.signupDate = signupDate;
    if (genderRaw !== undefined && genderRaw !== FAILED)
      customer.gender = normalizeGender(genderRaw);
    if (age !== undefined) customer.age = age;
    if (segment !== undefined) customer.segment = segment;
    if (attributes.length > 0) customer.attributes = attrs;
    return ctx.validate(Customer, customer);
  };
}

/**
 * Loads and validates customer master records from in-memory rows, accounting for every row.
 *
 * Fields: `customerId` (required, normalized per `normalizeId`), `signupDate` (date),
 * `gender` (any label, normalized by {@link normalizeGender}: F/M/female/男/女 → female/male,
 * unknown labels → `'unknown'`, never rejected), `age` (integer 0–150), `segment` (text), and
 * the `attributes` you list. Row accounting, errors and options as in `loadTransactions`.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` when `input` is not iterable, an option is
 *   invalid, or (with `onError: 'throw'`) at the first bad row.
 * @example
 * const { records, stats } = await loadCustomers(
 *   [
 *     { id: 'C1', sex: '女', age: '34', plan: 'gold' },
 *     { id: 'C2', sex: 'M', age: '', plan: 'basic' },
 *     { id: 'C3', sex: '?', age: '-1', plan: 'basic' },
 *   ],
 *   { columns: { customerId: 'id', gender: 'sex' }, attributes: { plan: 'plan' } },
 * );
 * records; // [{ customerId: 'C1', gender: 'female', age: 34, attributes: { plan: 'gold' } },
 * //          { customerId: 'C2', gender: 'male', attributes: { plan: 'basic' } }]
 * stats; // { read: 3, accepted: 2, rejected: 1, duplicates: 0 } (age -1 is below 0)
 */
export async function loadCustomers(
  input: Iterable<RawRecord> | AsyncIterable<RawRecord>,
  options: CustomerLoadOptions = {},
): Promise<LoadResult<Customer>> {
  return collect(memoryStream('loadCustomers', input, customerMapper(options), options));
}
