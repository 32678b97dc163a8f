#!/usr/bin/env python3
"""Reference half of `AlphaSharp.Bench svm`: fits sklearn's SVC / SVR on the CSV the C# half wrote and prints one
JSON line per fit: {"case", "seconds", "n_support", "intercept", "decision": [first 200 training rows]}."""
import json
import sys
import time

import numpy as np
from sklearn.svm import SVC, SVR

data = np.loadtxt(sys.argv[1], delimiter=",")
x, label, target = data[:, 2:], data[:, 0].astype(int), data[:, 1]
for case, model, y in [("svc_rbf", SVC(kernel="rbf", C=1.0, gamma="scale", tol=1e-3, cache_size=200), label),
                       ("svr_rbf", SVR(kernel="rbf", C=1.0, gamma="scale", epsilon=0.1, tol=1e-3, cache_size=200), target)]:
    start = time.perf_counter()
    model.fit(x, y)
    seconds = time.perf_counter() - start
    f = model.decision_function(x[:200]) if case == "svc_rbf" else model.predict(x[:200])
    print(json.dumps(dict(case=case, seconds=seconds, n_support=int(len(model.support_)),
                          intercept=float(model.intercept_[0]), decision=[float(v) for v in f])))
