import { InsufficientDataError, invalidInput } from '../errors';

const FN = 'adjustedRandIndex';

/** n choose 2. */
const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Adjusted Rand index: agreement between two partitions of the same items, corrected for chance
 * (1 = identical up to renaming the labels; about 0 = no better than random; can be negative).
 * Use it to compare two segmentations of the same customers, e.g. k-means clusters against RFM
 * segments, or two k-means runs.
 *
 * Formula (Hubert & Arabie 1985, "Comparing partitions", J. Classification 2:193–218, eq. 5),
 * with n_ij the contingency counts, a_i and b_j its row and column sums, C(x) = x(x − 1)/2:
 * index = Σ C(n_ij); expected = Σ C(a_i) · Σ C(b_j) / C(n); max = (Σ C(a_i) + Σ C(b_j)) / 2;
 * ARI = (index − expected) / (max − expected).
 * Edge case: when max = expected (both partitions put every item in one cluster, or both put
 * every item alone) the partitions are identical and the result is 1, as in scikit-learn.
 * O(n) time, O(number of label pairs) memory.
 *
 * @param a - label of each item in the first partition (strings or numbers).
 * @param b - label of each item in the second partition, same order and length as `a`.
 * @throws InvalidInputError (`INVALID_INPUT`) when the lengths differ.
 * @throws InsufficientDataError (`INSUFFICIENT_DATA`) when there are no items.
 * @example
 * ```ts
 * adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]); // 1 (same partition, labels renamed)
 * adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]); // 4/7 ≈ 0.5714286
 * ```
 */
export function adjustedRandIndex(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  if (a.length !== b.length) {
    throw invalidInput(FN, 'b', `the same length as a (${a.length})`, `length ${b.length}`);
  }
  const n = a.length;
  if (n === 0) throw new InsufficientDataError(`${FN}: expected at least 1 item, received 0`);
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  const cells = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
    const key = `${typeof x}:${x}\u0000${typeof y}:${y}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  let index = 0;
  for (const c of cells.values()) index += pairs(c);
  let sumA = 0;
  for (const c of rows.values()) sumA += pairs(c);
  let sumB = 0;
  for (const c of cols.values()) sumB += pairs(c);
  const expected = n < 2 ? 0 : (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
