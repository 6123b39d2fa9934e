"""Peer of bench/anomaly/scan.ts: the same seasonal detector (running-median trend over 2*period+1 points,
per-position median profile, residual 1.4826*MAD floored at 1 % of the range, |z| >= 3.5 flagged) in NumPy,
over the very series the TypeScript side wrote (float64, little endian, row-major series x points).

    python3 bench/peers/anomaly_scan.py FILE SERIES POINTS PERIOD

Prints one JSON line: {"seconds": ..., "cpuSeconds": ..., "anomalies": ...} (wall and process CPU time).
"""
import json
import sys
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def running_median(x: np.ndarray, width: int) -> np.ndarray:
    half = width // 2
    n = x.shape[0]
    out = np.empty(n)
    out[half:n - half] = np.median(sliding_window_view(x, width), axis=1)
    # Ends: the window shrinks, as in the TypeScript detector.
    for i in list(range(half)) + list(range(n - half, n)):
        out[i] = np.median(x[max(0, i - half):min(n, i + half + 1)])
    return out


def detect(x: np.ndarray, period: int, threshold: float = 3.5) -> int:
    trend = running_median(x, max(5, (2 * period + 1) | 1))
    d = x - trend
    pos = np.arange(x.shape[0]) % period
    profile = np.array([np.median(d[pos == p]) for p in range(period)])
    profile -= np.median(profile)
    resid = d - profile[pos]
    center = np.median(resid)
    mad = np.median(np.abs(resid - center))
    scale = max(1.4826 * mad, 0.01 * (resid.max() - resid.min()), 1e-9 * max(1.0, abs(center)))
    z = np.abs(resid) / scale
    return int(np.count_nonzero(z >= threshold))


def main() -> None:
    path, series, points, period = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    data = np.fromfile(path, dtype="<f8").reshape(series, points)
    t0 = time.perf_counter()
    c0 = time.process_time()
    anomalies = sum(detect(data[s], period) for s in range(series))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"seconds": seconds, "cpuSeconds": cpu, "anomalies": anomalies}))


if __name__ == "__main__":
    main()
