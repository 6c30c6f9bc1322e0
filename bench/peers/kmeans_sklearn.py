"""Peer for bench/kmeans.bench.ts: scikit-learn's KMeans (Lloyd) on the same points, one thread.

Usage: kmeans_sklearn.py POINTS DIM K N_INIT MAX_ITER TOL [INIT] [--standardize]

POINTS is a little-endian float64 file (n x DIM, row-major) written by the bench. With INIT (a
float64 file of K x DIM centres, or '-' for none) the run starts from those centres (n_init=1),
so ours and sklearn do the same Lloyd iterations from the same start; without it, k-means++ with
N_INIT restarts (random_state=0). TOL is sklearn's: relative to the mean feature variance
(tol_abs = TOL * mean(var(X, axis=0))), compared with the sum of the centres' squared shifts;
TOL = 0 runs until the labels stop changing. TOL written as abs:V sets tol so that tol_abs = V
(tol = V / mean(var(X))), the absolute threshold on squared centre shifts our engine uses (ours
bounds the largest shift of one centre, sklearn the sum over centres: at most k times stricter). With --standardize the timed work also includes
StandardScaler (as kmeansSegments z-scores its features).

Prints one JSON line: seconds (fit only, perf_counter), cpuSeconds (process_time around the
same work: on a shared machine it moves far less than wall-clock time), iterations (n_iter_ of the kept run),
inertia, sizes, peakRssMB (this process's max RSS), threads (BLAS/OpenMP pools after limiting).
"""
import os

# One thread, set before numpy/sklearn load their OpenMP and BLAS runtimes.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    standardize = "--standardize" in sys.argv
    path, dim, k, n_init, max_iter, tol = args[:6]
    dim, k, n_init, max_iter = int(dim), int(k), int(n_init), int(max_iter)
    init_path = args[6] if len(args) > 6 and args[6] != "-" else None
    X = np.fromfile(path, dtype="<f8").reshape(-1, dim)
    if tol.startswith("abs:"):
        # sklearn scales tol by the mean variance of the data it clusters (after StandardScaler,
        # 1 per feature up to rounding): compute it on what KMeans will see.
        variance = 1.0 if standardize else float(np.mean(np.var(X, axis=0)))
        tol = float(tol[4:]) / variance
    else:
        tol = float(tol)
    init = "k-means++"
    if init_path is not None:
        init = np.fromfile(init_path, dtype="<f8").reshape(k, dim)
        n_init = 1
    with threadpool_limits(limits=1):
        threads = sorted({p["num_threads"] for p in threadpool_info()})
        t0 = time.perf_counter()
        c0 = time.process_time()
        Z = StandardScaler().fit_transform(X) if standardize else X
        km = KMeans(
            n_clusters=k,
            init=init,
            n_init=n_init,
            max_iter=max_iter,
            tol=tol,
            algorithm="lloyd",
            random_state=0,
        ).fit(Z)
        seconds = time.perf_counter() - t0
        cpu_seconds = time.process_time() - c0
    sizes = np.bincount(km.labels_, minlength=k)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpuSeconds": cpu_seconds,
                "iterations": int(km.n_iter_),
                "inertia": float(km.inertia_),
                "sizes": sorted((int(s) for s in sizes), reverse=True),
                "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "threads": threads,
                "tol": tol,
            }
        )
    )


if __name__ == "__main__":
    main()
