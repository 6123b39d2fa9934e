/**
 * On-the-fly image augmentation for NHWC batches (Keras' preprocessing layers): random horizontal flip,
 * rotation, shift, zoom and brightness, applied in place with bilinear sampling and nearest-edge fill.
 * Pass the result as `fit({ augment })`; each epoch sees new variants drawn from the fit's seeded generator.
 */
import type { Rng } from '../../common/rng.js';
import { NorthstarError } from '../../common/errors.js';
import type { Tensor } from '../tensor.js';

/** Augmentation ranges (0 or absent disables one). */
export interface AugmentOptions {
  /** Mirror left-right with probability 1/2. */
  flip?: boolean;
  /** Maximum rotation in degrees (uniform in ±rotation). */
  rotation?: number;
  /** Maximum shift as a fraction of height/width. */
  shift?: number;
  /** Maximum zoom as a fraction (scale uniform in [1 − zoom, 1 + zoom]). */
  zoom?: number;
  /** Maximum brightness offset added to every value (images scaled to [0, 1]); results are clipped. */
  brightness?: number;
}

/** Transforms a batch in place. */
export type Augmenter = (batch: Tensor, rng: Rng) => void;

/** Builds an augmenter for NHWC batches. */
export function createAugmenter(options: AugmentOptions): Augmenter {
  const { flip = false, rotation = 0, shift = 0, zoom = 0, brightness = 0 } = options;
  let scratch = new Float32Array(0);
  return (batch, rng) => {
    if (batch.rank !== 4) throw new NorthstarError('NN_SHAPE_MISMATCH', `augmentation needs NHWC images, got [${batch.shape.join(', ')}]`);
    const [n, h, w, c] = batch.shape as [number, number, number, number];
    const size = h * w * c;
    if (scratch.length < size) scratch = new Float32Array(size);
    const d = batch.data;
    for (let b = 0; b < n; b++) {
      const mirror = flip && rng.next() < 0.5;
      const angle = ((rng.next() * 2 - 1) * rotation * Math.PI) / 180;
      const scale = 1 + (rng.next() * 2 - 1) * zoom;
      const ty = (rng.next() * 2 - 1) * shift * h;
      const tx = (rng.next() * 2 - 1) * shift * w;
      const delta = (rng.next() * 2 - 1) * brightness;
      const img = d.subarray(b * size, (b + 1) * size);
      const geometric = mirror || angle !== 0 || scale !== 1 || ty !== 0 || tx !== 0;
      if (geometric) {
        scratch.set(img);
        const cos = Math.cos(angle) / scale;
        const sin = Math.sin(angle) / scale;
        const cy = (h - 1) / 2;
        const cx = (w - 1) / 2;
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            // Inverse map: output pixel → source coordinates.
            const ox = (mirror ? w - 1 - x : x) - cx - tx;
            const oy = y - cy - ty;
            const sx = Math.min(w - 1, Math.max(0, cos * ox + sin * oy + cx));
            const sy = Math.min(h - 1, Math.max(0, -sin * ox + cos * oy + cy));
            const x0 = Math.floor(sx);
            const y0 = Math.floor(sy);
            const x1 = Math.min(w - 1, x0 + 1);
            const y1 = Math.min(h - 1, y0 + 1);
            const fx = sx - x0;
            const fy = sy - y0;
            for (let ch = 0; ch < c; ch++) {
              const v00 = scratch[(y0 * w + x0) * c + ch]!;
              const v01 = scratch[(y0 * w + x1) * c + ch]!;
              const v10 = scratch[(y1 * w + x0) * c + ch]!;
              const v11 = scratch[(y1 * w + x1) * c + ch]!;
              img[(y * w + x) * c + ch] = (v00 * (1 - fx) + v01 * fx) * (1 - fy) + (v10 * (1 - fx) + v11 * fx) * fy;
            }
          }
        }
      }
      if (delta !== 0) for (let i = 0; i < size; i++) img[i] = Math.min(1, Math.max(0, img[i]! + delta));
    }
  };
}
