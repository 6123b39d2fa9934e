"""PyTorch peer for bench/nn/cifar10.ts: the seed's CNN on the pixels Northstar decoded (raw float32 NHWC files).

    /usr/bin/python3 bench/peers/torch_cifar.py DIR EPOCHS BATCH_SIZE   -> one JSON line
"""
import json
import sys
import time

import numpy as np
import torch

d, epochs, bs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(1)
torch.manual_seed(1)
xtr = torch.from_numpy(np.fromfile(f"{d}/xtrain.f32", dtype=np.float32).reshape(-1, 32, 32, 3)).permute(0, 3, 1, 2).contiguous()
ytr = torch.from_numpy(np.fromfile(f"{d}/ytrain.f32", dtype=np.float32).astype(np.int64))
xte = torch.from_numpy(np.fromfile(f"{d}/xtest.f32", dtype=np.float32).reshape(-1, 32, 32, 3)).permute(0, 3, 1, 2).contiguous()
yte = np.fromfile(f"{d}/ytest.f32", dtype=np.float32).astype(np.int64)
nn = torch.nn
model = nn.Sequential(
    nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(128 * 4 * 4, 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
t0 = time.perf_counter()
for epoch in range(epochs):
    model.train()
    perm = torch.randperm(len(ytr))
    for s in range(0, len(ytr), bs):
        idx = perm[s:s + bs]
        opt.zero_grad()
        loss = loss_fn(model(xtr[idx]), ytr[idx])
        loss.backward()
        opt.step()
    print(f"epoch {epoch + 1}/{epochs} loss {float(loss):.4f}", file=sys.stderr)
secs = time.perf_counter() - t0
model.eval()
with torch.no_grad():
    pred = torch.cat([model(xte[i:i + 500]).argmax(1) for i in range(0, len(yte), 500)]).numpy()
print(json.dumps({"accuracy": float((pred == yte).mean()), "trainSeconds": secs, "threads": 1}))
