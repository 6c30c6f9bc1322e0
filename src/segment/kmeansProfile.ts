/**
 * Human-readable cluster profiles ("recent, frequent, high spend"): each cluster centre is placed
 * in the overall distribution of its feature. Internal to the segment layer.
 */

/** Where a cluster centre sits in a feature's overall distribution. */
export type KmeansLevel = 'low' | 'mid' | 'high';

/** Percentile bounds of the profile rule (fractions in (0, 1), low < high). */
export interface KmeansProfileThresholds {
  /** A centre at or below this percentile rank is `low`. Default 1/3. */
  low: number;
  /** A centre at or above this percentile rank is `high`. Default 2/3. */
  high: number;
}

/**
 * Mid-rank percentile of `value` among the sorted values: (#below + #equal / 2) / n, in [0, 1].
 * O(log n) by binary search.
 */
export function percentileRank(sorted: Float64Array, value: number): number {
  const n = sorted.length;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return (below + (lo - below) / 2) / n;
}

/** Level of a percentile rank under the thresholds. */
export function levelOf(rank: number, t: KmeansProfileThresholds): KmeansLevel {
  if (rank >= t.high) return 'high';
  if (rank <= t.low) return 'low';
  return 'mid';
}

/**
 * Profile text: the words of the features whose level is high or low, in feature order, joined
 * by ", "; "average" when every feature is mid.
 */
export function profileText(
  levels: readonly KmeansLevel[],
  words: readonly { high: string; low: string }[],
): string {
  const parts: string[] = [];
  levels.forEach((level, j) => {
    if (level === 'high') parts.push(words[j]!.high);
    else if (level === 'low') parts.push(words[j]!.low);
  });
  return parts.length > 0 ? parts.join(', ') : 'average';
}
