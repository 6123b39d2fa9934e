"""PyTorch peer for bench/nn/vgg-bn-profile.ts: per-layer forward and backward milliseconds of one `vgg-bn`
training step (batch 64, 32x32x3, Adam), one thread, CPU milliseconds (time.process_time), median over STEPS steps after two warm-up steps.

    GLIBC_TUNABLES=glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=4294967295 \
    OMP_WAIT_POLICY=PASSIVE taskset -c 0 /usr/bin/python3 bench/peers/torch_vgg_profile.py [STEPS] [--ops] [--flush-denormal]

The malloc tunables are the ones bench/nn/cifar10.ts gives its PyTorch peer: without them glibc returns every large
activation to the OS after each step and the next step page-faults it back in (measured here: 284 instead of
144 CPU ms per step).

Forward: a timer around each module. Backward: a hook on every layer's output tensor records when its gradient
is ready; layer i's backward time is the gap until the gradient of its input (the previous output) is ready, the
first layer's until backward() returns. `--flush-denormal` sets torch.set_flush_denormal(True) (the CIFAR peer
does not; it shows how much of a layer's time is denormal arithmetic). `--ops` also prints torch.autograd.profiler's per-op table for one step.
"""
import statistics
import sys
import time

import torch

steps = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10
torch.set_num_threads(1)
if "--flush-denormal" in sys.argv:
    torch.set_flush_denormal(True)
torch.manual_seed(1)
nn = torch.nn


def conv_bn(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01), nn.ReLU()]


layers = [
    *conv_bn(3, 32), *conv_bn(32, 32), nn.MaxPool2d(2),
    *conv_bn(32, 64), *conv_bn(64, 64), nn.MaxPool2d(2),
    *conv_bn(64, 128), *conv_bn(128, 128), nn.MaxPool2d(2),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(),
    nn.Linear(128, 256), nn.ReLU(), nn.Dropout(0.3), nn.Linear(256, 10)]
model = nn.Sequential(*layers)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(64, 3, 32, 32)
y = torch.randint(0, 10, (64,))
names = [f"{i:2d} {type(m).__name__}" + (f" {m.in_channels}->{m.out_channels}" if isinstance(m, nn.Conv2d) else "")
         for i, m in enumerate(layers)]
fwd = [[] for _ in range(len(layers) + 2)]
bwd = [[] for _ in range(len(layers) + 1)]
totals = []


def step(record):
    t0 = time.process_time()
    opt.zero_grad()
    h = x
    outs = []
    for i, m in enumerate(layers):
        s = time.process_time()
        h = m(h)
        if record:
            fwd[i].append((time.process_time() - s) * 1e3)
        outs.append(h)
    s = time.process_time()
    loss = loss_fn(h, y)
    if record:
        fwd[len(layers)].append((time.process_time() - s) * 1e3)
    ready = [0.0] * len(outs)
    for i, o in enumerate(outs):
        if o.requires_grad:
            o.register_hook(lambda g, i=i: ready.__setitem__(i, time.process_time()))
    b0 = time.process_time()
    loss.backward()
    b1 = time.process_time()
    s = time.process_time()
    opt.step()
    if record:
        fwd[len(layers) + 1].append((time.process_time() - s) * 1e3)
        bwd[len(layers)].append((ready[-1] - b0) * 1e3)
        for i in range(len(outs)):
            end = ready[i - 1] if i > 0 else b1
            bwd[i].append((end - ready[i]) * 1e3)
        totals.append((time.process_time() - t0) * 1e3)


step(False)
step(False)
for _ in range(steps):
    step(True)
med = statistics.median
print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread; batch 64; median of {steps} steps (CPU ms)")
print("| layer | forward | backward |")
print("|---|---:|---:|")
for i, n in enumerate(names + ["loss", "optimizer"]):
    b = f"{med(bwd[i]):.2f}" if i < len(bwd) else "-"
    print(f"| {n} | {med(fwd[i]):.2f} | {b} |")
print(f"| sum of medians | {sum(med(f) for f in fwd):.1f} | {sum(med(b) for b in bwd):.1f} |")
print(f"step median {med(totals):.1f} ms -> {med(totals) * 10000 / 64 / 1000:.1f} s per 10,000-image epoch")
if "--ops" in sys.argv:
    with torch.autograd.profiler.profile() as prof:
        step(False)
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=15))
