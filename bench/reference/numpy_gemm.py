#!/usr/bin/env python3
"""numpy (OpenBLAS) SGEMM GFLOP/s for the shapes GemmBench.cs passes; one JSON line per shape.
Thread count comes from OPENBLAS_NUM_THREADS, set by the caller."""
import argparse
import json
import time

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--shapes", required=True, help="m,n,k,transb;...")
ap.add_argument("--quick", action="store_true")
args = ap.parse_args()
seconds = 0.2 if args.quick else 1.0
rng = np.random.default_rng(1)
for spec in args.shapes.split(";"):
    m, n, k, tb = map(int, spec.split(","))
    a = (rng.random((m, k), dtype=np.float32) - 0.5)
    b = (rng.random((n, k) if tb else (k, n), dtype=np.float32) - 0.5)
    bb = b.T if tb else b
    c = np.empty((m, n), dtype=np.float32)
    np.matmul(a, bb, out=c)
    reps, t0 = 0, time.perf_counter()
    while reps < 3 or time.perf_counter() - t0 < seconds:
        np.matmul(a, bb, out=c)
        reps += 1
    gf = 2.0 * m * n * k * reps / (time.perf_counter() - t0) / 1e9
    print(json.dumps({"m": m, "n": n, "k": k, "transb": bool(tb), "gflops": round(gf, 2)}), flush=True)
