import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { createGatedSentimentModel, gateResult, shiftedGate } from './gated-sentiment.js';
import { binaryToThreeClass, emojiResult, resultFrom } from './ngram-sentiment.js';
import { noSignalResult, positiveShare, type SentimentLabel, type SentimentModel, type SentimentResult } from './sentiment-model.js';

const info = { name: 'gated', kind: 'by-language' as const, languages: ['zh' as const, 'en' as const], description: '' };

/** A model that answers `probs` for Chinese or English text, and the bags' no-signal / emoji answer otherwise. */
function constant(probs: Record<SentimentLabel, number>): SentimentModel {
  const predict = (t: string): SentimentResult => {
    if (/\p{Script=Han}/u.test(t)) return resultFrom(probs, 'zh', false);
    if (/[a-z]/iu.test(t)) return resultFrom(probs, 'en', t.length > 20);
    return t.includes('😀') ? emojiResult(['😀'], 'other', false) : noSignalResult('other');
  };
  return { info: { ...info, name: 'constant', kind: 'ngram-bag' }, predict, predictBatch: (ts) => ts.map(predict) };
}

const gateOf = (g: number): SentimentModel => constant({ negative: (1 - g) / 2, neutral: g, positive: (1 - g) / 2 });

describe('gated sentiment', () => {
  it.each([
    // [sentiment z, gate g, expected label]
    [3, 0.9, 'neutral'],
    [3, 0.1, 'positive'],
    [-2, 0.2, 'negative'],
    [-2, 0.6, 'neutral'],
    [0.1, 0.4, 'neutral'], // inside the sentiment model's own neutral band: stays neutral
  ] as const)('sentiment z=%d, gate g=%d → %s; the two-class reading and the score are unchanged', (z, g, label) => {
    const sentiment = constant(binaryToThreeClass(z, 0.5));
    const m = createGatedSentimentModel(sentiment, gateOf(g), info);
    const before = sentiment.predict('房间很干净');
    const after = m.predict('房间很干净');
    expect(after.label).toBe(label);
    expect(positiveShare(after)).toBeCloseTo(positiveShare(before), 12);
    expect(after.score).toBeCloseTo(before.score, 12);
    expect(after.probabilities.neutral).toBeCloseTo(g + (1 - g) * before.probabilities.neutral, 12);
    expect(after.probabilities.negative + after.probabilities.neutral + after.probabilities.positive).toBeCloseTo(1, 12);
    expect(after.confidence).toBe(after.probabilities[after.label]);
    expect(m.info).toBe(info);
  });

  it('keeps positiveShare exactly for random results and gates (seeded)', () => {
    const rng = createRng(7);
    for (let i = 0; i < 200; i++) {
      const r = resultFrom(binaryToThreeClass(rng.normal(0, 3), rng.next()), 'en', false);
      const g = rng.next();
      const out = gateResult(r, g);
      expect(positiveShare(out)).toBeCloseTo(positiveShare(r), 12);
      // the gate only ever adds to neutral
      expect(out.probabilities.neutral).toBeGreaterThanOrEqual(r.probabilities.neutral - 1e-12);
    }
  });

  it('keeps the sentiment result for texts the gate has no signal for (empty, other languages, emoji)', () => {
    const sentiment = constant(binaryToThreeClass(3, 0.5));
    const m = createGatedSentimentModel(sentiment, gateOf(0.99), info);
    for (const t of ['', '   ', '방이 깨끗해요', '😀😀']) expect(m.predict(t)).toEqual(sentiment.predict(t));
    expect(m.predict('the room was clean and quiet all night')).toMatchObject({ label: 'neutral', lang: 'en', truncated: true });
    expect(m.predictBatch(['房间很干净', '😀']).map((r) => r.label)).toEqual(['neutral', 'positive']);
  });

  it('a logit shift moves the gate both ways, and 0 leaves it as it is', () => {
    expect(shiftedGate(0.3, 0)).toBe(0.3);
    expect(shiftedGate(0.5, Math.log(3))).toBeCloseTo(0.75, 12);
    expect(shiftedGate(0.5, -Math.log(3))).toBeCloseTo(0.25, 12);
    const sentiment = constant(binaryToThreeClass(2, 0.5));
    expect(createGatedSentimentModel(sentiment, gateOf(0.5), info).predict('很好').label).toBe('neutral');
    expect(createGatedSentimentModel(sentiment, gateOf(0.5), info, { shift: -3 }).predict('很好').label).toBe('positive');
    expect(() => createGatedSentimentModel(sentiment, gateOf(0.5), info, { shift: Number.NaN })).toThrow(RangeError);
  });
  it('acts only where `applies` says so, and never asks the gate otherwise', () => {
    const sentiment = constant(binaryToThreeClass(3, 0.5));
    let asked = 0;
    const gate = gateOf(0.9);
    const counting: SentimentModel = { ...gate, predict: (t) => (asked++, gate.predict(t)) };
    const m = createGatedSentimentModel(sentiment, counting, info, { applies: (t) => t.endsWith('？') });
    expect(m.predict('怎么预订？').label).toBe('neutral');
    expect(asked).toBe(1);
    expect(m.predict('房间很干净').label).toBe('positive');
    expect(asked).toBe(1);
  });
});
