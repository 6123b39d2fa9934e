import { dict } from '@node-rs/jieba/dict.js';
import { describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { createNgramSentimentModel } from './ngram-sentiment.js';
import { positiveShare } from './sentiment-model.js';
import { syntheticReviews } from './test-utils/synthetic-reviews.js';
import { createTextFeaturizer } from './text-features.js';
import { createZhTokenizer } from './tokenize-zh.js';
import { trainSentimentModel } from './train-sentiment.js';

const featurizer = createTextFeaturizer({ zh: createZhTokenizer({ dict }), buckets: 4096 });
const train = syntheticReviews(600, 1);
const validation = syntheticReviews(200, 2);
const test = syntheticReviews(200, 3);
const options = { featurizer, classes: ['negative', 'positive'] as const, validation, dim: 8, epochs: 6, batchSize: 32, learningRate: 0.05, seed: 5 };

describe('trainSentimentModel', () => {
  it('learns the polarity of synthetic bilingual reviews and calibrates on validation', async () => {
    const r = await trainSentimentModel(train, options);
    const model = createNgramSentimentModel(r.weights, featurizer, { name: 't', kind: 'ngram-bag', languages: ['zh', 'en'], description: '' });
    const acc = test.filter((s) => (positiveShare(model.predict(s.text)) >= 0.5 ? 1 : 0) === s.label).length / test.length;
    expect(acc).toBeGreaterThan(0.9);
    expect(r.validation.accuracy).toBeGreaterThan(0.9);
    expect(r.weights.temperature).toBeGreaterThan(0);
    expect(r.validation.nll).toBeLessThanOrEqual(r.validation.nllRaw + 1e-9);
    expect(model.predict('服务很好，很满意').label).toBe('positive');
    expect(model.predict('the room was dirty and the staff rude').label).toBe('negative');
  });

  it('is deterministic for a seed', async () => {
    const a = await trainSentimentModel(train.slice(0, 200), { ...options, epochs: 2 });
    const b = await trainSentimentModel(train.slice(0, 200), { ...options, epochs: 2 });
    expect(Array.from(a.weights.output.kernel)).toEqual(Array.from(b.weights.output.kernel));
    expect(a.weights.temperature).toBe(b.weights.temperature);
  });

  it('learns nothing from shuffled labels (accuracy near chance)', async () => {
    const shuffled = train.map((s, i) => ({ text: s.text, label: (i * 7919) % 2 }));
    const r = await trainSentimentModel(shuffled, { ...options, epochs: 3 });
    const model = createNgramSentimentModel(r.weights, featurizer, { name: 't', kind: 'ngram-bag', languages: ['zh', 'en'], description: '' });
    const acc = test.filter((s) => (positiveShare(model.predict(s.text)) >= 0.5 ? 1 : 0) === s.label).length / test.length;
    expect(acc).toBeLessThan(0.7);
  });

  it('trains a three-class model (softmax with temperature, no band) when labels include neutral', async () => {
    // neutral texts: the same fillers without any polar word
    const three = (n: number, seed: number) =>
      syntheticReviews(n, seed).map((s, i) => (i % 3 === 0 ? { text: s.text.replace(/很好|满意|干净|推荐|喜欢|实惠|很差|失望|脏|退货|难吃|太贵|great|love|excellent|clean|recommend|friendly|terrible|awful|dirty|broken|rude|refund/gu, ''), label: 1 } : { text: s.text, label: s.label === 1 ? 2 : 0 }));
    const r = await trainSentimentModel(three(900, 4), { ...options, classes: ['negative', 'neutral', 'positive'], validation: three(300, 5), epochs: 8 });
    expect(r.weights.classes).toEqual(['negative', 'neutral', 'positive']);
    expect(r.weights.neutralEdge).toBe(0);
    const model = createNgramSentimentModel(r.weights, featurizer, { name: 't3', kind: 'ngram-bag', languages: ['zh', 'en'], description: '' });
    const test = three(300, 6);
    const names = ['negative', 'neutral', 'positive'];
    const acc = test.filter((s) => model.predict(s.text).label === names[s.label]).length / test.length;
    expect(acc).toBeGreaterThan(0.8);
  });

  it('rejects labels outside the classes with a coded error', async () => {
    await expect(trainSentimentModel([{ text: 'x', label: 2 }], options)).rejects.toBeInstanceOf(NorthstarError);
  });
});
