/** 2-D convolution (NHWC input, [kh, kw, inC, outC] kernel) as im2col + GEMM, with optional fused bias and activation. */
import type { Activation, Backend, WindowGeometry } from '../backends/backend.js';
import { getBackend } from '../backends/registry.js';
import { acquire, release } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError, writeGrad } from './util.js';
import { geometryFor, type Padding, type Size2 } from './window.js';

/** Conv options (TensorFlow.js names, plus the fused `bias` and `activation` the Conv2D layer uses). */
export interface Conv2dOptions {
  strides?: Size2;
  padding?: Padding;
  /** [filters] added to every output position. */
  bias?: Tensor | null;
  /** Applied after the bias in the same node (default linear). */
  activation?: Activation;
}

/**
 * Unfolded floats per block. The im2col matrix of a whole batch is large (64 images of 32×32×32 with a 3×3 window:
 * 75 MB) and every pass over it went to main memory: GEMM packing, the weight gradient, the column gradient and
 * col2im. Working a few images at a time keeps the block (about 2 MB) in cache between im2col, GEMM and col2im:
 * measured on the vgg-bn 32×32×32→32 convolution, the forward GEMM ran at 38 GFLOP/s over the whole batch and
 * 85 GFLOP/s per 1,024-row block (OpenBLAS, one core). The columns are recomputed in the backward pass instead of
 * stored (im2col is a cheap copy; storing them cost a buffer of that size per convolution).
 */
const BLOCK_FLOATS = 1 << 19;

/** Images per block for a geometry: at least one, about {@link BLOCK_FLOATS} unfolded floats. */
function imagesPerBlock(g: WindowGeometry, depth: number): number {
  return Math.max(1, Math.min(g.n, Math.floor(BLOCK_FLOATS / (g.oh * g.ow * depth))));
}

/** Calls `fn` for each block of images: the block's geometry, first image and image count. */
function forEachBlock(g: WindowGeometry, per: number, fn: (bg: WindowGeometry, first: number, count: number) => void): void {
  for (let first = 0; first < g.n; first += per) {
    const count = Math.min(per, g.n - first);
    fn(count === g.n ? g : { ...g, n: count }, first, count);
  }
}

/** The columns of images [first, first + count) of `x`, unfolded into `cols`. */
function unfold(be: Backend, x: Float32Array, g: WindowGeometry, bg: WindowGeometry, first: number, cols: Float32Array): void {
  const img = g.h * g.w * g.c;
  be.im2col(x.subarray(first * img, (first + bg.n) * img), bg, cols);
}

/**
 * act(x ⊛ kernel + bias) for `x` [n, h, w, c] and `kernel` [kh, kw, c, f] → [n, oh, ow, f]. Per block of images:
 * Z = im2col(x)·K (+ bias, act). Backward, per block again: dZ = act'·dY, dK += colsᵀ·dZ, dX = col2im(dZ·Kᵀ),
 * with the columns unfolded anew; db = Σ dZ. Fusing bias and activation saves four passes over the (largest)
 * activation buffers per conv per step.
 */
export function conv2d(x: Tensor, kernel: Tensor, options: Conv2dOptions = {}): Tensor {
  if (kernel.rank !== 4) throw shapeError('conv2d', 'kernel must be [kh, kw, inChannels, filters]', kernel);
  const [kh, kw, kc, f] = kernel.shape as [number, number, number, number];
  const g = geometryFor('conv2d', x, [kh, kw], options.strides ?? 1, options.padding ?? 'valid');
  if (kc !== g.c) throw shapeError('conv2d', `kernel expects ${kc} input channels, input has ${g.c}`, x, kernel);
  const bias = options.bias ?? null;
  if (bias !== null && bias.size !== f) throw shapeError('conv2d', `bias needs ${f} values`, bias);
  const act = options.activation ?? 'linear';
  const be = getBackend();
  const pix = g.oh * g.ow;
  const rows = g.n * pix;
  const depth = kh * kw * g.c;
  const per = imagesPerBlock(g, depth);
  const z = acquire(rows * f);
  const keepZ = act === 'leakyRelu' || act === 'gelu';
  const out = keepZ ? acquire(z.length) : z;
  const cols = acquire(per * pix * depth);
  forEachBlock(g, per, (bg, first, count) => {
    unfold(be, x.data, g, bg, first, cols);
    const r = count * pix;
    const zb = z.subarray(first * pix * f, first * pix * f + r * f);
    be.convGemm(false, false, r, f, depth, 1, cols, kernel.data, 0, zb);
    if (bias !== null) be.biasAdd(zb, bias.data, r, f, zb);
    const ob = out === z ? zb : out.subarray(first * pix * f, first * pix * f + r * f);
    if (act !== 'linear' || ob !== zb) be.unary(act, zb, ob, 0.2);
  });
  release(cols);
  const parents = bias === null ? [x, kernel] : [x, kernel, bias];
  const y = opResult(out, [g.n, g.oh, g.ow, f], parents, (yt) => {
    let dz = yt.grad!;
    const ownDz = act !== 'linear';
    if (ownDz) {
      dz = acquire(out.length);
      be.unaryGrad(act, keepZ ? z : null, out, yt.grad!, dz, 0.2);
    }
    if (bias !== null) writeGrad(bias, (db) => be.sumAxis0(dz, rows, f, db));
    const needK = kernel.requiresGrad;
    const kGrad = needK ? kernel.gradBuffer() : null;
    let kFresh = kGrad?.fresh ?? false;
    const blockCols = acquire(per * pix * depth);
    // Kᵀ ([f, depth]) once per step, so every block's dZ·Kᵀ is a plain row-major product.
    const kT = x.requiresGrad ? acquire(depth * f) : null;
    if (kT !== null) {
      const kd = kernel.data;
      for (let i = 0; i < depth; i++) for (let j = 0; j < f; j++) kT[j * depth + i] = kd[i * f + j]!;
    }
    const backwardBlocks = (dx: Float32Array | null): void => {
      forEachBlock(g, per, (bg, first, count) => {
        const r = count * pix;
        const dzb = dz.subarray(first * pix * f, first * pix * f + r * f);
        if (kGrad !== null) {
          unfold(be, x.data, g, bg, first, blockCols);
          be.convGemm(true, false, depth, f, r, 1, blockCols, dzb, kFresh ? 0 : 1, kGrad.grad);
          kFresh = false;
        }
        if (dx !== null && kT !== null) {
          be.convGemm(false, false, r, depth, f, 1, dzb, kT, 0, blockCols);
          const img = g.h * g.w * g.c;
          be.col2im(blockCols, bg, dx.subarray(first * img, (first + count) * img));
        }
      });
    };
    if (x.requiresGrad) writeGrad(x, (dx) => backwardBlocks(dx));
    else if (needK) backwardBlocks(null);
    release(blockCols);
    if (kT !== null) release(kT);
    if (ownDz) release(dz);
  });
  if (y.requiresGrad) {
    if (keepZ) y.saved.push(z);
  } else if (keepZ) release(z);
  return y;
}
