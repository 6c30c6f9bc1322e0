/**
 * Tie-aware quantile binning shared by the RFM scores. Internal.
 *
 * Rule (documented in docs/segments.md): sort the values; identical values form a block that is
 * never split. Walk the blocks in ascending order filling score 1, then 2, …: a score always takes
 * at least one block; it takes the next block only while that brings its size strictly closer to
 * its fair share (customers not yet scored / scores not yet filled), and it stops early when the
 * remaining blocks are just enough to give every remaining score one block. The last score takes
 * the rest. Without ties, sizes are ⌊n/bins⌋ or ⌈n/bins⌉; with fewer distinct values than bins,
 * the values get scores 1..(number of distinct values).
 */
export function tieAwareBins(values: ArrayLike<number>, bins: number): Uint8Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  // Block boundaries (start index of each run of equal values) in sorted order.
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || values[order[i] as number] !== values[order[i - 1] as number]) starts.push(i);
  }
  const blocks = starts.length;
  const scores = new Uint8Array(n);
  let bin = 1;
  let size = 0;
  let assigned = 0;
  let target = n / bins;
  for (let j = 0; j < blocks; j++) {
    const s = starts[j] as number;
    const e = j + 1 < blocks ? (starts[j + 1] as number) : n;
    const b = e - s;
    if (size > 0 && bin < bins) {
      const blocksLeft = blocks - j;
      const binsLeft = bins - bin;
      const closer = Math.abs(size + b - target) < Math.abs(size - target);
      if (!closer || blocksLeft <= binsLeft) {
        bin++;
        size = 0;
        target = (n - assigned) / (bins - bin + 1);
      }
    }
    for (let i = s; i < e; i++) scores[order[i] as number] = bin;
    size += b;
    assigned += b;
  }
  return scores;
}
