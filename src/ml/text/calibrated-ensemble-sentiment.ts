/**
 * An ensemble route with its own calibration. Averaging members that are each calibrated does not give a
 * calibrated average: the average of confident, agreeing members is under-confident, and its neutral band is
 * whatever falls out (the shipped zh route's ChnSentiCorp test ECE rose from 0.027 with the bags alone to 0.046
 * with the TextCNNs). Here the members are combined into one binary logit z, either
 *
 * - `logit`: the weighted mean of the members' calibrated logits z_i = logit P_i(pos | not neutral), or
 * - `probability`: the logit of the weighted probability average's P(pos | not neutral) (same decisions as the
 *   plain average),
 *
 * and one temperature T and one neutral edge z* are fitted on validation for z / T, with the same
 * {@link fitTemperature} / {@link fitNeutralEdge} as a single model; the three classes then come from
 * {@link binaryToThreeClass}, as for a single binary model.
 */
import { expectedCalibrationError, fitNeutralEdge, fitTemperature } from './calibrate-sentiment.js';
import { binaryToThreeClass, resultFrom } from './ngram-sentiment.js';
import { positiveShare, type SentimentModel, type SentimentModelInfo, type SentimentResult } from './sentiment-model.js';

/** How the members' outputs become one logit before the route's temperature. */
export type EnsembleCombine = 'logit' | 'probability';

/** The calibration of an ensemble route (stored in a by-language folder's `routeCalibration`). */
export interface EnsembleCalibration {
  readonly combine: EnsembleCombine;
  /** Divides the combined logit (fitted on validation; 1 = none). */
  readonly temperature: number;
  /** |z / T| below this is neutral (0 = never neutral). */
  readonly neutralEdge: number;
}

/** Keeps logit(p) finite for members that are certain to float precision. */
const P_CLAMP = 1e-9;

/** The calibrated binary logit of one result: logit P(pos | not neutral). */
export function resultLogit(r: SentimentResult): number {
  const p = Math.min(1 - P_CLAMP, Math.max(P_CLAMP, positiveShare(r)));
  return Math.log(p / (1 - p));
}

/** Normalised member shares (default equal); throws RangeError on a weight list that does not fit. */
export function ensembleShares(n: number, weights?: readonly number[]): number[] {
  if (n < 1) throw new RangeError('an ensemble needs at least one member');
  if (weights === undefined) return Array.from({ length: n }, () => 1 / n);
  if (weights.length !== n || weights.some((w) => !(w >= 0)) || !weights.some((w) => w > 0)) {
    throw new RangeError(`an ensemble of ${n} needs as many non-negative weights, not all zero`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** The weighted probability average of member results (what an uncalibrated ensemble route returns). */
export function averageResults(results: readonly SentimentResult[], shares: readonly number[]): SentimentResult {
  const head = results[0];
  if (head === undefined) throw new RangeError('an ensemble needs at least one member');
  const probs = { negative: 0, neutral: 0, positive: 0 };
  results.forEach((r, i) => {
    const w = shares[i] ?? 0;
    probs.negative += w * r.probabilities.negative;
    probs.neutral += w * r.probabilities.neutral;
    probs.positive += w * r.probabilities.positive;
  });
  return resultFrom(probs, head.lang, head.truncated);
}

/** The combined (not yet tempered) logit of one text's member results. */
export function combinedLogit(results: readonly SentimentResult[], shares: readonly number[], combine: EnsembleCombine): number {
  if (combine === 'probability') return resultLogit(averageResults(results, shares));
  let z = 0;
  results.forEach((r, i) => (z += (shares[i] ?? 0) * resultLogit(r)));
  return z;
}

/**
 * Wraps members as one model whose combined logit is calibrated by `cal`. Texts the members cannot read (language
 * `other`: empty, unsupported, emoji-only) keep the members' own no-signal / emoji answer, averaged in probability.
 */
export function createCalibratedEnsembleSentimentModel(
  members: readonly SentimentModel[],
  info: SentimentModelInfo,
  weights: readonly number[] | undefined,
  cal: EnsembleCalibration,
): SentimentModel {
  const shares = ensembleShares(members.length, weights);
  if (!(cal.temperature > 0) || !(cal.neutralEdge >= 0)) throw new RangeError('an ensemble calibration needs temperature > 0 and neutralEdge ≥ 0');
  const predict = (text: string): SentimentResult => {
    const results = members.map((m) => m.predict(text));
    const head = results[0]!;
    if (head.lang === 'other') return averageResults(results, shares);
    const z = combinedLogit(results, shares, cal.combine) / cal.temperature;
    return resultFrom(binaryToThreeClass(z, cal.neutralEdge), head.lang, head.truncated);
  };
  return { info, predict, predictBatch: (texts) => texts.map(predict) };
}

/** Validation figures of one way of combining an ensemble route (binary labels 0/1). */
export interface EnsembleCandidate {
  /** `probability-raw` is the plain probability average (no route calibration). */
  readonly name: 'probability-raw' | EnsembleCombine;
  /** Undefined for `probability-raw`. */
  readonly calibration?: EnsembleCalibration;
  readonly accuracy: number;
  /** Mean binary log-loss of P(pos | not neutral). */
  readonly logLoss: number;
  /** Binary ECE (15 bins) of max(p, 1 − p), as `binaryEce`. */
  readonly ece: number;
  /** Share of texts whose three-class label is neutral. */
  readonly neutralShare: number;
}

function figures(p: readonly number[], neutral: readonly boolean[], labels: readonly number[]): Omit<EnsembleCandidate, 'name' | 'calibration'> {
  let right = 0;
  let nll = 0;
  const conf: number[] = [];
  const ok: boolean[] = [];
  p.forEach((v, i) => {
    const y = labels[i]!;
    const hit = (v >= 0.5 ? 1 : 0) === y;
    if (hit) right++;
    const q = Math.min(1 - P_CLAMP, Math.max(P_CLAMP, y === 1 ? v : 1 - v));
    nll -= Math.log(q);
    conf.push(Math.max(v, 1 - v));
    ok.push(hit);
  });
  const n = Math.max(1, p.length);
  return { accuracy: right / n, logLoss: nll / n, ece: expectedCalibrationError(conf, ok), neutralShare: neutral.filter(Boolean).length / n };
}

/**
 * Fits both calibrated combinations on validation (`results[k]` = the members' results on text k) and measures
 * them beside the plain probability average. {@link chooseEnsembleCandidate} picks one.
 */
export function fitEnsembleCandidates(results: readonly (readonly SentimentResult[])[], labels: readonly number[], weights?: readonly number[]): EnsembleCandidate[] {
  const n = results[0]?.length ?? 1;
  const shares = ensembleShares(n, weights);
  const raw = results.map((r) => averageResults(r, shares));
  const out: EnsembleCandidate[] = [{ name: 'probability-raw', ...figures(raw.map(positiveShare), raw.map((r) => r.label === 'neutral'), labels) }];
  for (const combine of ['probability', 'logit'] as const) {
    const z = results.map((r) => combinedLogit(r, shares, combine));
    const temperature = fitTemperature(z.map((v) => Float32Array.of(0, v)), labels);
    const scaled = z.map((v) => v / temperature);
    const calibration: EnsembleCalibration = { combine, temperature, neutralEdge: fitNeutralEdge(scaled, labels) };
    const three = scaled.map((v) => resultFrom(binaryToThreeClass(v, calibration.neutralEdge), 'zh', false));
    out.push({ name: combine, calibration, ...figures(three.map(positiveShare), three.map((r) => r.label === 'neutral'), labels) });
  }
  return out;
}

/**
 * The candidate to ship: the lowest validation log-loss among those whose validation accuracy is not below the
 * plain probability average's (the route's decisions must not get worse for a better-calibrated score).
 */
export function chooseEnsembleCandidate(candidates: readonly EnsembleCandidate[]): EnsembleCandidate {
  const raw = candidates.find((c) => c.name === 'probability-raw');
  if (raw === undefined) throw new RangeError('the candidates need the plain probability average');
  return candidates.filter((c) => c.accuracy >= raw.accuracy).reduce((best, c) => (c.logLoss < best.logLoss ? c : best), raw);
}
