/** Scalar math helpers shared by the js backend and the ops (erf for exact GELU, a stable sigmoid). */

/** Error function, Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, under float32 resolution). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-ax * ax));
}

/** Logistic sigmoid that never overflows exp. */
export function sigmoid(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** Exact GELU, x·Φ(x). */
export function gelu(v: number): number {
  return 0.5 * v * (1 + erf(v * Math.SQRT1_2));
}

/** d GELU / dx = Φ(x) + x·φ(x). */
export function geluGrad(v: number): number {
  return 0.5 * (1 + erf(v * Math.SQRT1_2)) + v * 0.3989422804014327 * Math.exp(-0.5 * v * v);
}
