// Element-wise kernels of the `wasm` backend. Every operand region is padded to 64 bytes by the TypeScript
// side (wasm-kernels.ts), so loops run whole f32x4 vectors up to n rounded up to 4; the extra lanes are
// scratch and never copied out. Activation ids are backend.ts' ACTIVATION_IDS.
import { gelu4, geluGrad4, sigmoid4, tanh4 } from './math';

const RELU = 0;
const LEAKY = 1;
const SIGMOID = 2;
const TANH = 3;
const GELU = 4;

/** y = act(x) over n values; y may equal x. */
export function unary(act: i32, x: usize, y: usize, n: i32, alpha: f32): void {
  const end = x + <usize>n * 4;
  const zero = f32x4.splat(0);
  const a = f32x4.splat(alpha);
  for (; x < end; x += 16, y += 16) {
    const v = v128.load(x);
    let r: v128;
    if (act == RELU) r = f32x4.max(v, zero);
    else if (act == LEAKY) r = v128.bitselect(v, f32x4.mul(a, v), f32x4.gt(v, zero));
    else if (act == SIGMOID) r = sigmoid4(v);
    else if (act == TANH) r = tanh4(v);
    else if (act == GELU) r = gelu4(v);
    else r = v;
    v128.store(y, r);
  }
}

/** dx = dy · act'(·): relu, sigmoid and tanh read y; leakyRelu and gelu read x. dx may equal dy. */
export function unaryGrad(act: i32, x: usize, y: usize, dy: usize, dx: usize, n: i32, alpha: f32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  const a = f32x4.splat(alpha);
  for (let i: usize = 0; i < <usize>n * 4; i += 16) {
    const d = v128.load(dy + i);
    let r: v128;
    if (act == RELU) r = v128.and(d, f32x4.gt(v128.load(y + i), zero));
    else if (act == LEAKY) r = v128.bitselect(d, f32x4.mul(a, d), f32x4.gt(v128.load(x + i), zero));
    else if (act == SIGMOID) {
      const s = v128.load(y + i);
      r = f32x4.mul(f32x4.mul(d, s), f32x4.sub(one, s));
    } else if (act == TANH) {
      const t = v128.load(y + i);
      r = f32x4.mul(d, f32x4.sub(one, f32x4.mul(t, t)));
    } else if (act == GELU) r = f32x4.mul(d, geluGrad4(v128.load(x + i)));
    else r = d;
    v128.store(dx + i, r);
  }
}

/** Adam/AdamW over n parameters: stepSize = lr·√(1−β2ᵗ)/(1−β1ᵗ), decay = 1 − lr·weightDecay. */
export function adam(p: usize, g: usize, m: usize, v: usize, n: i32, beta1: f32, beta2: f32, epsilon: f32, stepSize: f32, decay: f32): void {
  const b1 = f32x4.splat(beta1);
  const c1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2);
  const c2 = f32x4.splat(1 - beta2);
  const eps = f32x4.splat(epsilon);
  const step = f32x4.splat(stepSize);
  const dec = f32x4.splat(decay);
  for (let i: usize = 0; i < <usize>n * 4; i += 16) {
    const gi = v128.load(g + i);
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + i)), f32x4.mul(c1, gi));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + i)), f32x4.mul(f32x4.mul(c2, gi), gi));
    v128.store(m + i, mi);
    v128.store(v + i, vi);
    const upd = f32x4.div(f32x4.mul(step, mi), f32x4.add(f32x4.sqrt(vi), eps));
    v128.store(p + i, f32x4.sub(f32x4.mul(v128.load(p + i), dec), upd));
  }
}


/**
 * out[r, :] = x[r, :] + bias. Rows are processed whole vectors at a time: the lanes past a row's end land
 * on the next row of `out` (rewritten when that row is done) or on the last row's padding, so `out` must not
 * be `x`'s region.
 */
export function biasAdd(x: usize, bias: usize, rows: i32, cols: i32, out: usize): void {
  const rowBytes = <usize>cols * 4;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * rowBytes;
    for (let j: usize = 0; j < rowBytes; j += 16) v128.store(out + o + j, f32x4.add(v128.load(x + o + j), v128.load(bias + j)));
  }
}

/** out[j] = Σ_r x[r, j]; lanes past `cols` collect neighbouring values in out's padding only. */
export function sumAxis0(x: usize, rows: i32, cols: i32, out: usize): void {
  const rowBytes = <usize>cols * 4;
  memory.fill(out, 0, (rowBytes + 15) & ~15);
  for (let r = 0; r < rows; r++) {
    const o = x + <usize>r * rowBytes;
    for (let j: usize = 0; j < rowBytes; j += 16) v128.store(out + j, f32x4.add(v128.load(out + j), v128.load(o + j)));
  }
}

/** SGD (Keras semantics) with coupled weight decay; momentum 0 or no velocity buffer is plain SGD. */
export function sgd(p: usize, g: usize, vel: usize, n: i32, lr: f32, momentum: f32, nesterov: i32, weightDecay: f32, hasVel: i32): void {
  const l = f32x4.splat(lr);
  const mo = f32x4.splat(momentum);
  const wd = f32x4.splat(weightDecay);
  const plain = momentum == 0 || hasVel == 0;
  for (let i: usize = 0; i < <usize>n * 4; i += 16) {
    const pi = v128.load(p + i);
    const gi = f32x4.add(v128.load(g + i), f32x4.mul(wd, pi));
    if (plain) {
      v128.store(p + i, f32x4.sub(pi, f32x4.mul(l, gi)));
      continue;
    }
    const vi = f32x4.sub(f32x4.mul(mo, v128.load(vel + i)), f32x4.mul(l, gi));
    v128.store(vel + i, vi);
    const step = nesterov != 0 ? f32x4.sub(f32x4.mul(mo, vi), f32x4.mul(l, gi)) : vi;
    v128.store(p + i, f32x4.add(pi, step));
  }
}

/** RMSprop (Keras semantics); momentum 0 or no momentum buffer skips the momentum term. */
export function rmsprop(p: usize, g: usize, ms: usize, mom: usize, n: i32, lr: f32, rho: f32, momentum: f32, epsilon: f32, hasMom: i32): void {
  const l = f32x4.splat(lr);
  const r1 = f32x4.splat(rho);
  const r2 = f32x4.splat(1 - rho);
  const mo = f32x4.splat(momentum);
  const eps = f32x4.splat(epsilon);
  const useMom = momentum > 0 && hasMom != 0;
  for (let i: usize = 0; i < <usize>n * 4; i += 16) {
    const gi = v128.load(g + i);
    const si = f32x4.add(f32x4.mul(r1, v128.load(ms + i)), f32x4.mul(f32x4.mul(r2, gi), gi));
    v128.store(ms + i, si);
    let step = f32x4.div(f32x4.mul(l, gi), f32x4.add(f32x4.sqrt(si), eps));
    if (useMom) {
      step = f32x4.add(f32x4.mul(mo, v128.load(mom + i)), step);
      v128.store(mom + i, step);
    }
    v128.store(p + i, f32x4.sub(v128.load(p + i), step));
  }
}
