"""PyTorch peer for bench/nn/cifar10.ts: the same CNN as `buildImageModel(arch)` in
src/core/models/image-architectures.ts, trained on the pixels Northstar decoded (raw float32 NHWC files).

    /usr/bin/python3 bench/peers/torch_cifar.py DIR EPOCHS BATCH_SIZE [seed|vgg-bn]   -> one JSON line

Initialisation follows Northstar's (Keras') defaults rather than PyTorch's, so that only the engines differ:
Glorot-uniform kernels, zero biases, BatchNorm gamma 1 / beta 0. BatchNorm2d uses eps 1e-3 and
momentum 0.01 (PyTorch's momentum is 1 - Keras' 0.99). One thread; per-epoch seconds go to stderr and the JSON.
"""
import json
import sys
import time

import numpy as np
import torch

d, epochs, bs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
arch = sys.argv[4] if len(sys.argv) > 4 else "seed"
torch.set_num_threads(1)
torch.manual_seed(1)
xtr = torch.from_numpy(np.fromfile(f"{d}/xtrain.f32", dtype=np.float32).reshape(-1, 32, 32, 3)).permute(0, 3, 1, 2).contiguous()
ytr = torch.from_numpy(np.fromfile(f"{d}/ytrain.f32", dtype=np.float32).astype(np.int64))
xte = torch.from_numpy(np.fromfile(f"{d}/xtest.f32", dtype=np.float32).reshape(-1, 32, 32, 3)).permute(0, 3, 1, 2).contiguous()
yte = np.fromfile(f"{d}/ytest.f32", dtype=np.float32).astype(np.int64)
nn = torch.nn


def conv_bn(cin, cout):
    # Conv without bias (the BN beta replaces it), BN with Keras' eps and the complementary momentum, ReLU.
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01), nn.ReLU()]


if arch == "seed":
    model = nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(128 * 4 * 4, 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 10))
elif arch == "vgg-bn":
    model = nn.Sequential(
        *conv_bn(3, 32), *conv_bn(32, 32), nn.MaxPool2d(2),
        *conv_bn(32, 64), *conv_bn(64, 64), nn.MaxPool2d(2),
        *conv_bn(64, 128), *conv_bn(128, 128), nn.MaxPool2d(2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        nn.Linear(128, 256), nn.ReLU(), nn.Dropout(0.3), nn.Linear(256, 10))
else:
    sys.exit(f"unknown arch {arch!r}: expected seed or vgg-bn")

for m in model.modules():
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(m.weight)
        if m.bias is not None:
            nn.init.zeros_(m.bias)

opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
epoch_seconds = []
t0 = time.perf_counter()
for epoch in range(epochs):
    te = time.perf_counter()
    model.train()
    perm = torch.randperm(len(ytr))
    for s in range(0, len(ytr), bs):
        idx = perm[s:s + bs]
        opt.zero_grad()
        loss = loss_fn(model(xtr[idx]), ytr[idx])
        loss.backward()
        opt.step()
    epoch_seconds.append(time.perf_counter() - te)
    print(f"[torch] epoch {epoch + 1}/{epochs} loss {float(loss):.4f} {epoch_seconds[-1]:.1f} s", file=sys.stderr, flush=True)
secs = time.perf_counter() - t0
model.eval()
with torch.no_grad():
    pred = torch.cat([model(xte[i:i + 500]).argmax(1) for i in range(0, len(yte), 500)]).numpy()
print(json.dumps({"accuracy": float((pred == yte).mean()), "trainSeconds": secs, "epochSeconds": epoch_seconds,
                  "threads": torch.get_num_threads(), "version": torch.__version__}))
