import { Transaction } from '../schema/index';
import { collect, memoryStream, type RowMapper } from './engine';
import { FieldSources, type RowContext, sourceOf } from './fields';
import { checkCommonOptions } from './options';
import type { ColumnSource, CommonLoadOptions, LoadResult, RawRecord, RecordStream } from './types';

/** Fields of a {@link Transaction} that can be mapped from a source column or a function. */
export type TransactionField = keyof Transaction;

/** Options of {@link loadTransactions} and {@link streamTransactions}. */
export interface TransactionLoadOptions extends CommonLoadOptions {
  /**
   * Source of each field; a field not listed is read from the column of the same name
   * (`customerId`, `date`, `amount`, …). Required: `customerId`, `date`, `amount`.
   */
  columns?: Partial<Record<TransactionField, ColumnSource>>;
}

const REQUIRED: readonly TransactionField[] = ['customerId', 'date', 'amount'];
const OPTIONAL: readonly TransactionField[] = [
  'orderId',
  'quantity',
  'productId',
  'channel',
  'kind',
];
/**
 * Fields of a transaction that `columns` can map, required first.
 * @example
 * TRANSACTION_FIELDS.required; // ['customerId', 'date', 'amount']
 */
export const TRANSACTION_FIELDS = { required: REQUIRED, optional: OPTIONAL } as const;

/** Internal: the row mapper of transactions for one set of options. */
export function transactionMapper(options: TransactionLoadOptions): RowMapper<Transaction> {
  checkCommonOptions('loadTransactions', options, [...REQUIRED, ...OPTIONAL]);
  const c = options.columns;
  const src = new FieldSources([...REQUIRED, ...OPTIONAL].map((f) => [f, sourceOf(c, f)] as const));
  const idFunction = typeof options.normalizeId === 'function';
  return (row: RawRecord, ctx: RowContext) => {
    // Field numbers follow REQUIRED then OPTIONAL: customerId 0, date 1, amount 2, orderId 3,
    // quantity 4, productId 5, channel 6, kind 7.
    const customerId = ctx.id('customerId', src.get(row, ctx, 0), true);
    const date = ctx.date('date', src.get(row, ctx, 1), true);
    const amount = ctx.number('amount', src.get(row, ctx, 2), true);
    const orderId = ctx.text('orderId', src.get(row, ctx, 3), false);
    const quantity = ctx.number('quantity', src.get(row, ctx, 4), false);
    const productId = ctx.text('productId', src.get(row, ctx, 5), false);
    const channel = ctx.text('channel', src.get(row, ctx, 6), false);
    const kind = ctx.choice('kind', src.get(row, ctx, 7), ['purchase', 'return'], false);
    if (ctx.issues.length > 0) return undefined;
    // Keys in the schema's order, as zod returns them.
    const t: Transaction = { customerId: customerId!, date: date!, amount: amount! };
    if (orderId !== undefined) t.orderId = orderId;
    if (quantity !== undefined) t.quantity = quantity;
    if (productId !== undefined) t.productId = productId;
    if (channel !== undefined) t.channel = channel;
    t.kind = kind ?? (amount! < 0 ? 'return' : 'purchase');
    // The coercers above already guarantee the schema (a valid Date, finite numbers, a
    // trimmed non-empty id, text, a known kind), so zod only runs where it can still change
    // the result: ids from a normalizeId function, which the schema trims.
    if (!idFunction) return t;
    return ctx.validate(Transaction, t);
  };
}

/**
 * Streams transactions from in-memory rows, for callers who aggregate as they read. Same
 * mapping, checks and accounting as {@link loadTransactions}; `stats` and `rejected` are final
 * when the loop ends. The Node entry (`customer-analytics/node`) also accepts file paths and
 * streams.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` while iterating: when `input` is not
 *   iterable, an option is invalid, or (with `onError: 'throw'`) at the first bad row.
 * @example
 * const stream = streamTransactions([
 *   { customerId: 'a', date: '2024-01-05', amount: '10' },
 *   { customerId: 'a', date: '2024-01-09', amount: 'ten' },
 * ]);
 * let total = 0;
 * for await (const t of stream) total += t.amount;
 * total; // 10
 * stream.stats; // { read: 2, accepted: 1, rejected: 1, duplicates: 0 }
 */
export function streamTransactions(
  input: Iterable<RawRecord> | AsyncIterable<RawRecord>,
  options: TransactionLoadOptions = {},
): RecordStream<Transaction> {
  return memoryStream('loadTransactions', input, transactionMapper(options), options);
}

/**
 * Loads and validates transactions from in-memory rows, accounting for every row.
 *
 * Each row becomes a {@link Transaction} or a rejected row (with its index and every issue:
 * field, rule `code`, message, value); `stats.read = accepted + rejected + duplicates`.
 * Fields: `customerId` (id, normalized per `normalizeId`), `date` (ISO or `dateFormat`, UTC
 * unless `timeZone`), `amount` (finite number; text may carry currency symbols, thousands
 * separators, a decimal comma with `decimal: ','`), optional `orderId`, `quantity`,
 * `productId`, `channel`, `kind`. `kind` defaults to `'return'` when amount < 0 (kept, not
 * rejected) and `'purchase'` otherwise. A mapping function returning `NaN`/`Infinity` or
 * throwing rejects the row naming the field. Inputs are not mutated. O(rows) time; O(rows)
 * memory for the result (and the distinct rows when `dedupe: true`).
 *
 * @param input - Array, iterable or async iterable of row objects (column name → value).
 * @param options - Column mapping, date format, number and id parsing, error policy, dedupe.
 * @returns `{ records, rejected, stats }`.
 * @throws {InvalidInputError} code `INVALID_INPUT` when `input` is not iterable, an option is
 *   invalid, or (with `onError: 'throw'`) at the first bad row, naming row and field.
 * @example
 * const result = await loadTransactions(
 *   [
 *     { id: ' 17850.0', when: '12/1/2010 8:26', qty: '6', price: '2.55' },
 *     { id: '17850.0', when: '12/1/2010 8:28', qty: '-1', price: '2.55' },
 *     { id: '', when: '12/1/2010 9:02', qty: '2', price: '1.00' },
 *   ],
 *   {
 *     columns: { customerId: 'id', date: 'when', amount: (r) => Number(r.qty) * Number(r.price) },
 *     dateFormat: 'M/d/yyyy H:mm',
 *     normalizeId: 'numeric',
 *   },
 * );
 * result.records.map((t) => [t.customerId, t.amount, t.kind]);
 * // [['17850', 15.299999999999999, 'purchase'], ['17850', -2.55, 'return']]
 * result.rejected[0].issues[0].message;
 * // 'loadTransactions: expected customerId to be present (required), received "" (row 2)'
 * result.stats; // { read: 3, accepted: 2, rejected: 1, duplicates: 0 }
 */
export async function loadTransactions(
  input: Iterable<RawRecord> | AsyncIterable<RawRecord>,
  options: TransactionLoadOptions = {},
): Promise<LoadResult<Transaction>> {
  return collect(streamTransactions(input, options));
}
