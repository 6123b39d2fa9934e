import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import {
  averageResults,
  chooseEnsembleCandidate,
  combinedLogit,
  createCalibratedEnsembleSentimentModel,
  ensembleShares,
  fitEnsembleCandidates,
  resultLogit,
  type EnsembleCandidate,
} from './calibrated-ensemble-sentiment.js';
import { binaryToThreeClass, resultFrom } from './ngram-sentiment.js';
import { noSignalResult, positiveShare, type SentimentModel, type SentimentResult } from './sentiment-model.js';

/** A member's result for calibrated logit z (neutral band 0.3, as a trained bag might have). */
const at = (z: number): SentimentResult => resultFrom(binaryToThreeClass(z, 0.3), 'zh', false);

/** A model that answers `z` for every Chinese text and no signal otherwise. */
function constant(z: number): SentimentModel {
  const info = { name: `z${z}`, kind: 'ngram-bag' as const, languages: ['zh' as const], description: '' };
  const predict = (t: string): SentimentResult => (/\p{Script=Han}/u.test(t) ? at(z) : noSignalResult('other'));
  return { info, predict, predictBatch: (ts) => ts.map(predict) };
}

/**
 * Two members that both see the true logit z at half strength (under-confident, agreeing: their average is as
 * under-confident as each); labels drawn from σ(z), z ~ N(0, 2).
 */
function underConfident(seed: number, n: number): { results: SentimentResult[][]; labels: number[] } {
  const rng = createRng(seed);
  const results: SentimentResult[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = rng.normal(0, 2);
    labels.push(rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
    results.push([at(z / 2 + rng.normal(0, 0.1)), at(z / 2 + rng.normal(0, 0.1))]);
  }
  return { results, labels };
}

describe('combining member results', () => {
  it('reads back a member logit and weights the logit mean by the normalised shares', () => {
    expect(resultLogit(at(1.7))).toBeCloseTo(1.7, 9);
    expect(Number.isFinite(resultLogit(at(80)))).toBe(true);
    expect(ensembleShares(2, [3, 1])).toEqual([0.75, 0.25]);
    expect(ensembleShares(4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(() => ensembleShares(2, [1])).toThrow(RangeError);
    expect(() => ensembleShares(2, [0, 0])).toThrow(RangeError);
    expect(combinedLogit([at(2), at(-1)], [0.75, 0.25], 'logit')).toBeCloseTo(1.25, 9);
    // probability: the logit of the averaged P(pos | not neutral) (same sign as the plain average)
    const avg = averageResults([at(2), at(-1)], [0.75, 0.25]);
    expect(combinedLogit([at(2), at(-1)], [0.75, 0.25], 'probability')).toBeCloseTo(Math.log(positiveShare(avg) / (1 - positiveShare(avg))), 9);
  });
});

describe('fitEnsembleCandidates', () => {
  it('sharpens an under-confident ensemble (T ≈ 0.5) and lowers its log-loss and ECE at the same accuracy', () => {
    const { results, labels } = underConfident(11, 3000);
    const c = fitEnsembleCandidates(results, labels);
    expect(c.map((k) => k.name)).toEqual(['probability-raw', 'probability', 'logit']);
    const [raw, prob, logit] = c as [EnsembleCandidate, EnsembleCandidate, EnsembleCandidate];
    expect(logit.calibration?.temperature).toBeGreaterThan(0.4);
    expect(logit.calibration?.temperature).toBeLessThan(0.6);
    for (const k of [prob, logit]) {
      expect(k.accuracy).toBe(raw.accuracy); // a temperature and a shared sign rule change no decision here
      expect(k.logLoss).toBeLessThan(raw.logLoss);
      expect(k.ece).toBeLessThan(raw.ece);
    }
    expect(chooseEnsembleCandidate(c).name).not.toBe('probability-raw');
  });

  it('never ships a combination that loses validation accuracy, however good its log-loss', () => {
    const base = { logLoss: 0.3, ece: 0.05, neutralShare: 0 };
    const cal = { combine: 'logit' as const, temperature: 1, neutralEdge: 0 };
    const raw: EnsembleCandidate = { name: 'probability-raw', accuracy: 0.9, ...base };
    const worse: EnsembleCandidate = { name: 'logit', calibration: cal, accuracy: 0.89, ...base, logLoss: 0.2 };
    expect(chooseEnsembleCandidate([raw, worse]).name).toBe('probability-raw');
    const better: EnsembleCandidate = { name: 'probability', calibration: { ...cal, combine: 'probability' }, accuracy: 0.9, ...base, logLoss: 0.25 };
    expect(chooseEnsembleCandidate([raw, worse, better]).name).toBe('probability');
    expect(() => chooseEnsembleCandidate([better])).toThrow(RangeError);
  });
});

describe('createCalibratedEnsembleSentimentModel', () => {
  it('divides the combined logit by T and applies its own neutral band; unreadable texts keep the members\' no-signal answer', () => {
    const m = createCalibratedEnsembleSentimentModel([constant(2), constant(-1)], constant(0).info, [3, 1], { combine: 'logit', temperature: 0.5, neutralEdge: 1 });
    const r = m.predict('很好');
    expect(positiveShare(r)).toBeCloseTo(1 / (1 + Math.exp(-2.5)), 9); // (0.75·2 − 0.25·1) / 0.5
    expect(r.label).toBe('positive');
    const near = createCalibratedEnsembleSentimentModel([constant(0.5), constant(-0.3)], constant(0).info, undefined, { combine: 'logit', temperature: 1, neutralEdge: 1 });
    expect(near.predict('一般').label).toBe('neutral'); // |0.1| inside the route's band
    const none = m.predict('');
    expect(none).toMatchObject({ label: 'neutral', lang: 'other' });
    expect(none.confidence).toBeCloseTo(1 / 3, 9);
    expect(m.predictBatch(['很好', '']).map((x) => x.label)).toEqual(['positive', 'neutral']);
    expect(() => createCalibratedEnsembleSentimentModel([constant(1)], constant(0).info, undefined, { combine: 'logit', temperature: 0, neutralEdge: 0 })).toThrow(RangeError);
  });
});
