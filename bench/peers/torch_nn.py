"""PyTorch peer for bench/nn (Debian python3-torch): W1 MLP training and W3 SGEMM, same workloads as
bench/nn/mlp.ts and bench/nn/sgemm.ts. Prints one JSON line.

    /usr/bin/python3 bench/peers/torch_nn.py --workload w1|w2|w3 --threads N [--samples 60000]

Run it with OMP_WAIT_POLICY=PASSIVE and
GLIBC_TUNABLES=glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=4294967295 (bench/nn/run.ts does).
"""
import argparse
import json
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--workload", choices=["w1", "w2", "w3"], required=True)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--samples", type=int, default=60000)
p.add_argument("--size", type=int, default=1024)
p.add_argument("--reps", type=int, default=9)
args = p.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(1)

if args.workload == "w3":
    n = args.size
    a = torch.rand(n, n) - 0.5
    b = torch.rand(n, n) - 0.5
    c = torch.empty(n, n)
    torch.mm(a, b, out=c)
    times = []
    for _ in range(args.reps):
        t0 = time.perf_counter()
        torch.mm(a, b, out=c)
        times.append(time.perf_counter() - t0)
    times.sort()
    med = times[len(times) // 2]
    print(json.dumps({"workload": "W3", "engine": f"torch-{args.threads}t", "size": n, "medianSeconds": round(med, 5),
                      "gflops": round(2 * n ** 3 / med / 1e9, 1)}))
elif args.workload == "w2":
    n = args.samples
    x = torch.rand(n, 1, 28, 28)
    y = torch.randint(0, 10, (n,))
    model = torch.nn.Sequential(torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Conv2d(32, 64, 3),
                                torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(1600, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    for i in range(3):
        opt.zero_grad(); loss_fn(model(x[i * 64:(i + 1) * 64]), y[i * 64:(i + 1) * 64]).backward(); opt.step()
    t0 = time.perf_counter()
    perm = torch.randperm(n)
    for s in range(0, n, 64):
        idx = perm[s:s + 64]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
    secs = time.perf_counter() - t0
    print(json.dumps({"workload": "W2", "engine": f"torch-{args.threads}t", "samples": n, "seconds": round(secs, 3),
                      "samplesPerSec": round(n / secs), "gflops": round(n * 15.4e6 / secs / 1e9, 1)}))
else:
    n = args.samples
    x = torch.rand(n, 784)
    y = torch.randint(0, 10, (n,))
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step(xb, yb):
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        return loss

    for i in range(5):  # warm-up
        step(x[i * 128:(i + 1) * 128], y[i * 128:(i + 1) * 128])
    t0 = time.perf_counter()
    perm = torch.randperm(n)
    for s in range(0, n, 128):
        idx = perm[s:s + 128]
        loss = step(x[idx], y[idx])
    secs = time.perf_counter() - t0
    flops = 6 * (784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10)
    print(json.dumps({"workload": "W1", "engine": f"torch-{args.threads}t", "samples": n, "seconds": round(secs, 3),
                      "samplesPerSec": round(n / secs), "gflops": round(n * flops / secs / 1e9, 1),
                      "finalLoss": float(loss)}))
