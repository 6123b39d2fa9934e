// Batch-norm kernels of the `wasm` backend (channels last: x is [rows, cols]); the reference is
// src/nn/backends/js-batch-norm.ts, and the arithmetic is the same operation for operation (f32 element math,
// f64 per-channel sums), so the results match the js backend bit for bit. `acc` is caller-provided scratch
// of 2·cols f64 (the stub runtime has no allocator); `coef` holds 3·cols f32.

/** Per-channel mean and biased variance over the rows (two passes, f64 sums). */
export function bnStats(x: usize, rows: i32, cols: i32, mean: usize, variance: usize, acc: usize): void {
  const c = <usize>cols;
  const m = acc;
  const v = acc + c * 8;
  memory.fill(acc, 0, c * 16);
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * c * 4;
    for (let j: usize = 0; j < c; j++) store<f64>(m + j * 8, load<f64>(m + j * 8) + <f64>load<f32>(row + j * 4));
  }
  for (let j: usize = 0; j < c; j++) store<f64>(m + j * 8, load<f64>(m + j * 8) / <f64>rows);
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * c * 4;
    for (let j: usize = 0; j < c; j++) {
      const d = <f64>load<f32>(row + j * 4) - load<f64>(m + j * 8);
      store<f64>(v + j * 8, load<f64>(v + j * 8) + d * d);
    }
  }
  for (let j: usize = 0; j < c; j++) {
    store<f32>(mean + j * 4, <f32>load<f64>(m + j * 8));
    store<f32>(variance + j * 4, <f32>(load<f64>(v + j * 8) / <f64>rows));
  }
}

/** y = scale·(x − mean) + shift per channel (y may equal x). */
export function bnForward(x: usize, rows: i32, cols: i32, mean: usize, scale: usize, shift: usize, y: usize): void {
  const c = <usize>cols;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * c * 4;
    for (let j: usize = 0; j < c; j++) {
      const t: f32 = load<f32>(scale + j * 4) * (load<f32>(x + o + j * 4) - load<f32>(mean + j * 4));
      store<f32>(y + o + j * 4, t + load<f32>(shift + j * 4));
    }
  }
}

/** dgamma = Σ dy·x̂, dbeta = Σ dy and (when dx is non-zero) dx = a·dy + b·(x − mean) + c per channel. */
export function bnBackward(
  x: usize, dy: usize, rows: i32, cols: i32, mean: usize, invStd: usize, gamma: usize, training: i32,
  dx: usize, dgamma: usize, dbeta: usize, acc: usize, coef: usize,
): void {
  const c = <usize>cols;
  const sDy = acc;
  const sDx = acc + c * 8;
  memory.fill(acc, 0, c * 16);
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * c * 4;
    for (let j: usize = 0; j < c; j++) {
      const g = <f64>load<f32>(dy + o + j * 4);
      store<f64>(sDy + j * 8, load<f64>(sDy + j * 8) + g);
      const xc: f32 = load<f32>(x + o + j * 4) - load<f32>(mean + j * 4);
      store<f64>(sDx + j * 8, load<f64>(sDx + j * 8) + g * <f64>xc);
    }
  }
  const a = coef;
  const b = coef + c * 4;
  const k = coef + c * 8;
  const n = <f64>rows;
  for (let j: usize = 0; j < c; j++) {
    const is = <f64>load<f32>(invStd + j * 4);
    const sumDy = load<f64>(sDy + j * 8);
    const sumDyXc = load<f64>(sDx + j * 8);
    store<f32>(dbeta + j * 4, <f32>sumDy);
    store<f32>(dgamma + j * 4, <f32>(sumDyXc * is));
    const scale = <f64>load<f32>(gamma + j * 4) * is;
    store<f32>(a + j * 4, <f32>scale);
    store<f32>(b + j * 4, training != 0 ? <f32>((-scale * is * is * sumDyXc) / n) : 0);
    store<f32>(k + j * 4, training != 0 ? <f32>((-scale * sumDy) / n) : 0);
  }
  if (dx == 0) return;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * c * 4;
    for (let j: usize = 0; j < c; j++) {
      const xc: f32 = load<f32>(x + o + j * 4) - load<f32>(mean + j * 4);
      const t: f32 = load<f32>(a + j * 4) * load<f32>(dy + o + j * 4) + load<f32>(b + j * 4) * xc;
      store<f32>(dx + o + j * 4, t + load<f32>(k + j * 4));
    }
  }
}
