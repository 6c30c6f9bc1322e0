/**
 * Reading the report's transaction input: file → LoadResult, with the file's SHA-256 so a
 * metrics.json names exactly what it was computed from.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { invalidInput } from '../../errors';
import type { ColumnSource, LoadResult } from '../../load/index';
import { loadTransactions, type TransactionFileOptions } from '../../load/node';
import type { Transaction } from '../../schema/index';
import { isPlainColumn, parseColumnExpression } from '../expression';

/** Column mapping of the report input, as names or (for `amount`) an arithmetic expression. */
export interface ReportColumns {
  /** Customer id column. Default `customerId`. */
  customerId?: string;
  /** Date column. Default `date`. */
  date?: string;
  /** Amount column, or an expression over columns such as `Quantity*UnitPrice`. Default `amount`. */
  amount?: string;
  /** Optional order id column (orders = distinct ids). */
  orderId?: string;
  /** Optional quantity column. */
  quantity?: string;
}

/** How to read the transactions file. */
export interface ReportInputOptions {
  columns?: ReportColumns;
  /** date-fns format(s), e.g. `yyyyMMdd`; default ISO 8601. */
  dateFormat?: string | string[];
  /** CSV delimiter or `whitespace`; default from the file extension. */
  delimiter?: string;
  /** `numeric` turns `17850.0` into `17850`. Default `trim`. */
  normalizeId?: 'trim' | 'numeric';
  /** Remove exact duplicate rows (counted). Default false. */
  dedupe?: boolean;
  /** IANA time zone of dates without an offset. Default UTC. */
  timeZone?: string;
}

/** A loaded input with its identity. */
export interface LoadedInput extends LoadResult<Transaction> {
  /** File path, or a label such as `simulated (seed 42)`. */
  source: string;
  /** SHA-256 of the file's bytes (hex), undefined for in-memory input. */
  sha256?: string;
  /** File size in bytes. */
  bytes?: number;
}

/** Hex SHA-256 of a file, streamed (constant memory). */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', (err) =>
        reject(
          invalidInput('sha256File', 'path', 'a readable file', `${path} (${err.message})`, {
            code: 'unreadable',
          }),
        ),
      )
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Maps the report's column names and amount expression onto the loader's column sources. */
export function loaderColumns(
  columns: ReportColumns = {},
): Partial<Record<keyof Transaction, ColumnSource>> {
  const out: Partial<Record<keyof Transaction, ColumnSource>> = {
    customerId: columns.customerId ?? 'customerId',
    date: columns.date ?? 'date',
  };
  const amount = columns.amount ?? 'amount';
  if (isPlainColumn(amount)) {
    out.amount = amount;
  } else {
    const expr = parseColumnExpression(amount);
    out.amount = (row) => expr.evaluate(row);
  }
  if (columns.orderId) out.orderId = columns.orderId;
  if (columns.quantity) out.quantity = columns.quantity;
  return out;
}

/**
 * Loads a transactions file for the report: the Node `loadTransactions` with the mapped
 * columns, plus the file's SHA-256 and size.
 *
 * @throws InvalidInputError from the loader (missing file, header without a needed column, …)
 *   or for an amount expression that does not parse.
 */
export async function loadReportInput(
  path: string,
  options: ReportInputOptions = {},
): Promise<LoadedInput> {
  const fileOptions: TransactionFileOptions = { columns: loaderColumns(options.columns) };
  if (options.dateFormat !== undefined) fileOptions.dateFormat = options.dateFormat;
  if (options.delimiter !== undefined) fileOptions.delimiter = options.delimiter;
  if (options.normalizeId !== undefined) fileOptions.normalizeId = options.normalizeId;
  if (options.dedupe !== undefined) fileOptions.dedupe = options.dedupe;
  if (options.timeZone !== undefined) fileOptions.timeZone = options.timeZone;
  const [result, sha256] = await Promise.all([
    loadTransactions(path, fileOptions),
    sha256File(path),
  ]);
  return { ...result, source: path, sha256, bytes: statSync(path).size };
}
