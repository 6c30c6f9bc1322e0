import { readFileSync } from 'node:fs';
import { sharedData } from '../_helpers/shared';

/** Path of the published CDNOW calibration summary (2,357 customers, weeks), or undefined. */
export const cdnowSummaryPath = sharedData('cdnow/cdnow_customers_summary.csv');
/** Path of the CDNOW summary with mean repeat spend zbar (CRLF, no final newline), or undefined. */
export const cdnowSpendPath = sharedData('cdnow/cdnow_customers_summary_with_transactions.csv');

/** Reads cdnow_customers_summary.csv (columns ID, frequency, recency, T). */
export function readCdnowSummary(): {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
}[] {
  const lines = readFileSync(cdnowSummaryPath!, 'utf8').trim().split(/\r?\n/);
  return lines.slice(1).map((line) => {
    const [id, f, r, T] = line.split(',');
    return { customerId: id!, frequency: Number(f), recency: Number(r), T: Number(T) };
  });
}

/** Reads cdnow_customers_summary_with_transactions.csv (columns ID, x, t_x, T, zbar). */
export function readCdnowSpend(): {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
}[] {
  const lines = readFileSync(cdnowSpendPath!, 'utf8').trim().split(/\r?\n/);
  return lines.slice(1).map((line) => {
    const [id, x, tx, T, zbar] = line.split(',');
    return {
      customerId: id!,
      frequency: Number(x),
      recency: Number(tx),
      T: Number(T),
      monetaryValue: Number(zbar),
    };
  });
}
