#!/usr/bin/env python3
"""PyTorch side of `AlphaSharp.Bench rl`: the same loop as bench/AlphaSharp.Bench/RlBench.cs.

Reads a CSV (open, close, then the features, one row per day) written by the C# side and runs
  1. environment steps: a one-stock account stepping random hold/buy/sell actions, a decision at t filled at the
     open of t+1 in lots of 100 with a 0.025 % commission (minimum 5) and a 0.1 % stamp duty on sells, marked at the
     close, the reward the day's return, the observation the z-scored window of features plus 4 position values (the
     loop FinRL-style environments run, in Python with numpy; no limits or T+1 checks, which only makes it faster);
  2. DQN updates: an LSTM Q-network (2 layers, same sizes), a target network, Huber loss on r + g max Q_target(s'),
     Adam, gradient clipping, batches drawn uniformly from a replay of observations.
Prints one JSON line: {"env_steps_per_s": ..., "updates_per_s": ..., "threads": ...}.
Run with Debian's python3-torch: /usr/bin/python3 bench/reference/torch_rl.py DATA.csv WINDOW HIDDEN BATCH STEPS UPDATES THREADS
"""
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn


class QNet(nn.Module):
    def __init__(self, features, hidden, actions=3):
        super().__init__()
        self.rnn = nn.LSTM(features, hidden, 2, batch_first=True)
        self.fc_out = nn.Linear(hidden, actions)

    def forward(self, x):
        return self.fc_out(self.rnn(x)[0][:, -1])


def main():
    path, window, hidden, batch, steps, updates, threads = sys.argv[1], *map(int, sys.argv[2:8])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    data = np.loadtxt(path, delimiter=",", dtype=np.float64)
    opens, closes, feats = data[:, 0], data[:, 1], data[:, 2:].astype(np.float32)
    days, f = feats.shape
    mean, std = feats.mean(0), feats.std(0) + 1e-12
    scaled = ((feats - mean) / std).astype(np.float32)
    rng = np.random.default_rng(1)

    # 1. environment steps
    def observation(t, cash, shares, value, refused):
        obs = np.zeros((window, f + 4), dtype=np.float32)
        obs[:, :f] = scaled[t - window + 1:t + 1]
        obs[:, f] = 1.0 if shares > 0 else 0.0
        obs[:, f + 1] = cash / value
        obs[:, f + 3] = refused
        return obs

    t0 = time.perf_counter()
    done_steps = 0
    while done_steps < steps:
        t, cash, shares, value = window - 1, 100000.0, 0.0, 100000.0
        obs = observation(t, cash, shares, value, 0.0)
        while t + 1 < days and done_steps < steps:
            a = int(rng.integers(3))
            t += 1
            p = opens[t]
            refused = 0.0
            if a == 1 and cash > 0:
                q = np.floor(cash / (p * 1.00025) / 100) * 100
                if q > 0:
                    v = q * p
                    fee = max(v * 0.00025, 5.0)
                    if v + fee <= cash:
                        cash -= v + fee
                        shares += q
                else:
                    refused = 1.0
            elif a == 2 and shares > 0:
                v = shares * p
                cash += v - max(v * 0.00025, 5.0) - v * 0.001
                shares = 0.0
            new_value = cash + shares * closes[t]
            reward = new_value / value - 1
            value = new_value
            obs = observation(t, cash, shares, value, refused)
            done_steps += 1
    env_seconds = time.perf_counter() - t0

    # 2. DQN updates on a replay of random observations
    online, target = QNet(f + 4, hidden), QNet(f + 4, hidden)
    target.load_state_dict(online.state_dict())
    opt = torch.optim.Adam(online.parameters(), lr=1e-3)
    n = 2048
    states = torch.randn(n, window, f + 4)
    nexts = torch.randn(n, window, f + 4)
    actions = torch.randint(0, 3, (n,))
    rewards = torch.randn(n) * 0.01
    dones = torch.zeros(n)
    gen = torch.Generator().manual_seed(2)
    for warm in range(2):
        pass
    t0 = time.perf_counter()
    for u in range(updates):
        idx = torch.randint(0, n, (batch,), generator=gen)
        with torch.no_grad():
            y = rewards[idx] + 0.99 * (1 - dones[idx]) * target(nexts[idx]).max(1).values
        q = online(states[idx]).gather(1, actions[idx].unsqueeze(1)).squeeze(1)
        loss = nn.functional.huber_loss(q, y)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(online.parameters(), 10.0)
        opt.step()
        if (u + 1) % 250 == 0:
            target.load_state_dict(online.state_dict())
    update_seconds = time.perf_counter() - t0
    print(json.dumps({"env_steps_per_s": steps / env_seconds, "updates_per_s": updates / update_seconds, "threads": threads}))


if __name__ == "__main__":
    main()
