"""scikit-learn peers for bench/nn/telco-kfold.ts: LogisticRegression and MLPClassifier on the folds and the
encoded features Northstar used (StandardScaler fitted per fold). Prints markdown table rows.

    /usr/bin/python3 bench/peers/sklearn_tabular.py data.json
"""
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

d = json.load(open(sys.argv[1]))
x = np.array(d["x"], dtype=np.float64).reshape(-1, d["width"])
y = np.array(d["y"], dtype=np.int64)
folds = [np.array(f) for f in d["folds"]]

peers = {
    "scikit-learn LogisticRegression": lambda: LogisticRegression(max_iter=1000),
    "scikit-learn MLPClassifier (32)": lambda: MLPClassifier(hidden_layer_sizes=(32,), max_iter=30, batch_size=64, random_state=1),
}
for name, make in peers.items():
    accs, aucs = [], []
    t0 = time.perf_counter()
    for test in folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        sc = StandardScaler().fit(x[train])
        m = make().fit(sc.transform(x[train]), y[train])
        p = m.predict_proba(sc.transform(x[test]))[:, 1]
        accs.append(accuracy_score(y[test], p > 0.5))
        aucs.append(roc_auc_score(y[test], p))
    secs = time.perf_counter() - t0
    print(f"| {name} | {np.mean(accs):.4f} ± {np.std(accs):.4f} | {np.mean(aucs):.4f} ± {np.std(aucs):.4f} | {secs:.1f} s |")
