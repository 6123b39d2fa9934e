/**
 * conv2d at a size where it works in several blocks of images (the last one partial) and with 32 filters (the
 * native backend's AVX-512 tile kernel): output, kernel gradient and input gradient against direct float64
 * convolution loops, on every backend, and bit-identical across two runs. The small shapes of
 * ops-gradient.test.ts fit in a single block, so this is what covers the block loop. Tolerance 1e-4 relative to
 * 1 + |value|: the kernel gradient sums 3,072 float32 products (a wrong block offset errs by O(1)).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { setBackend } from '../backends/registry.js';
import { everyBackend } from '../backends/test-utils/every-backend.js';
import { Tensor, tidy } from '../tensor.js';
import { conv2d } from './conv2d.js';

const backends = everyBackend();

// 12 images of 16×16×32 with a 3×3 'same' window: 256·288 unfolded floats per image, so 7 images per block
// (2¹⁹ floats) and two blocks, 7 + 5.
const [n, h, w, c, f] = [12, 16, 16, 32, 32];
const rng = createRng(5);
const xData = Float32Array.from({ length: n * h * w * c }, () => rng.next() * 2 - 1);
const kData = Float32Array.from({ length: 9 * c * f }, () => (rng.next() * 2 - 1) * 0.2);
const seed = Float32Array.from({ length: n * h * w * f }, () => rng.next() * 2 - 1);

/** Direct 'same' 3×3 convolution, its kernel gradient and input gradient for `seed`, in float64. */
function reference(): { y: Float64Array; dk: Float64Array; dx: Float64Array } {
  const y = new Float64Array(n * h * w * f);
  const dk = new Float64Array(9 * c * f);
  const dx = new Float64Array(n * h * w * c);
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < h; oy++)
      for (let ox = 0; ox < w; ox++)
        for (let ky = 0; ky < 3; ky++)
          for (let kx = 0; kx < 3; kx++) {
            const iy = oy - 1 + ky;
            const ix = ox - 1 + kx;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            const xo = ((b * h + iy) * w + ix) * c;
            const yo = ((b * h + oy) * w + ox) * f;
            for (let ch = 0; ch < c; ch++) {
              const ko = ((ky * 3 + kx) * c + ch) * f;
              const xv = xData[xo + ch]!;
              let g = 0;
              for (let j = 0; j < f; j++) {
                y[yo + j] = y[yo + j]! + xv * kData[ko + j]!;
                dk[ko + j] = dk[ko + j]! + xv * seed[yo + j]!;
                g += seed[yo + j]! * kData[ko + j]!;
              }
              dx[xo + ch] = dx[xo + ch]! + g;
            }
          }
  return { y, dk, dx };
}
const ref = reference();

function maxError(a: Float32Array, e: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i]! - e[i]!) / (1 + Math.abs(e[i]!)));
  return worst;
}

describe.each(backends.map((b) => [b.name, b] as const))('conv2d in blocks on %s', (_name, backend) => {
  const run = (): { y: Float32Array; dk: Float32Array; dx: Float32Array } => {
    setBackend(backend);
    const x = new Tensor(xData.slice(), [n, h, w, c], { requiresGrad: true });
    const k = new Tensor(kData.slice(), [3, 3, c, f], { requiresGrad: true, variable: true });
    const y = tidy(() => {
      const out = conv2d(x, k, { padding: 'same' });
      out.backward(seed);
      return out.data.slice();
    });
    return { y, dk: k.grad!.slice(), dx: x.grad!.slice() };
  };

  it('matches direct convolution (output, kernel and input gradients) and repeats bit for bit', () => {
    const first = run();
    expect(maxError(first.y, ref.y)).toBeLessThan(1e-4);
    expect(maxError(first.dk, ref.dk)).toBeLessThan(1e-4);
    expect(maxError(first.dx, ref.dx)).toBeLessThan(1e-4);
    const second = run();
    expect(second.y).toEqual(first.y);
    expect(second.dk).toEqual(first.dk);
    expect(second.dx).toEqual(first.dx);
  });
});
