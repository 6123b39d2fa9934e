"""PyTorch peer for bench/nn/cifar10.ts: the same CNN as `buildImageModel(arch)` in
src/core/models/image-architectures.ts, trained on the pixels Northstar decoded (raw float32 NHWC files).

    /usr/bin/python3 bench/peers/torch_cifar.py DIR EPOCHS BATCH_SIZE [seed|seed-bn|vgg-bn] [SEED] [augment] [cosine] [keras-adam]
        -> one JSON line

Initialisation follows Northstar's (Keras') defaults rather than PyTorch's, so that only the engines differ:
Glorot-uniform kernels, zero biases, BatchNorm gamma 1 / beta 0. BatchNorm2d uses eps 1e-3 and
momentum 0.01 (PyTorch's momentum is 1 - Keras' 0.99); Adam's epsilon is Keras' 1e-7 (PyTorch's default is 1e-8;
Keras adds it to the unscaled sqrt(v), PyTorch to the bias-corrected one, a difference only in the first steps).
One thread; per-epoch seconds go to stderr and the JSON.

`augment` applies the distribution of Northstar's `createAugmenter(IMAGE_AUGMENTATION)` (src/nn/data/augment.ts,
what `northstar train image --augment` uses) to every training batch: see `augment` below.
"""
import json
import math
import sys
import time

import numpy as np
import torch

d, epochs, bs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
arch = sys.argv[4] if len(sys.argv) > 4 else "seed"
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
flags = set(sys.argv[6:])
use_augment = "augment" in flags
# `cosine`: Northstar's cosineDecay(1e-3, decaySteps = all training steps, alpha 0), the learning rate of step s
# (0-based) being 1e-3 * 0.5 * (1 + cos(pi * s / steps)), as buildImageModel compiles it when given totalSteps.
use_cosine = "cosine" in flags
# `keras-adam`: Keras' (and Northstar's) Adam adds epsilon to the unscaled sqrt(v): p -= lr * sqrt(1 - b2^t) /
# (1 - b1^t) * m / (sqrt(v) + eps). PyTorch adds it to sqrt(v / (1 - b2^t)); eps / sqrt(1 - b2^t) at step t
# makes the two identical (used to test whether that difference explains an accuracy gap).
keras_adam = "keras-adam" in flags
torch.set_num_threads(1)
torch.manual_seed(seed)
rng = np.random.default_rng(seed)
xtr_nhwc = np.fromfile(f"{d}/xtrain.f32", dtype=np.float32).reshape(-1, 32, 32, 3)
xtr = torch.from_numpy(xtr_nhwc).permute(0, 3, 1, 2).contiguous()
ytr = torch.from_numpy(np.fromfile(f"{d}/ytrain.f32", dtype=np.float32).astype(np.int64))
xte = torch.from_numpy(np.fromfile(f"{d}/xtest.f32", dtype=np.float32).reshape(-1, 32, 32, 3)).permute(0, 3, 1, 2).contiguous()
yte = np.fromfile(f"{d}/ytest.f32", dtype=np.float32).astype(np.int64)
nn = torch.nn

# Northstar's IMAGE_AUGMENTATION (src/core/models/image-architectures.ts).
FLIP, ROTATION_DEG, SHIFT, ZOOM = True, 10.0, 0.1, 0.1


def augment(batch):
    """Mirror of src/nn/data/augment.ts on an NHWC float32 batch (a new array). Per image: mirror with p 1/2,
    angle U(-10, 10) degrees, scale 1 + U(-0.1, 0.1), shifts U(-0.1, 0.1) * height / width; the output pixel
    (x, y) samples the source at the inverse map (mirror, minus centre and shift, rotate by angle and divide by
    scale, plus centre), coordinates clamped to the image (nearest-edge fill), bilinear interpolation."""
    n, h, w, c = batch.shape
    mirror = rng.random(n) < 0.5 if FLIP else np.zeros(n, dtype=bool)
    angle = (rng.random(n) * 2 - 1) * ROTATION_DEG * np.pi / 180
    scale = 1 + (rng.random(n) * 2 - 1) * ZOOM
    ty = (rng.random(n) * 2 - 1) * SHIFT * h
    tx = (rng.random(n) * 2 - 1) * SHIFT * w
    cos = (np.cos(angle) / scale)[:, None, None]
    sin = (np.sin(angle) / scale)[:, None, None]
    cy, cx = (h - 1) / 2, (w - 1) / 2
    ys, xs = np.meshgrid(np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64), indexing="ij")
    xm = np.where(mirror[:, None, None], w - 1 - xs[None], xs[None])
    ox = xm - cx - tx[:, None, None]
    oy = ys[None] - cy - ty[:, None, None]
    sx = np.clip(cos * ox + sin * oy + cx, 0, w - 1)
    sy = np.clip(-sin * ox + cos * oy + cy, 0, h - 1)
    x0 = np.floor(sx).astype(np.int64)
    y0 = np.floor(sy).astype(np.int64)
    x1 = np.minimum(w - 1, x0 + 1)
    y1 = np.minimum(h - 1, y0 + 1)
    fx = sx - x0
    fy = sy - y0
    # Bilinear weights in float32 (Northstar blends in float64 and rounds once: results can differ by ~1e-7), and
    # channels first so each product is a plain (n, h, w) array operation: numpy broadcasting over a trailing axis
    # of 3 cost ~40 ms per batch, which would have been charged to PyTorch's training time.
    w00, w01 = ((1 - fx) * (1 - fy)).astype(np.float32), (fx * (1 - fy)).astype(np.float32)
    w10, w11 = ((1 - fx) * fy).astype(np.float32), (fx * fy).astype(np.float32)
    planes = np.ascontiguousarray(np.moveaxis(batch, 3, 0)).reshape(c, -1)
    base = np.arange(n)[:, None, None] * (h * w)
    i00, i01, i10, i11 = base + y0 * w + x0, base + y0 * w + x1, base + y1 * w + x0, base + y1 * w + x1
    out = np.empty((c, n, h, w), dtype=np.float32)
    for ch in range(c):
        p = planes[ch]
        out[ch] = p.take(i00) * w00 + p.take(i01) * w01 + p.take(i10) * w10 + p.take(i11) * w11
    return np.moveaxis(out, 0, 3)  # NHWC view of a channels-first (c, n, h, w) array


def conv_bn(cin, cout):
    # Conv without bias (the BN beta replaces it), BN with Keras' eps and the complementary momentum, ReLU.
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01), nn.ReLU()]


if arch == "seed-bn":
    model = nn.Sequential(
        *conv_bn(3, 32), nn.MaxPool2d(2),
        *conv_bn(32, 64), nn.MaxPool2d(2),
        *conv_bn(64, 128), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(128 * 4 * 4, 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 10))
elif arch == "seed":
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
    sys.exit(f"unknown arch {arch!r}: expected seed, seed-bn or vgg-bn")

for m in model.modules():
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(m.weight)
        if m.bias is not None:
            nn.init.zeros_(m.bias)

opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()
epoch_seconds = []
step, total_steps = 0, epochs * math.ceil(len(ytr) / bs)
t0 = time.perf_counter()
for epoch in range(epochs):
    te = time.perf_counter()
    model.train()
    perm = torch.randperm(len(ytr))
    for s in range(0, len(ytr), bs):
        if use_cosine:
            for group in opt.param_groups:
                group["lr"] = 1e-3 * 0.5 * (1 + math.cos(math.pi * min(1.0, step / total_steps)))
        step += 1
        if keras_adam:
            for group in opt.param_groups:
                group["eps"] = 1e-7 / math.sqrt(1 - 0.999 ** step)
        idx = perm[s:s + bs]
        xb = torch.from_numpy(np.ascontiguousarray(augment(xtr_nhwc[idx.numpy()]).transpose(0, 3, 1, 2))) if use_augment else xtr[idx]
        opt.zero_grad()
        loss = loss_fn(model(xb), ytr[idx])
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
