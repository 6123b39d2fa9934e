/**
 * Batch-norm kernels of the portable backend (the reference the native and wasm ones are held to). Channels
 * last: `x` is `[rows, cols]` with one channel per column, so every loop walks memory in order and keeps one
 * double accumulator per channel.
 */

/** Per-channel mean and biased variance over the rows, in double precision (two passes). */
export function jsBatchNormStats(x: Float32Array, rows: number, cols: number, mean: Float32Array, variance: Float32Array): void {
  const m = new Float64Array(cols);
  const v = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) m[j] = m[j]! + x[o + j]!;
  }
  for (let j = 0; j < cols; j++) m[j] = m[j]! / rows;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) {
      const c = x[o + j]! - m[j]!;
      v[j] = v[j]! + c * c;
    }
  }
  for (let j = 0; j < cols; j++) {
    mean[j] = m[j]!;
    variance[j] = v[j]! / rows;
  }
}

/** y = scale·(x − mean) + shift per channel; `y` may alias `x`. */
export function jsBatchNormForward(
  x: Float32Array,
  rows: number,
  cols: number,
  mean: Float32Array,
  scale: Float32Array,
  shift: Float32Array,
  y: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) y[o + j] = Math.fround(scale[j]! * Math.fround(x[o + j]! - mean[j]!)) + shift[j]!;
  }
}

/**
 * Parameter sums (overwritten into `dgamma`, `dbeta`) and, when `dx` is given, the input gradient written as
 * dx = a·dy + b·(x − mean) + c with per-channel a, b, c computed once in double, so the second pass is one
 * multiply-add chain per element.
 */
export function jsBatchNormBackward(
  x: Float32Array,
  dy: Float32Array,
  rows: number,
  cols: number,
  mean: Float32Array,
  invStd: Float32Array,
  gamma: Float32Array,
  training: boolean,
  dx: Float32Array | null,
  dgamma: Float32Array,
  dbeta: Float32Array,
): void {
  const sumDy = new Float64Array(cols);
  const sumDyXc = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) {
      const g = dy[o + j]!;
      sumDy[j] = sumDy[j]! + g;
      sumDyXc[j] = sumDyXc[j]! + g * Math.fround(x[o + j]! - mean[j]!);
    }
  }
  const a = new Float32Array(cols);
  const b = new Float32Array(cols);
  const c = new Float32Array(cols);
  for (let j = 0; j < cols; j++) {
    const is = invStd[j]!;
    dbeta[j] = sumDy[j]!;
    dgamma[j] = sumDyXc[j]! * is;
    const scale = gamma[j]! * is;
    a[j] = scale;
    b[j] = training ? (-scale * is * is * sumDyXc[j]!) / rows : 0;
    c[j] = training ? (-scale * sumDy[j]!) / rows : 0;
  }
  if (dx === null) return;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let j = 0; j < cols; j++) {
      const t = Math.fround(a[j]! * dy[o + j]!) + Math.fround(b[j]! * Math.fround(x[o + j]! - mean[j]!));
      dx[o + j] = Math.fround(t) + c[j]!;
    }
  }
}
