"""pandas side of `dotnet run -c Release --project bench/AlphaSharp.Bench -- factors`.

Reads the panel the C# bench wrote (int32 T, int32 N, then float32 close[N*T], volume[N*T], uint8 member[N*T], all
instrument-major), builds wide T x N frames (dates down, instruments across: the fastest pandas layout, one C loop
per column) and times each operator with the idiom a pandas user (or Qlib) would write. Prints one JSON object per
line: {"op": ..., "seconds": best wall time of the runs, "cpu_seconds": best process CPU time}.
Run with Debian's python3 (pandas 1.5): /usr/bin/python3 bench/reference/pandas_factors.py PANEL.bin [--quick]
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy.stats import percentileofscore

path = sys.argv[1]
quick = "--quick" in sys.argv
with open(path, "rb") as f:
    T, N = np.frombuffer(f.read(8), dtype=np.int32)
    close = np.frombuffer(f.read(4 * N * T), dtype=np.float32).reshape(N, T).T
    volume = np.frombuffer(f.read(4 * N * T), dtype=np.float32).reshape(N, T).T
    member = np.frombuffer(f.read(N * T), dtype=np.uint8).reshape(N, T).T.astype(bool)
c = pd.DataFrame(close.astype(np.float64))
v = pd.DataFrame(volume.astype(np.float64))
mask = pd.DataFrame(member)
n = 20
t_index = pd.Series(np.arange(T, dtype=np.float64))


def slope(x):
    # Rolling OLS slope on the day index: cov(x, t) / var(t) with rolling moments (vectorised over instruments).
    tt = pd.DataFrame(np.repeat(np.arange(T, dtype=np.float64)[:, None], x.shape[1], axis=1)).where(x.notna())
    r = x.rolling(n, min_periods=1)
    cov = (x * tt).rolling(n, min_periods=1).mean() - r.mean() * tt.rolling(n, min_periods=1).mean()
    var = (tt * tt).rolling(n, min_periods=1).mean() - tt.rolling(n, min_periods=1).mean() ** 2
    return cov / var


def rsquare(x):
    tt = pd.DataFrame(np.repeat(np.arange(T, dtype=np.float64)[:, None], x.shape[1], axis=1)).where(x.notna())
    return x.rolling(n, min_periods=1).corr(tt) ** 2


def resi(x):
    tt = pd.DataFrame(np.repeat(np.arange(T, dtype=np.float64)[:, None], x.shape[1], axis=1)).where(x.notna())
    b = slope(x)
    a = x.rolling(n, min_periods=1).mean() - b * tt.rolling(n, min_periods=1).mean()
    return x - (a + b * tt)


def wma(x):
    def f(w):
        ok = ~np.isnan(w)
        k = np.arange(n - len(w) + 1, n + 1, dtype=float)
        return np.dot(k[ok], w[ok]) / k[ok].sum() if ok.any() else np.nan
    return x.rolling(n, min_periods=1).apply(f, raw=True)


def mad(x):
    return x.rolling(n, min_periods=1).apply(lambda w: np.nanmean(np.abs(w - np.nanmean(w))), raw=True)


ops = {
    "Mean($close,20)": lambda: c.rolling(n, min_periods=1).mean(),
    "Sum($close,20)": lambda: c.rolling(n, min_periods=1).sum(),
    "Std($close,20)": lambda: c.rolling(n, min_periods=1).std(),
    "Var($close,20)": lambda: c.rolling(n, min_periods=1).var(),
    "Skew($close,20)": lambda: c.rolling(n, min_periods=1).skew(),
    "Kurt($close,20)": lambda: c.rolling(n, min_periods=1).kurt(),
    "Max($close,20)": lambda: c.rolling(n, min_periods=1).max(),
    "Min($close,20)": lambda: c.rolling(n, min_periods=1).min(),
    "Med($close,20)": lambda: c.rolling(n, min_periods=1).median(),
    "Quantile($close,20,0.8)": lambda: c.rolling(n, min_periods=1).quantile(0.8),
    "Count($close,20)": lambda: c.rolling(n, min_periods=1).count(),
    "Rank($close,20)": lambda: c.rolling(n, min_periods=1).rank(pct=True),
    "IdxMax($close,20)": lambda: c.rolling(n, min_periods=1).apply(lambda w: np.nanargmax(w) + 1, raw=True),
    "IdxMin($close,20)": lambda: c.rolling(n, min_periods=1).apply(lambda w: np.nanargmin(w) + 1, raw=True),
    "Mad($close,20)": lambda: mad(c),
    "Slope($close,20)": lambda: slope(c),
    "Rsquare($close,20)": lambda: rsquare(c),
    "Resi($close,20)": lambda: resi(c),
    "WMA($close,20)": lambda: wma(c),
    "EMA($close,20)": lambda: c.ewm(span=n, min_periods=1).mean(),
    "Corr($close,$volume,20)": lambda: c.rolling(n, min_periods=1).corr(v),
    "Cov($close,$volume,20)": lambda: c.rolling(n, min_periods=1).cov(v),
    "Ref($close,5)": lambda: c.shift(5),
    "Delta($close,5)": lambda: c - c.shift(5),
    "Log($volume+1)": lambda: np.log(v + 1),
    "Greater($close-Ref($close,1),0)": lambda: np.maximum(c - c.shift(1), 0),
    "CSRank($close)": lambda: c.where(mask).rank(axis=1, pct=True),
    "CSZScore($close)": lambda: c.where(mask).sub(c.where(mask).mean(axis=1), axis=0).div(c.where(mask).std(axis=1), axis=0),
}
slow = {"IdxMax($close,20)", "IdxMin($close,20)", "Mad($close,20)", "WMA($close,20)"}
for name, f in ops.items():
    runs = 1 if name in slow or quick else 3
    best, best_cpu = float("inf"), float("inf")
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        f()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    print(json.dumps({"op": name, "seconds": best, "cpu_seconds": best_cpu}), flush=True)
