"""numpy/scipy peers of Northstar's EASE, ALS (conjugate gradient) and BPR, for bench/recommend/train-speed.ts.

Each reads the same training matrix (TSV: user, item, value; first line: n_users n_items), trains with the
hyper-parameters given on the command line, and prints one JSON line: seconds (training only, best of --runs)
(and CPU seconds) and the top-10 items of the first users (seen items removed) so the caller can check both sides agree.

  python3 bench/peers/recommend_peers.py ease train.tsv '{"lambda": 800}' --runs 3
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp


def load(path):
    with open(path) as f:
        n_users, n_items = map(int, f.readline().split())
    data = np.loadtxt(path, skiprows=1, dtype=np.float64, ndmin=2)
    rows, cols, vals = data[:, 0].astype(np.int64), data[:, 1].astype(np.int64), data[:, 2]
    return sp.csr_matrix((vals, (rows, cols)), shape=(n_users, n_items))


def ease(x, p):
    xb = x.copy()
    xb.data[:] = 1.0
    g = (xb.T @ xb).toarray()
    g[np.diag_indices_from(g)] += p["lambda"]
    inv = np.linalg.inv(g)
    b = inv / -np.diag(inv)
    b[np.diag_indices_from(b)] = 0.0
    return lambda users: (xb[users] @ b)


def als(x, p):
    # Hu-Koren-Volinsky implicit ALS with the conjugate-gradient solver, written as implicit's pure-numpy
    # least_squares_cg: a Python loop over rows, numpy for each row's vectors.
    f, reg, alpha, iters, cg = p["factors"], p["regularization"], p["alpha"], p["iterations"], p["cgSteps"]
    rng = np.random.default_rng(p.get("seed", 42))
    cu = x.copy()
    cu.data[:] = alpha  # confidence minus one, binary input
    ci = cu.T.tocsr()
    uf = (rng.random((x.shape[0], f)) * 0.01).astype(np.float32)
    itf = (rng.random((x.shape[1], f)) * 0.01).astype(np.float32)

    def sweep(c, xs, ys):
        yty = ys.T.astype(np.float64) @ ys + reg * np.eye(f)
        for u in range(c.shape[0]):
            s, e = c.indptr[u], c.indptr[u + 1]
            idx, conf = c.indices[s:e], c.data[s:e]
            xu = xs[u].astype(np.float64)
            yi = ys[idx].astype(np.float64)
            r = -yty @ xu + ((1 + conf - conf * (yi @ xu))[:, None] * yi).sum(axis=0)
            pv = r.copy()
            rs_old = r @ r
            if rs_old < 1e-20:
                continue
            for _ in range(cg):
                ap = yty @ pv + ((conf * (yi @ pv))[:, None] * yi).sum(axis=0)
                a = rs_old / (pv @ ap)
                xu += a * pv
                r -= a * ap
                rs_new = r @ r
                if rs_new < 1e-20:
                    break
                pv = r + (rs_new / rs_old) * pv
                rs_old = rs_new
            xs[u] = xu

    for _ in range(iters):
        sweep(cu, uf, itf)
        sweep(ci, itf, uf)
    return lambda users: uf[users] @ itf.T


def bpr(x, p):
    # BPR-MF with item biases, vectorised over mini-batches of 1,000 (sample-at-a-time SGD in a Python loop
    # would be orders of magnitude slower; this is the fastest plain-numpy form of the same updates).
    f, lr, reg, epochs = p["factors"], p["learningRate"], p["regularization"], p["epochs"]
    rng = np.random.default_rng(p.get("seed", 42))
    n_users, n_items = x.shape
    uf = rng.normal(0, 0.1 / np.sqrt(f), (n_users, f)).astype(np.float32)
    itf = rng.normal(0, 0.1 / np.sqrt(f), (n_items, f)).astype(np.float32)
    bias = np.zeros(n_items, dtype=np.float32)
    coo = x.tocoo()
    users, pos = coo.row, coo.col
    seen = set(zip(users.tolist(), pos.tolist()))
    batch = 1000
    for _ in range(epochs):
        order = rng.permutation(len(users))
        for s in range(0, len(order), batch):
            b = order[s : s + batch]
            u, i = users[b], pos[b]
            j = rng.integers(0, n_items, len(b))
            clash = np.fromiter(((a, c) in seen for a, c in zip(u.tolist(), j.tolist())), bool, len(b))
            while clash.any():
                j[clash] = rng.integers(0, n_items, int(clash.sum()))
                clash = np.fromiter(((a, c) in seen for a, c in zip(u.tolist(), j.tolist())), bool, len(b))
            wu, hi, hj = uf[u], itf[i], itf[j]
            xuij = bias[i] - bias[j] + np.einsum("ij,ij->i", wu, hi - hj)
            g = (1.0 / (1.0 + np.exp(xuij)))[:, None]
            np.add.at(bias, i, lr * (g[:, 0] - reg * bias[i]))
            np.add.at(bias, j, lr * (-g[:, 0] - reg * bias[j]))
            np.add.at(uf, u, lr * (g * (hi - hj) - reg * wu))
            np.add.at(itf, i, lr * (g * wu - reg * hi))
            np.add.at(itf, j, lr * (-g * wu - reg * hj))
    return lambda us: uf[us] @ itf.T + bias


def main():
    model, path, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1
    x = load(path)
    best = float("inf")
    best_cpu = float("inf")
    score = None
    for _ in range(runs):
        start = time.perf_counter()
        cpu = time.process_time()
        score = {"ease": ease, "als": als, "bpr": bpr}[model](x, params)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    users = list(range(min(20, x.shape[0])))
    s = np.asarray(score(users), dtype=np.float64)
    s[x[users].toarray() > 0] = -np.inf
    top = np.argsort(-s, axis=1, kind="stable")[:, :10]
    print(json.dumps({"model": model, "seconds": best, "cpuSeconds": best_cpu, "top10": top.tolist(), "numpy": np.__version__}))


if __name__ == "__main__":
    main()
