/**
 * k-means against scikit-learn's KMeans (algorithm='lloyd', one thread) on the same points: five
 * overlapping Gaussian blobs in 3-d (seeded), k = 5, at 100k and 1M points, written once to a
 * float64 file in os.tmpdir() that both sides read. The peer is bench/peers/kmeans_sklearn.py
 * under Debian's python3 (python3-sklearn 1.2.1); it times its own fit and reports its max RSS.
 *
 * Cases, each "ours" case listing its sklearn case as peer (ratio ours / sklearn ≤ 1 = faster):
 * - Lloyd from the same start: both run Lloyd from the same k-means++ centres until the labels
 *   stop changing (our tolerance 0, sklearn tol=0), so the work is equal; the notes give the
 *   iterations and seconds per iteration of each.
 * - End to end: our engine with its defaults (greedy k-means++ on a 20,000-point sample, Lloyd
 *   on the sample, then on all points; tolerance 1e-8) against KMeans(k-means++, n_init = the
 *   same number of restarts, tol set so its absolute threshold is also 1e-8: sklearn's tol is
 *   relative to the mean variance); the notes compare inertias and iterations.
 * - kmeansSegments: the whole public call (row objects, validation, z-scores, k-means, silhouette
 *   on 10,000 points, profiles) against StandardScaler + KMeans.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kmeansSegments } from '../src/segment/kmeans';
import { type KmeansEngineRun, kmeansBest, runLloyd } from '../src/segment/kmeansEngine';
import { kmeansPlusPlus } from '../src/segment/kmeansPlusPlus';
import { KMEANS_DEFAULTS } from '../src/segment/kmeansTypes';
import { defineBench } from './_lib';
import { PYTHON, pythonSkip, runPythonJson } from './_shared';

const DIM = 3;
const K = 5;
const SEED = 20_240_601;
const PEER = join(import.meta.dirname, 'peers', 'kmeans_sklearn.py');

/** Five overlapping Gaussian blobs in 3-d (Box–Muller on a seeded LCG), n × 3 row-major. */
function blobPoints(n: number): Float64Array {
  let s = SEED;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const centres = [
    [0, 0, 0],
    [4, 1, 0],
    [0, 4, 2],
    [3, 3, 5],
    [-2, 5, -3],
  ];
  const x = new Float64Array(n * DIM);
  for (let i = 0; i < n; i++) {
    const c = centres[i % 5]!;
    for (let j = 0; j < DIM; j++) x[i * DIM + j] = c[j]! + gauss();
  }
  return x;
}

/** Writes `make()` to `path` once (atomically: other case processes may race) and returns it. */
function cached(path: string, make: () => Float64Array): string {
  if (!existsSync(path)) {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, make());
    renameSync(tmp, path);
  }
  return path;
}

const pointsFile = (n: number) =>
  cached(join(tmpdir(), `customer-analytics-kmeans-${n}x${DIM}-${SEED}.f64`), () => blobPoints(n));
const readPoints = (n: number) => {
  const b = readFileSync(pointsFile(n));
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8).slice();
};
/** The shared start: greedy k-means++ on all points (seed 1), deterministic. */
const initFile = (n: number) =>
  cached(join(tmpdir(), `customer-analytics-kmeans-${n}x${DIM}-${SEED}-init${K}.f64`), () =>
    kmeansPlusPlus(readPoints(n), DIM, K, 1),
  );

const skip = pythonSkip(['sklearn', 'threadpoolctl']);
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const sortedSizes = (sizes: ArrayLike<number>) =>
  Array.from(sizes)
    .sort((a, b) => b - a)
    .join('/');

/** sklearn case: its own seconds and peak RSS, plus iterations and inertia in the note. */
const sklearn = (name: string, n: number, args: () => string[]) => ({
  name,
  skip,
  setup: () => {
    pointsFile(n);
  },
  run: () => {
    const r = runPythonJson(PEER, args()) as {
      seconds: number;
      cpuSeconds: number;
      iterations: number;
      inertia: number;
      sizes: number[];
      peakRssMB: number;
      threads: number[];
      tol: number;
    };
    return {
      rows: n,
      seconds: r.seconds,
      cpuSeconds: r.cpuSeconds,
      peakRssMB: r.peakRssMB,
      note: `${r.iterations} iterations (${(r.seconds / r.iterations).toFixed(4)} s/iter incl. init), inertia ${r.inertia.toFixed(1)}, sizes ${r.sizes.join('/')}, tol ${r.tol.toPrecision(3)}, threads ${r.threads.join(',')} (${PYTHON})`,
    };
  },
});

let x = new Float64Array(0);
let init = new Float64Array(0);

const lloydCases = (n: number) => {
  const peer = `sklearn Lloyd ${label(n)}×3 k=5 from shared centres (tol 0)`;
  return [
    sklearn(peer, n, () => [pointsFile(n), `${DIM}`, `${K}`, '1', '300', '0', initFile(n)]),
    {
      name: `ours Lloyd ${label(n)}×3 k=5 from shared centres (tolerance 0)`,
      peer,
      setup: () => {
        x = readPoints(n);
        const b = readFileSync(initFile(n));
        init = new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8).slice();
      },
      run: () => {
        const t0 = performance.now();
        const r = runLloyd(x, DIM, init, 300, 0);
        const s = (performance.now() - t0) / 1000;
        const inertia = r.assignmentInertias.at(-1)!;
        return {
          rows: n,
          note: `${r.iterations} iterations (${(s / r.iterations).toFixed(4)} s/iter), inertia ${inertia.toFixed(1)}, sizes ${sortedSizes(r.sizes)}, converged ${r.converged}`,
        };
      },
    },
  ];
};

const engineNote = (r: KmeansEngineRun) =>
  `${r.iterations} full-data iterations, inertia ${r.inertia.toFixed(1)}, sizes ${sortedSizes(r.sizes)}, restart inertias ${r.restartInertias.map((v) => v.toFixed(1)).join(', ')}`;

const endToEnd = (n: number, restarts: number) => {
  const peer = `sklearn KMeans ${label(n)}×3 k=5 n_init=${restarts} (k-means++, tol_abs 1e-8)`;
  return [
    sklearn(peer, n, () => [pointsFile(n), `${DIM}`, `${K}`, `${restarts}`, '300', 'abs:1e-8']),
    {
      name: `ours kmeansBest ${label(n)}×3 k=5 ${restarts} restart(s) (defaults)`,
      peer,
      setup: () => {
        x = readPoints(n);
      },
      run: () => {
        const r = kmeansBest({ x, dim: DIM }, K, { ...KMEANS_DEFAULTS, seed: 1, restarts });
        return { rows: n, note: engineNote(r) };
      },
    },
  ];
};

interface Row {
  customerId: string;
  recency: number;
  frequency: number;
  monetary: number;
}
let rows: Row[] = [];
const segments = (n: number, restarts: number) => {
  const peer = `sklearn StandardScaler+KMeans ${label(n)}×3 k=5 n_init=${restarts}`;
  return [
    sklearn(peer, n, () => [
      pointsFile(n),
      `${DIM}`,
      `${K}`,
      `${restarts}`,
      '300',
      'abs:1e-8',
      '-',
      '--standardize',
    ]),
    {
      name: `ours kmeansSegments ${label(n)}×3 k=5 ${restarts} restart(s)`,
      peer,
      setup: () => {
        const p = readPoints(n);
        rows = Array.from({ length: n }, (_, i) => ({
          customerId: String(i).padStart(7, '0'),
          recency: p[i * 3]!,
          frequency: p[i * 3 + 1]!,
          monetary: p[i * 3 + 2]!,
        }));
      },
      run: () => {
        const r = kmeansSegments(rows, {
          features: ['recency', 'frequency', 'monetary'],
          k: K,
          seed: 1,
          restarts,
        });
        return {
          rows: n,
          note: `incl. silhouette on 10,000 points; ${r.iterations} iterations, inertia ${r.inertia.toFixed(1)}, sizes ${r.clusters.map((c) => c.size).join('/')}`,
        };
      },
    },
  ];
};

await defineBench([
  ...lloydCases(100_000),
  ...lloydCases(1_000_000),
  ...endToEnd(100_000, 1),
  ...endToEnd(1_000_000, 1),
  ...endToEnd(1_000_000, 10),
  ...segments(100_000, 10),
  ...segments(1_000_000, 3),
]);
