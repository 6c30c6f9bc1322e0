/**
 * Seeded randomness for k-means: per-restart seeds and seeded samples. Internal (not exported
 * from the package): every random choice in the clustering code flows from the caller's seed.
 */

/**
 * SplitMix32-style integer hash (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
 * generators", the 32-bit finalizer of MurmurHash3). Maps any uint32 to a well-mixed uint32.
 */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Seed of restart `index` (0-based) derived from the caller's seed: `mix32(mix32(seed) + index)`.
 * Restart r's seed depends only on (seed, r), so running R + 1 restarts repeats the first R
 * restarts exactly: that is why more restarts can never give a worse best inertia.
 */
export function kmeansDeriveSeed(seed: number, index: number): number {
  return mix32((mix32(seed >>> 0) + index) >>> 0);
}

/** Mulberry32 generator: uniform numbers in [0, 1) from a uint32 seed. */
export function kmeansRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `m` distinct indices drawn uniformly from 0..n-1 without replacement (partial Fisher–Yates),
 * returned in increasing order so the sample keeps the input order. Requires m ≤ n.
 */
export function kmeansSampleIndices(n: number, m: number, seed: number): Uint32Array {
  const rng = kmeansRng(seed);
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.slice(0, m).sort();
}
