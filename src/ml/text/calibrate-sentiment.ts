/**
 * Calibration of a trained sentiment model on a held-out validation split: temperature scaling (Guo et al.
 * 2017: one scalar T that divides the logits, chosen to minimise validation log-loss), expected calibration error
 * (ECE, 15 equal-width confidence bins), and the neutral band of binary models.
 *
 * Neutral, honestly: the corpora are binary, so there is no neutral label to learn from. A binary model says
 * "neutral" where it cannot tell: the band of calibrated logits |z| < z* is the widest band around 0 in which the
 * model's validation accuracy stays at or below {@link NEUTRAL_MAX_ACCURACY} (it is little better than a coin
 * there). Texts with nothing to read (empty, unsupported language) are neutral by definition, not by this band.
 */

/** Accuracy at or below which the most uncertain validation texts are called neutral. */
export const NEUTRAL_MAX_ACCURACY = 0.55;
/** Fewest validation texts a neutral band is fitted on (smaller bands are noise). */
const NEUTRAL_MIN_COUNT = 20;

/** Mean negative log-likelihood of `labels` under softmax(logits / t). */
export function temperatureNll(logits: readonly Float32Array[], labels: readonly number[], t: number): number {
  let nll = 0;
  for (let i = 0; i < logits.length; i++) {
    const l = logits[i]!;
    let max = -Infinity;
    for (const v of l) max = Math.max(max, v / t);
    let sum = 0;
    for (const v of l) sum += Math.exp(v / t - max);
    nll -= l[labels[i]!]! / t - max - Math.log(sum);
  }
  return logits.length === 0 ? 0 : nll / logits.length;
}

/** The temperature in [0.05, 20] minimising validation NLL (log-spaced grid, then golden-section refinement). */
export function fitTemperature(logits: readonly Float32Array[], labels: readonly number[]): number {
  if (logits.length === 0) return 1;
  let best = 1;
  let bestNll = Infinity;
  for (let k = 0; k <= 60; k++) {
    const t = 0.05 * Math.pow(400, k / 60);
    const nll = temperatureNll(logits, labels, t);
    if (nll < bestNll) [best, bestNll] = [t, nll];
  }
  // refine in log space around the best grid point
  let lo = Math.log(best) - 0.1;
  let hi = Math.log(best) + 0.1;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 30; it++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (temperatureNll(logits, labels, Math.exp(a)) < temperatureNll(logits, labels, Math.exp(b))) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}

/** Expected calibration error of top-1 predictions: Σ_bins (n_b / n) · |accuracy_b − confidence_b|. */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[], bins = 15): number {
  const n = confidences.length;
  if (n === 0) return 0;
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const acc = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const c = confidences[i]!;
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b]!++;
    conf[b]! += c;
    if (correct[i] === true) acc[b]!++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(acc[b]! - conf[b]!) / n;
  return ece;
}

/**
 * The neutral edge z* of a binary model from calibrated validation logits z (positive ⇔ class 1) and labels
 * (0/1): the largest |z| such that the texts with |z| ≤ it are predicted with accuracy ≤ NEUTRAL_MAX_ACCURACY.
 * Returns 0 (never neutral) when no such band of at least 20 texts exists.
 */
export function fitNeutralEdge(z: readonly number[], labels: readonly number[]): number {
  const order = z.map((v, i) => i).sort((a, b) => Math.abs(z[a]!) - Math.abs(z[b]!));
  let right = 0;
  let edge = 0;
  order.forEach((i, k) => {
    if ((z[i]! >= 0 ? 1 : 0) === labels[i]) right++;
    const n = k + 1;
    if (n >= NEUTRAL_MIN_COUNT && right / n <= NEUTRAL_MAX_ACCURACY) edge = Math.abs(z[i]!);
  });
  return edge;
}
