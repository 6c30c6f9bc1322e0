/**
 * k-means on 100k and 1M 3-d points (k = 5): kmeansSegments end to end (validation, z-scores,
 * ml-kmeans with k-means++, silhouette on a 10,000-point sample, profiles), one restart and ten,
 * with scikit-learn's KMeans on the same points as a peer when python3 + sklearn are installed
 * (Debian: `apt-get install python3-sklearn`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kmeansSegments } from '../src/segment/kmeans';
import { defineBench } from './_lib';

interface Point {
  customerId: string;
  recency: number;
  frequency: number;
  monetary: number;
}

/** Five overlapping Gaussian blobs in 3-d (Box–Muller on a seeded LCG), deterministic. */
function points(n: number): Point[] {
  let s = 20_240_601;
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
  return Array.from({ length: n }, (_, i) => {
    const c = centres[i % 5]!;
    return {
      customerId: String(i),
      recency: c[0]! + gauss(),
      frequency: c[1]! + gauss(),
      monetary: c[2]! + gauss(),
    };
  });
}

let data: Point[] = [];
const ours = (n: number, restarts: number) => ({
  setup: () => {
    data = points(n);
  },
  run: () => {
    const r = kmeansSegments(data, {
      features: ['recency', 'frequency', 'monetary'],
      k: 5,
      seed: 1,
      restarts,
    });
    const sizes = r.clusters.map((c) => c.size).join('/');
    return {
      rows: n,
      note: `inertia ${r.inertia.toFixed(1)}, ${r.iterations} iterations, sizes ${sizes}`,
    };
  },
});

/** A python3 that imports sklearn (pyenv's python3 may lack the Debian package). */
function findPython(): string | undefined {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import sklearn'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return undefined;
}
const python = findPython();

const SKLEARN = `
import sys, time, resource, numpy as np
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler
X = np.fromfile(sys.argv[1], dtype='<f8').reshape(-1, 3)
t0 = time.perf_counter()
Z = StandardScaler().fit_transform(X)
km = KMeans(n_clusters=5, n_init=int(sys.argv[2]), init='k-means++', random_state=1).fit(Z)
t = time.perf_counter() - t0
print(t, km.inertia_, km.n_iter_, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
`;

let dir = '';
let file = '';
const sklearn = (n: number, nInit: number) => ({
  skip: python
    ? undefined
    : 'python3 with scikit-learn not found (apt-get install python3-sklearn)',
  setup: () => {
    const x = new Float64Array(n * 3);
    points(n).forEach((p, i) => {
      x.set([p.recency, p.frequency, p.monetary], i * 3);
    });
    dir = mkdtempSync(join(tmpdir(), 'kmeans-bench-'));
    file = join(dir, 'points.f64');
    writeFileSync(file, x);
  },
  run: () => {
    const r = spawnSync(python!, ['-c', SKLEARN, file, String(nInit)], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`sklearn failed: ${r.stderr}`);
    const [fit, inertia, iters, rss] = r.stdout.trim().split(/\s+/).map(Number) as number[];
    return {
      rows: n,
      note: `sklearn fit ${fit!.toFixed(2)} s, inertia ${inertia!.toFixed(1)}, ${iters} iterations, python peak RSS ${rss!.toFixed(0)} MB (seconds include python start-up)`,
    };
  },
});

await defineBench([
  { name: 'sklearn KMeans 100k×3 k=5 (n_init=1)', ...sklearn(100_000, 1) },
  {
    name: 'kmeansSegments 100k×3 k=5 (1 restart)',
    ...ours(100_000, 1),
    baseline: 'sklearn KMeans 100k×3 k=5 (n_init=1)',
  },
  {
    name: 'kmeansSegments 100k×3 k=5 (10 restarts)',
    ...ours(100_000, 10),
    baseline: 'kmeansSegments 100k×3 k=5 (1 restart)',
  },
  { name: 'sklearn KMeans 1M×3 k=5 (n_init=1)', ...sklearn(1_000_000, 1) },
  {
    name: 'kmeansSegments 1M×3 k=5 (1 restart)',
    ...ours(1_000_000, 1),
    baseline: 'sklearn KMeans 1M×3 k=5 (n_init=1)',
  },
  {
    name: 'kmeansSegments 1M×3 k=5 (3 restarts)',
    ...ours(1_000_000, 3),
    baseline: 'kmeansSegments 1M×3 k=5 (1 restart)',
  },
]);
