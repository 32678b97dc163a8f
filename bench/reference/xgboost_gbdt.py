#!/usr/bin/env python3
"""XGBoost (Debian's python3-xgboost, tree_method hist) on the matrix GbdtBench.cs writes: raw little-endian float32
files x_train.f32 (rows x features, row-major, NaN = missing), y_train.f32, x_valid.f32, y_valid.f32 in --dir.
Settings mirror the LightGBM side as far as the two libraries allow (see GbdtBench.cs). Prints one JSON line:
fit seconds (DMatrix construction + training), validation MSE, version."""
import argparse
import json
import os
import time

import numpy as np
import xgboost as xgb

ap = argparse.ArgumentParser()
ap.add_argument("--dir", required=True)
ap.add_argument("--features", type=int, required=True)
ap.add_argument("--rounds", type=int, required=True)
ap.add_argument("--threads", type=int, default=2)
args = ap.parse_args()


def load(name, cols):
    a = np.fromfile(os.path.join(args.dir, name), dtype="<f4")
    return a.reshape(-1, cols) if cols > 1 else a


x_train, y_train = load("x_train.f32", args.features), load("y_train.f32", 1)
x_valid, y_valid = load("x_valid.f32", args.features), load("y_valid.f32", 1)
params = {
    "objective": "reg:squarederror",
    "tree_method": "hist",
    "grow_policy": "lossguide",  # leaf-wise, as LightGBM grows
    "max_leaves": 210,
    "max_depth": 8,
    "eta": 0.2,
    "subsample": 0.8789,
    "colsample_bytree": 0.8879,
    "reg_alpha": 205.6999,
    "reg_lambda": 580.9768,
    "min_child_weight": 20,  # squared error: hessian 1 per row, so LightGBM's min_data_in_leaf 20
    "max_bin": 255,
    "nthread": args.threads,
    "seed": 0,
}
t0 = time.perf_counter()
dtrain = xgb.DMatrix(x_train, label=y_train, missing=np.nan, nthread=args.threads)
booster = xgb.train(params, dtrain, num_boost_round=args.rounds)
fit = time.perf_counter() - t0
pred = booster.predict(xgb.DMatrix(x_valid, missing=np.nan, nthread=args.threads))
mse = float(np.mean((pred.astype(np.float64) - y_valid.astype(np.float64)) ** 2))
print(json.dumps({"fit_seconds": round(fit, 3), "valid_mse": mse, "version": xgb.__version__}), flush=True)
