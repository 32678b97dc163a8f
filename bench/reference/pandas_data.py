"""pandas side of `AlphaSharp.Bench data`: times pandas.read_csv of a long bars CSV (gzip) and prints one JSON line.

Usage: /usr/bin/python3 bench/reference/pandas_data.py BARS_CSV_GZ [REPEAT]
Reported: the best wall time of REPEAT reads (default 2) with the C parser, and the row and column counts, so the
C# side can check both read the same table. read_csv alone builds a DataFrame; AlphaSharp's timed import also
builds the date x symbol panel, so the comparison favours pandas.
"""
import json
import sys
import time

import pandas as pd


def main() -> None:
    path = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    best = float("inf")
    frame = None
    for _ in range(repeat):
        start = time.perf_counter()
        frame = pd.read_csv(path, dtype={"symbol": str})
        best = min(best, time.perf_counter() - start)
    close_sum = float(frame["close"].astype("float64").sum())
    print(json.dumps({"seconds": best, "rows": len(frame), "columns": frame.shape[1],
                      "symbols": int(frame["symbol"].nunique()), "close_sum": close_sum,
                      "pandas": pd.__version__}))


if __name__ == "__main__":
    main()
