import { describe, it, expect } from 'vitest';
import { dict } from '@node-rs/jieba/dict.js';
import { createLexiconSentiment, evidenceToPrediction, scoreTokens } from './lexicon-sentiment.js';
import { EN_LEXICON } from './sentiment-lexicon.js';
import { createZhTokenizer } from './tokenize-zh.js';

const model = createLexiconSentiment({ zh: createZhTokenizer({ dict }) });
const label = (t: string): string => model.predict(t).label;

describe('lexicon sentiment, Chinese', () => {
  it('gets clear reviews right', () => {
    expect(label('物流很快，包装完好，非常满意！')).toBe('positive');
    expect(label('质量太差了，用了两天就坏了，垃圾')).toBe('negative');
    expect(label('今天下午三点到的货')).toBe('neutral');
  });

  it('handles negation and contrast', () => {
    expect(label('房间不干净')).toBe('negative');
    expect(label('没有任何问题')).toBe('positive');
    expect(label('价格便宜，但是质量很差')).toBe('negative');
    expect(model.predict('房间不太干净').score).toBeLessThan(0);
  });
});

describe('lexicon sentiment, English', () => {
  it('gets clear reviews right', () => {
    expect(label('Excellent product, fast delivery, highly recommend!')).toBe('positive');
    expect(label('Terrible support. The app is broken and useless.')).toBe('negative');
    expect(label('The package arrived on Tuesday.')).toBe('neutral');
  });

  it('handles negation, intensity and contrast', () => {
    expect(label('not good')).toBe('negative');
    expect(label('not bad at all')).toBe('positive');
    expect(model.predict('very good').score).toBeGreaterThan(model.predict('good').score);
    expect(model.predict('not good').score).toBeGreaterThan(model.predict('bad').score);
    expect(label('The screen is nice but the battery is terrible')).toBe('negative');
  });
});

describe('lexicon sentiment, emoji and odd input', () => {
  it('scores emoji in any language and emoji-only text', () => {
    expect(label('😡😡😡')).toBe('negative');
    expect(label('收到了 😍')).toBe('positive');
    expect(label('ok :)')).toBe('positive');
  });

  it('gives a defined neutral answer for empty, HTML-only and unsupported text', () => {
    for (const t of ['', '<div><br/></div>', 'Это просто текст']) {
      const p = model.predict(t);
      expect(p.label).toBe('neutral');
      expect(p.probabilities.neutral).toBeCloseTo(1, 6);
    }
  });

  it('cuts huge texts instead of failing', () => {
    const p = model.predict('good '.repeat(50_000));
    expect(p.truncated).toBe(true);
    expect(p.label).toBe('positive');
  });
});

describe('score mapping', () => {
  it('keeps scores in [-1, 1] and probabilities summing to 1', () => {
    for (const s of [-20, -1, 0, 0.3, 5, 40]) {
      const { score, probabilities: p } = evidenceToPrediction(s);
      expect(Math.abs(score)).toBeLessThanOrEqual(1);
      expect(p.negative + p.neutral + p.positive).toBeCloseTo(1, 9);
    }
    expect(evidenceToPrediction(0).probabilities.neutral).toBe(1);
    expect(evidenceToPrediction(3).probabilities.positive).toBeGreaterThan(0.9);
  });

  it('reports the hits that explain a score', () => {
    const { sum, hits } = scoreTokens(['very', 'good', ',', 'not', 'NEG_cheap'], EN_LEXICON);
    expect(hits.map((h) => h.token)).toEqual(['good', 'NEG_cheap']);
    expect(sum).toBeCloseTo(1.5 - 0.6, 9);
  });
});
