import { dict } from '@node-rs/jieba/dict.js';
import { describe, expect, it } from 'vitest';
import { binaryToThreeClass, createNgramSentimentModel, neutralWidth, ngramLogits, type NgramSentimentWeights } from './ngram-sentiment.js';
import { createTextFeaturizer, fnv1a } from './text-features.js';
import { createZhTokenizer } from './tokenize-zh.js';

const buckets = 1 << 12;
const featurizer = createTextFeaturizer({ zh: createZhTokenizer({ dict }), buckets });
const id = (feature: string): number => 1 + (fnv1a(feature) % (buckets - 1));

/** A hand-set binary model: "good" pushes dimension 0 up, "bad" down; output logit_pos − logit_neg = 4·x0. */
function handModel(neutralEdge: number): NgramSentimentWeights {
  const dim = 2;
  const embeddings = new Float32Array(buckets * dim);
  embeddings[id('w|good') * dim] = 1;
  embeddings[id('w|bad') * dim] = -1;
  return { buckets, dim, classes: ['negative', 'positive'], embeddings, output: { kernel: Float32Array.of(-2, 2, 0, 0), bias: Float32Array.of(0, 0) }, temperature: 1, neutralEdge };
}
const info = { name: 'hand', kind: 'ngram-bag' as const, languages: ['en' as const], description: '' };

describe('binaryToThreeClass', () => {
  it('sums to one, keeps P(pos | not neutral) = σ(z), and ties neutral with the polar class at the edge', () => {
    for (const z of [-3, -1, -0.2, 0, 0.7, 2.5]) {
      const p = binaryToThreeClass(z, 1);
      expect(p.negative + p.neutral + p.positive).toBeCloseTo(1, 12);
      expect(p.positive / (p.positive + p.negative)).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    }
    const edge = binaryToThreeClass(1, 1);
    expect(edge.neutral).toBeCloseTo(edge.positive, 10);
    expect(binaryToThreeClass(0.9, 1).neutral).toBeGreaterThan(binaryToThreeClass(0.9, 1).positive);
    expect(binaryToThreeClass(1.1, 1).neutral).toBeLessThan(binaryToThreeClass(1.1, 1).positive);
    expect(neutralWidth(0)).toBe(0);
    expect(binaryToThreeClass(0.01, 0).neutral).toBe(0);
  });
});

describe('createNgramSentimentModel', () => {
  const model = createNgramSentimentModel(handModel(0.5), featurizer, info);

  it('reads the bag mean through the output layer', () => {
    expect(ngramLogits(handModel(0), Int32Array.of(id('w|good')))).toEqual(Float32Array.of(-2, 2));
    expect(ngramLogits(handModel(0), new Int32Array(0))).toBeUndefined();
    expect(model.predict('good').label).toBe('positive');
    expect(model.predict('bad').label).toBe('negative');
    // "good" and "bad" cancel: z = 0 lies inside the neutral band
    expect(model.predict('good bad').label).toBe('neutral');
  });

  it('gives a defined result for odd input and never throws', () => {
    const odd = ['', '   ', '<p></p>', '😡😡😡', '👍', '这是一段中文 mixed with English good', 'これはペンです', 'Привет мир', 'x'.repeat(200_000), '\u0000\uFFFF'];
    for (const text of odd) {
      const r = model.predict(text);
      expect(r.probabilities.negative + r.probabilities.neutral + r.probabilities.positive).toBeCloseTo(1, 9);
      expect(r.confidence).toBe(r.probabilities[r.label]);
    }
    expect(model.predict('').label).toBe('neutral');
    expect(model.predict('').confidence).toBeCloseTo(1 / 3, 9);
    expect(model.predict('これはペンです').lang).toBe('other');
    expect(model.predict('これはペンです').label).toBe('neutral');
    expect(model.predict('😡😡😡').label).toBe('negative');
    expect(model.predict('x'.repeat(200_000)).truncated).toBe(true);
    expect(model.predictBatch(['good', 'bad']).map((r) => r.label)).toEqual(['positive', 'negative']);
  });
});
