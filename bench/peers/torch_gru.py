"""PyTorch peer of bench/nn/gru.ts: nn.GRU forward + backward, batch 32 x 100 steps x 64 features x 64 units.

One thread. PyTorch's GRU applies the reset gate after the recurrent product, like Keras reset_after=True.
With --lengths the batch is packed (pack_padded_sequence) with random lengths in 50..100.
"""
import argparse
import statistics
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--reps", type=int, default=20)
p.add_argument("--lengths", action="store_true")
a = p.parse_args()
torch.set_num_threads(1)
torch.manual_seed(1)
n, steps, d, u = 32, 100, 64, 64
net = torch.nn.GRU(d, u, batch_first=True)
x = torch.randn(n, steps, d, requires_grad=True)
r = torch.randn(n, steps, u)
lengths = torch.randint(50, 101, (n,)) if a.lengths else None


def once():
    t0 = time.perf_counter()
    if lengths is None:
        y, _ = net(x)
    else:
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        y, _ = torch.nn.utils.rnn.pad_packed_sequence(net(packed)[0], batch_first=True, total_length=steps)
    (y * r).sum().backward()
    ms = (time.perf_counter() - t0) * 1000
    net.zero_grad()
    x.grad = None
    return ms


for _ in range(3):
    once()
times = [once() for _ in range(a.reps)]
print(f"torch {torch.__version__} (1 thread) median {statistics.median(times):.1f} ms, min {min(times):.1f} ms per forward+backward")
