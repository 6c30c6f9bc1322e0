import { Interaction, InteractionKind } from '../schema/index';
import { collect, memoryStream, type RowMapper } from './engine';
import { type RowContext, sourceOf } from './fields';
import { checkCommonOptions } from './options';
import type { ColumnSource, CommonLoadOptions, LoadResult, RawRecord } from './types';

/** Mapped fields of an {@link Interaction}. */
export type InteractionField = keyof Interaction;

/** Options of {@link loadInteractions}. */
export interface InteractionLoadOptions extends CommonLoadOptions {
  /** Source of each field; unlisted fields come from same-named columns. Required: `customerId`, `date`, `kind`. */
  columns?: Partial<Record<InteractionField, ColumnSource>>;
}

/**
 * Fields of an interaction that `columns` can map, required first.
 * @example
 * INTERACTION_FIELDS.required; // ['customerId', 'date', 'kind']
 */
export const INTERACTION_FIELDS = {
  required: ['customerId', 'date', 'kind'],
  optional: ['channel'],
} as const satisfies Record<string, readonly InteractionField[]>;

/** Internal: the row mapper of interactions. */
export function interactionMapper(options: InteractionLoadOptions): RowMapper<Interaction> {
  checkCommonOptions('loadInteractions', options, [
    ...INTERACTION_FIELDS.required,
    ...INTERACTION_FIELDS.optional,
  ]);
  const c = options.columns;
  const src = {
    customerId: sourceOf(c, 'customerId'),
    date: sourceOf(c, 'date'),
    kind: sourceOf(c, 'kind'),
    channel: sourceOf(c, 'channel'),
  };
  return (row: RawRecord, ctx: RowContext) => {
    const customerId = ctx.id('customerId', ctx.read(row, 'customerId', src.customerId), true);
    const date = ctx.date('date', ctx.read(row, 'date', src.date), true);
    const kind = ctx.choice('kind', ctx.read(row, 'kind', src.kind), InteractionKind.options, true);
    const channel = ctx.text('channel', ctx.read(row, 'channel', src.channel), false);
    if (ctx.issues.length > 0) return undefined;
    const out: Interaction = { customerId: customerId!, date: date!, kind: kind! };
    if (channel !== undefined) out.channel = channel;
    return ctx.validate(Interaction, out);
  };
}

/**
 * Loads and validates customer interactions (visits, communications, service contacts,
 * feedback, complaints, inquiries) from in-memory rows, accounting for every row.
 *
 * Fields: `customerId`, `date` and `kind` (required; `kind` is matched case-insensitively
 * against visit, communication, service, feedback, complaint, inquiry; map other labels with a
 * function), optional `channel`. Row accounting, errors and options as in `loadTransactions`.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` when `input` is not iterable, an option is
 *   invalid, or (with `onError: 'throw'`) at the first bad row.
 * @example
 * const labels: Record<string, string> = { 到店: 'visit', 投诉: 'complaint' };
 * const { records, rejected } = await loadInteractions(
 *   [
 *     { member: 'M1', at: '2024-05-01', type: '到店' },
 *     { member: 'M1', at: '2024-05-03', type: '投诉', via: 'phone' },
 *     { member: 'M2', at: '2024-05-04', type: 'refund' },
 *   ],
 *   { columns: { customerId: 'member', date: 'at', kind: (r) => labels[String(r.type)] ?? r.type, channel: 'via' } },
 * );
 * records.map((r) => r.kind); // ['visit', 'complaint']
 * rejected[0].issues[0].code; // 'invalid_enum' ("refund" is not an interaction kind)
 */
export async function loadInteractions(
  input: Iterable<RawRecord> | AsyncIterable<RawRecord>,
  options: InteractionLoadOptions = {},
): Promise<LoadResult<Interaction>> {
  return collect(memoryStream('loadInteractions', input, interactionMapper(options), options));
}
