#!/usr/bin/env python3
"""PyTorch side of `alphasharp-bench nn`: the same models, batches and steps as bench/AlphaSharp.Bench/NnBench.cs.

Prints one JSON object per (config, batch, threads) line on stdout:
  {"config": ..., "batch": ..., "threads": ..., "train_sps": ..., "infer_sps": ..., "peak_rss_mb": ...}
A training step is forward + backward + Adam step on random float32 data, batch_first; inference is a no-grad
forward in eval mode. Run with Debian's python3-torch: /usr/bin/python3 bench/reference/torch_nn.py [--quick].
"""
import argparse
import json
import resource
import sys
import time

import os

import torch
import torch.nn as nn

# The whole AlphaNetV4 (operator layers included) is the fixture script's module: one torch definition for both.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "models"))
import make_alphanet_v4_fixture  # noqa: E402


class LastStep(nn.Module):
    """Recurrent stack -> last time step -> head."""

    def __init__(self, rnns, head):
        super().__init__()
        self.rnns = nn.ModuleList(rnns)
        self.head = head

    def forward(self, x):
        for rnn in self.rnns:
            x, _ = rnn(x)
        return self.head(x[:, -1, :])


class AlphaNetV4(nn.Module):
    """BN over features -> Bi-LSTM (206) + two Linear->TransformerEncoder branches -> BN -> attention pool -> Linear -> LeakyReLU."""

    def __init__(self, f=103, h=103, d=206, heads=2, ff=412, layers=2, branches=2):
        super().__init__()
        self.bn_in = nn.BatchNorm1d(f)
        self.bilstm = nn.LSTM(f, h, batch_first=True, bidirectional=True)
        self.proj = nn.ModuleList([nn.Linear(f, d) for _ in range(branches)])
        self.enc = nn.ModuleList([
            nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, ff, 0.1, batch_first=True), layers)
            for _ in range(branches)])
        self.bn_mid = nn.BatchNorm1d(d)
        self.score = nn.Linear(d, 1)
        self.out = nn.Linear(d, 1)
        self.act = nn.LeakyReLU()

    def forward(self, x):                      # x: (N, L, F)
        x = self.bn_in(x.transpose(1, 2)).transpose(1, 2)
        y, _ = self.bilstm(x)
        for p, e in zip(self.proj, self.enc):
            y = y + e(p(x))
        y = self.bn_mid(y.transpose(1, 2)).transpose(1, 2)
        w = torch.softmax(self.score(y), dim=1)  # (N, L, 1)
        pooled = (w * y).sum(dim=1)
        return self.act(self.out(pooled))


def build(name):
    if name == "qlib-lstm":
        return LastStep([nn.LSTM(6, 64, num_layers=2, batch_first=True)], nn.Linear(64, 1)), 60, 6, "mse"
    if name == "seed000":
        head = nn.Sequential(nn.Dropout(0.2), nn.Linear(256, 32), nn.ReLU(), nn.Linear(32, 1))
        return LastStep([nn.LSTM(10, 256, batch_first=True)], head), 20, 10, "mse"
    if name == "lstm-gru":
        return LastStep([nn.LSTM(10, 128, batch_first=True), nn.GRU(128, 64, batch_first=True)], nn.Linear(64, 1)), 20, 10, "mse"
    if name == "seed001":
        return LastStep([nn.LSTM(53, 150, num_layers=3, dropout=0.2, batch_first=True)], nn.Linear(150, 2)), 120, 53, "ce"
    if name == "alphanet-v4":
        return AlphaNetV4(), 20, 103, "mse"
    if name == "alphanet-v4-full":
        return make_alphanet_v4_fixture.AlphaNetV4(11, 20, [10, 2, 5, 20], list(range(103))), 39, 11, "mse"
    raise SystemExit(f"torch_nn.py: unknown config {name}")


CONFIGS = [("qlib-lstm", [800]), ("seed000", [256, 1024]), ("lstm-gru", [256, 1024]),
           ("seed001", [20, 256]), ("alphanet-v4", [256, 1024]), ("alphanet-v4-full", [256, 1024])]


def measure(name, batch, threads_list, seconds, min_steps, warm_each, warm_first=True):
    """Training and inference samples/s of one config at each thread count, on one model. The first thread count
    starts with a warm-up step (and a warm-up forward); later ones do too unless warm_each is False (--quick: the
    model is already warm, and the warm-ups would be most of the quick run's time)."""
    torch.manual_seed(0)
    model, seq, feat, loss_kind = build(name)
    x = torch.randn(batch, seq, feat)
    y = torch.randint(0, 2, (batch,)) if loss_kind == "ce" else torch.randn(batch, 1)
    loss_fn = nn.CrossEntropyLoss() if loss_kind == "ce" else nn.MSELoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    def timed(fn):
        n, t0 = 0, time.perf_counter()
        while n < min_steps or time.perf_counter() - t0 < seconds:
            fn()
            n += 1
        return n * batch / (time.perf_counter() - t0)

    results = []
    for i, threads in enumerate(threads_list):
        torch.set_num_threads(threads)
        warm = (i == 0 and warm_first) or warm_each
        model.train()
        if warm:
            step()
        train_sps = timed(step)
        model.eval()
        with torch.no_grad():
            if warm:
                model(x)
            infer_sps = timed(lambda: model(x))
        results.append((threads, train_sps, infer_sps))
    return results


def peak_rss_mb():
    """This process's own peak RSS (VmHWM). getrusage's ru_maxrss is not used: Linux carries the maxrss of the
    process that spawned us across exec, so under the C# bench it reported the .NET process's peak."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def serve(args):
    seconds, min_steps = (0.1, 1) if args.quick else (3.0, 5)
    threads = list(map(int, args.threads.split(",")))
    print("ready", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        name, batch = parts[0], int(parts[1])
        warm_first = len(parts) < 3 or parts[2] != "0"
        for t, train, infer in measure(name, batch, threads, seconds, min_steps, not args.quick, warm_first):
            print(json.dumps({"config": name, "batch": batch, "threads": t, "train_sps": round(train, 1),
                              "infer_sps": round(infer, 1), "peak_rss_mb": round(peak_rss_mb(), 1)}), flush=True)
        print("done", flush=True)
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="short timing windows (under a minute in all)")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--configs", default="", help="comma-separated config names (default: all)")
    ap.add_argument("--serve", action="store_true",
                    help="read 'config batch' lines on stdin and answer each with its JSON lines, then 'done': the C# "
                         "bench interleaves the two sides config by config so both see the same machine load")
    args = ap.parse_args()
    if args.serve:
        return serve(args)
    wanted = set(filter(None, args.configs.split(",")))
    seconds, min_steps = (0.1, 1) if args.quick else (3.0, 5)
    for name, batches in CONFIGS:
        if wanted and name not in wanted:
            continue
        for batch in batches:
            threads_list = list(map(int, args.threads.split(",")))
            for threads, train, infer in measure(name, batch, threads_list, seconds, min_steps, not args.quick):
                rss = peak_rss_mb()
                print(json.dumps({"config": name, "batch": batch, "threads": threads, "train_sps": round(train, 1),
                                  "infer_sps": round(infer, 1), "peak_rss_mb": round(rss, 1)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
