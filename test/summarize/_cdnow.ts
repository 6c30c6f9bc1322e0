/**
 * Minimal readers for the CDNOW text files, used until/unless the loader layer is the subject
 * under test. Split on whitespace (the files are space-aligned, CRLF); dates are YYYYMMDD, UTC.
 */
import { readFileSync } from 'node:fs';
import type { Transaction } from '../../src/schema/index';

function ymd(s: string): Date {
  return new Date(Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8)));
}

/** CDNOW_sample.txt: master id, sample id, date, cds, dollars; customerId = sample id. */
export function readCdnowSample(path: string): Transaction[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [, sampleId, date, , dollars] = l.trim().split(/\s+/) as string[];
      return { customerId: sampleId as string, date: ymd(date as string), amount: Number(dollars) };
    });
}

/** CDNOW_master.txt (one header line): customer id, date, cds, dollars. */
export function readCdnowMaster(path: string): Transaction[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [id, date, cds, dollars] = l.trim().split(/\s+/) as string[];
      return {
        customerId: id as string,
        date: ymd(date as string),
        amount: Number(dollars),
        quantity: Number(cds),
      };
    });
}

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar. */
export function readCdnowSummary(
  path: string,
): { id: string; x: number; t_x: number; T: number; zbar: number }[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  return lines.slice(1).map((l) => {
    const [id, x, tx, T, zbar] = l.split(',') as string[];
    return {
      id: id as string,
      x: +(x as string),
      t_x: +(tx as string),
      T: +(T as string),
      zbar: +(zbar as string),
    };
  });
}
