/** Portable im2col/col2im and pooling kernels (NHWC), the reference for the native ones. */
import type { WindowGeometry } from './backend.js';

/** See {@link Backend.im2col}. */
export function jsIm2col(x: Float32Array, g: WindowGeometry, cols: Float32Array): void {
  const rowLen = g.kw * g.c;
  let d = 0;
  for (let b = 0; b < g.n; b++) {
    const img = b * g.h * g.w * g.c;
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        const ix0 = ox * g.sw - g.pl;
        const inside = ix0 >= 0 && ix0 + g.kw <= g.w;
        for (let ky = 0; ky < g.kh; ky++) {
          const iy = oy * g.sh - g.pt + ky;
          if (iy < 0 || iy >= g.h) cols.fill(0, d, d + rowLen);
          else if (inside) {
            // A kernel row is contiguous in NHWC; a plain loop beats creating a subarray per pixel.
            const s = img + (iy * g.w + ix0) * g.c;
            for (let i = 0; i < rowLen; i++) cols[d + i] = x[s + i]!;
          } else {
            for (let kx = 0; kx < g.kw; kx++) {
              const ix = ix0 + kx;
              const o = d + kx * g.c;
              if (ix < 0 || ix >= g.w) cols.fill(0, o, o + g.c);
              else {
                const s = img + (iy * g.w + ix) * g.c;
                for (let ch = 0; ch < g.c; ch++) cols[o + ch] = x[s + ch]!;
              }
            }
          }
          d += rowLen;
        }
      }
    }
  }
}

/** See {@link Backend.col2im}. */
export function jsCol2im(cols: Float32Array, g: WindowGeometry, dx: Float32Array): void {
  dx.fill(0, 0, g.n * g.h * g.w * g.c);
  let s = 0;
  for (let b = 0; b < g.n; b++) {
    const img = b * g.h * g.w * g.c;
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        for (let ky = 0; ky < g.kh; ky++) {
          const iy = oy * g.sh - g.pt + ky;
          if (iy < 0 || iy >= g.h) {
            s += g.kw * g.c;
            continue;
          }
          for (let kx = 0; kx < g.kw; kx++) {
            const ix = ox * g.sw - g.pl + kx;
            if (ix >= 0 && ix < g.w) {
              const d = img + (iy * g.w + ix) * g.c;
              for (let ch = 0; ch < g.c; ch++) dx[d + ch] = dx[d + ch]! + cols[s + ch]!;
            }
            s += g.c;
          }
        }
      }
    }
  }
}

/** Calls `fn(outOffset, base, y0, y1, x0, x1)` for every output cell, with the window clipped to the image. */
function forEachWindow(
  g: WindowGeometry,
  fn: (o: number, base: number, y0: number, y1: number, x0: number, x1: number) => void,
): void {
  let o = 0;
  for (let b = 0; b < g.n; b++) {
    const base = b * g.h * g.w * g.c;
    for (let oy = 0; oy < g.oh; oy++) {
      const y0 = Math.max(0, oy * g.sh - g.pt);
      const y1 = Math.min(g.h, oy * g.sh - g.pt + g.kh);
      for (let ox = 0; ox < g.ow; ox++) {
        const x0 = Math.max(0, ox * g.sw - g.pl);
        const x1 = Math.min(g.w, ox * g.sw - g.pl + g.kw);
        fn(o, base, y0, y1, x0, x1);
        o += g.c;
      }
    }
  }
}

/** See {@link Backend.maxPool}. */
export function jsMaxPool(x: Float32Array, g: WindowGeometry, out: Float32Array, argmax: Int32Array): void {
  forEachWindow(g, (o, base, y0, y1, x0, x1) => {
    for (let ch = 0; ch < g.c; ch++) {
      let best = -Infinity;
      let arg = -1;
      for (let iy = y0; iy < y1; iy++) {
        for (let ix = x0; ix < x1; ix++) {
          const idx = base + (iy * g.w + ix) * g.c + ch;
          const v = x[idx]!;
          // Same rule as the native kernel: first maximum wins, NaN propagates.
          if (v > best || arg < 0 || Number.isNaN(v)) {
            best = v;
            arg = idx;
          }
        }
      }
      out[o + ch] = arg < 0 ? 0 : best;
      argmax[o + ch] = arg;
    }
  });
}

/** See {@link Backend.maxPoolBackward}. */
export function jsMaxPoolBackward(dy: Float32Array, argmax: Int32Array, dx: Float32Array): void {
  dx.fill(0);
  for (let i = 0; i < argmax.length; i++) {
    const j = argmax[i]!;
    if (j >= 0) dx[j] = dx[j]! + dy[i]!;
  }
}

/** See {@link Backend.avgPool}. */
export function jsAvgPool(x: Float32Array, g: WindowGeometry, out: Float32Array): void {
  forEachWindow(g, (o, base, y0, y1, x0, x1) => {
    const count = (y1 - y0) * (x1 - x0);
    const inv = count > 0 ? 1 / count : 0;
    for (let ch = 0; ch < g.c; ch++) {
      let s = 0;
      for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) s += x[base + (iy * g.w + ix) * g.c + ch]!;
      out[o + ch] = s * inv;
    }
  });
}

/** See {@link Backend.avgPoolBackward}. */
export function jsAvgPoolBackward(dy: Float32Array, g: WindowGeometry, dx: Float32Array): void {
  dx.fill(0, 0, g.n * g.h * g.w * g.c);
  forEachWindow(g, (o, base, y0, y1, x0, x1) => {
    const count = (y1 - y0) * (x1 - x0);
    const inv = count > 0 ? 1 / count : 0;
    for (let iy = y0; iy < y1; iy++) {
      for (let ix = x0; ix < x1; ix++) {
        const d = base + (iy * g.w + ix) * g.c;
        for (let ch = 0; ch < g.c; ch++) dx[d + ch] = dx[d + ch]! + dy[o + ch]! * inv;
      }
    }
  });
}
