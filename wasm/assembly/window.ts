// Window kernels of the `wasm` backend over NHWC tensors: im2col/col2im and max pooling. The geometry is a
// block of 12 i32 at `g` in the order of backend.ts' WindowGeometry: n h w c kh kw sh sw pt pl oh ow. Results
// equal the js backend's exactly (same loops, same first-maximum and NaN rules).

// Small enough that Binaryen inlines it without a decorator (which would not parse for eslint).
function geo(g: usize, i: i32): i32 {
  return load<i32>(g + <usize>i * 4);
}

/** Unfolds x into [n·oh·ow, kh·kw·c] rows (columns ordered kh, kw, c); padding reads as 0. */
export function im2col(x: usize, g: usize, cols: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), kh = geo(g, 4), kw = geo(g, 5);
  const sh = geo(g, 6), sw = geo(g, 7), pt = geo(g, 8), pl = geo(g, 9), oh = geo(g, 10), ow = geo(g, 11);
  const cBytes = <usize>c * 4;
  const rowBytes = <usize>kw * cBytes;
  let d = cols;
  for (let b = 0; b < n; b++) {
    const img = x + <usize>(b * h * w) * cBytes;
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const ix0 = ox * sw - pl;
        const inside = ix0 >= 0 && ix0 + kw <= w;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - pt + ky;
          if (iy < 0 || iy >= h) memory.fill(d, 0, rowBytes);
          else if (inside) memory.copy(d, img + <usize>(iy * w + ix0) * cBytes, rowBytes);
          else {
            for (let kx = 0; kx < kw; kx++) {
              const ix = ix0 + kx;
              const o = d + <usize>kx * cBytes;
              if (ix < 0 || ix >= w) memory.fill(o, 0, cBytes);
              else memory.copy(o, img + <usize>(iy * w + ix) * cBytes, cBytes);
            }
          }
          d += rowBytes;
        }
      }
    }
  }
}

/** Adjoint of im2col: dx (NHWC, zeroed here) receives the sum of every column entry at its source pixel. */
export function col2im(cols: usize, g: usize, dx: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), kh = geo(g, 4), kw = geo(g, 5);
  const sh = geo(g, 6), sw = geo(g, 7), pt = geo(g, 8), pl = geo(g, 9), oh = geo(g, 10), ow = geo(g, 11);
  const cBytes = <usize>c * 4;
  const vecBytes = cBytes & ~15;
  memory.fill(dx, 0, <usize>(n * h * w) * cBytes);
  let s = cols;
  for (let b = 0; b < n; b++) {
    const img = dx + <usize>(b * h * w) * cBytes;
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - pt + ky;
          if (iy < 0 || iy >= h) {
            s += <usize>kw * cBytes;
            continue;
          }
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw - pl + kx;
            if (ix >= 0 && ix < w) {
              const d = img + <usize>(iy * w + ix) * cBytes;
              let j: usize = 0;
              for (; j < vecBytes; j += 16) v128.store(d + j, f32x4.add(v128.load(d + j), v128.load(s + j)));
              for (; j < cBytes; j += 4) store<f32>(d + j, load<f32>(d + j) + load<f32>(s + j));
            }
            s += cBytes;
          }
        }
      }
    }
  }
}

/** Max pooling; argmax gets the flat input index of each maximum (−1 for an all-padding window, output 0). */
export function maxPool(x: usize, g: usize, out: usize, argmax: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), kh = geo(g, 4), kw = geo(g, 5);
  const sh = geo(g, 6), sw = geo(g, 7), pt = geo(g, 8), pl = geo(g, 9), oh = geo(g, 10), ow = geo(g, 11);
  let o: usize = 0;
  for (let b = 0; b < n; b++) {
    const base = b * h * w * c;
    for (let oy = 0; oy < oh; oy++) {
      const y0 = max(0, oy * sh - pt);
      const y1 = min(h, oy * sh - pt + kh);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = max(0, ox * sw - pl);
        const x1 = min(w, ox * sw - pl + kw);
        for (let ch = 0; ch < c; ch++) {
          let best: f32 = -Infinity;
          let arg: i32 = -1;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const idx = base + (iy * w + ix) * c + ch;
              const v = load<f32>(x + <usize>idx * 4);
              // First maximum wins, NaN propagates (v != v is NaN).
              if (v > best || arg < 0 || v != v) {
                best = v;
                arg = idx;
              }
            }
          }
          store<f32>(out + o * 4, arg < 0 ? 0 : best);
          store<i32>(argmax + o * 4, arg);
          o++;
        }
      }
    }
  }
}

/** dx (length dxLen, zeroed here) receives dy scattered to the recorded maxima. */
export function maxPoolBackward(dy: usize, argmax: usize, len: i32, dx: usize, dxLen: i32): void {
  memory.fill(dx, 0, <usize>dxLen * 4);
  for (let i: usize = 0; i < <usize>len; i++) {
    const j = load<i32>(argmax + i * 4);
    if (j >= 0) {
      const q = dx + <usize>j * 4;
      store<f32>(q, load<f32>(q) + load<f32>(dy + i * 4));
    }
  }
}
