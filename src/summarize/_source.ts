/**
 * The asynchronous side of the summaries: recognizes a stream source and drives the streaming
 * accumulator over it (records or batches of records). Internal: not exported from the package.
 */

import { invalidInput } from '../errors';
import type { Transaction } from '../schema/index';
import { checkEnd, checkOptions, checkTimeZone, checkUnit } from './_report';
import { StreamAccumulator, type StreamOrder } from './_stream';
import type { StreamSummarizeOptions, SummaryReport } from './customers';
import { SUMMARY_DEFAULTS } from './customers';

/** Transactions arriving over time: records, batches of records, or a mix of both. */
export type TransactionStream = AsyncIterable<Transaction | readonly Transaction[]>;

/** True for an object with `Symbol.asyncIterator` (a stream source rather than an array). */
export function isTransactionStream(source: unknown): source is TransactionStream {
  return (
    source !== null &&
    typeof source === 'object' &&
    typeof (source as Partial<TransactionStream>)[Symbol.asyncIterator] === 'function'
  );
}

const ORDERS: readonly StreamOrder[] = ['any', 'date'];

/** Validates the options, consumes `source` once and returns the summary report. */
export async function summarizeStream(
  fn: string,
  source: TransactionStream,
  options: StreamSummarizeOptions,
): Promise<SummaryReport> {
  checkOptions(fn, options);
  const dayOf = checkTimeZone(fn, options.timeZone);
  const endDay = checkEnd(fn, 'observationEnd', options.observationEnd, dayOf);
  const collapse = checkUnit(fn, options);
  const order = options.order ?? SUMMARY_DEFAULTS.order;
  if (!ORDERS.includes(order))
    throw invalidInput(fn, 'order', "to be 'any' or 'date'", order, { code: 'invalid_enum' });
  const acc = new StreamAccumulator(fn, endDay, options.unit, collapse, dayOf, order);
  for await (const item of source) {
    if (Array.isArray(item)) for (let j = 0; j < item.length; j++) acc.add(item[j]);
    else acc.add(item as Transaction);
  }
  return acc.finish();
}
