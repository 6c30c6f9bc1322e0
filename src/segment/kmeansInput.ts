/**
 * Input checks of `kmeansSegments`: the k values to run, customer ids, revenue values.
 */
import { invalidInput } from '../errors';
import type { NumericKey } from './kmeansFeatures';
import type { KmeansSegmentsOptions } from './kmeansTypes';

const FN = 'kmeansSegments';

/** True for an integer ≥ 1. */
export const positiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

/** The k values to run: [k] or kMin..kMax, validated against n. */
export function candidateKs<R>(options: KmeansSegmentsOptions<R>, n: number): number[] {
  if (options.kRange !== undefined) {
    const range = options.kRange;
    const [a, b] = Array.isArray(range) ? range : [];
    if (!Number.isInteger(a) || !Number.isInteger(b) || a! < 2 || b! < a!) {
      throw invalidInput(FN, 'options.kRange', '[kMin, kMax] integers with 2 ≤ kMin ≤ kMax', range);
    }
    if (b! > n - 1) {
      throw invalidInput(FN, 'options.kRange', `kMax ≤ n − 1 = ${n - 1} (silhouette needs it)`, b);
    }
    return Array.from({ length: b! - a! + 1 }, (_, i) => a! + i);
  }
  const k = options.k;
  if (!positiveInt(k)) throw invalidInput(FN, 'options.k', 'a positive integer (or kRange)', k);
  if (k > n) throw invalidInput(FN, 'options.k', `≤ the number of customers (${n})`, k);
  return [k];
}

/** customerId of each row: a non-empty string, unique. */
export function checkIds<R extends { customerId: string }>(rows: readonly R[]): string[] {
  const seen = new Set<string>();
  return rows.map((row, i) => {
    const id = row?.customerId;
    if (typeof id !== 'string' || id === '') {
      throw invalidInput(FN, `rows[${i}].customerId`, 'a non-empty string', id, { line: i });
    }
    if (seen.has(id)) {
      throw invalidInput(FN, 'customerId', 'one row per customer', id, { customerId: id, line: i });
    }
    seen.add(id);
    return id;
  });
}

export function readRevenue<R extends { customerId: string }>(
  rows: readonly R[],
  spec: NumericKey<R> | ((row: R) => number),
): Float64Array {
  const read =
    typeof spec === 'function' ? spec : (row: R) => (row as Record<string, unknown>)[spec];
  const out = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    const v = read(row);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw invalidInput(FN, 'revenue', 'a finite number', v, {
        customerId: row.customerId,
        code: 'invalid_number',
      });
    }
    out[i] = v;
  });
  return out;
}
