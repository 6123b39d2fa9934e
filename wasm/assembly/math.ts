// Vector math for the element-wise kernels: exp (Cephes expf: range reduction by ln 2 and a degree-5
// polynomial, about 1 ulp), and the activations built on it. Scalar twins handle row tails so that a row
// gives the same values whichever lane an element falls in.

const LOG2E: f32 = 1.4426950408889634;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;
// Inputs are clamped so that 2^n stays a normal float; exp(-87.3) ≈ 1e-38 stands in for underflow to 0.
const X_MAX: f32 = 88.3762626647949;
const X_MIN: f32 = -87.3365447504;

/** e^x on four lanes. */
export function exp4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(X_MIN)), f32x4.splat(X_MAX));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  let y = f32x4.add(f32x4.mul(f32x4.splat(P0), r), f32x4.splat(P1));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(P2));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(P3));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(P4));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(P5));
  y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(y, r), r), r), f32x4.splat(1));
  const pow2 = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2);
}

/** e^x, the same approximation on one value. */
export function exp1(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

/** Logistic sigmoid; exp's clamp keeps 1 + e^-x finite. */
export function sigmoid4(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), exp4(f32x4.neg(x))));
}

/** tanh: Cephes' odd polynomial below |x| = 0.625 (no cancellation near 0), 1 − 2/(e^{2|x|}+1) above. */
export function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let p = f32x4.add(f32x4.mul(f32x4.splat(-5.70498872745e-3), z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), x), x);
  const e = exp4(f32x4.add(ax, ax));
  const big = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  // Copy x's sign onto the large-|x| branch.
  const signed = v128.or(big, v128.and(x, i32x4.splat(-2147483648)));
  return v128.bitselect(small, signed, f32x4.lt(ax, f32x4.splat(0.625)));
}

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), the formula of the js backend. */
export function erf4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const t = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), f32x4.mul(f32x4.splat(0.3275911), ax)));
  let p = f32x4.add(f32x4.mul(t, f32x4.splat(1.061405429)), f32x4.splat(-1.453152027));
  p = f32x4.add(f32x4.mul(t, p), f32x4.splat(1.421413741));
  p = f32x4.add(f32x4.mul(t, p), f32x4.splat(-0.284496736));
  p = f32x4.add(f32x4.mul(t, p), f32x4.splat(0.254829592));
  p = f32x4.mul(t, p);
  const y = f32x4.sub(f32x4.splat(1), f32x4.mul(p, exp4(f32x4.neg(f32x4.mul(ax, ax)))));
  return v128.or(y, v128.and(x, i32x4.splat(-2147483648)));
}

const SQRT1_2: f32 = 0.7071067811865476;
const INV_SQRT_2PI: f32 = 0.3989422804014327;

/** Exact GELU, x·Φ(x). */
export function gelu4(x: v128): v128 {
  const phi = f32x4.mul(f32x4.splat(0.5), f32x4.add(f32x4.splat(1), erf4(f32x4.mul(x, f32x4.splat(SQRT1_2)))));
  return f32x4.mul(x, phi);
}

/** d GELU / dx = Φ(x) + x·φ(x). */
export function geluGrad4(x: v128): v128 {
  const phi = f32x4.mul(f32x4.splat(0.5), f32x4.add(f32x4.splat(1), erf4(f32x4.mul(x, f32x4.splat(SQRT1_2)))));
  const density = f32x4.mul(f32x4.splat(INV_SQRT_2PI), exp4(f32x4.mul(f32x4.splat(-0.5), f32x4.mul(x, x))));
  return f32x4.add(phi, f32x4.mul(x, density));
}
