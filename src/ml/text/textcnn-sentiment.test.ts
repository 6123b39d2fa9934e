import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { nn } from '../../nn/index.js';
import { buildCharVocab, createCharEncoder } from './char-vocab.js';
import { positiveShare } from './sentiment-model.js';
import { syntheticReviews } from './test-utils/synthetic-reviews.js';
import { createTextCnnSentimentModel, textCnnLogits, textCnnTables, type TextCnnWeights } from './textcnn-sentiment.js';
import { trainTextCnn } from './train-textcnn.js';

function randomWeights(seed: number): TextCnnWeights {
  const rng = createRng(seed);
  const r = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal() * 0.5);
  const [vocabSize, dim, f] = [9, 4, 3];
  const embeddings = r(vocabSize * dim);
  embeddings.fill(0, 0, dim);
  return {
    vocabSize,
    dim,
    classes: ['negative', 'positive'],
    embeddings,
    branches: [2, 3, 4].map((k) => ({ kernelSize: k, filters: f, kernel: r(k * dim * f), bias: r(f) })),
    output: { kernel: r(3 * f * 2), bias: r(2) },
    temperature: 1,
    neutralEdge: 0,
  };
}

/** The same network as the training graph: engine ops on one unpadded text. */
function graphLogits(w: TextCnnWeights, ids: Int32Array): Float32Array {
  const x = nn.tensor2d(Float32Array.from(ids), [1, ids.length]);
  const e = nn.ops.embedding(x, nn.tensor2d(w.embeddings, [w.vocabSize, w.dim]), { maskZero: true });
  let out = nn.tensor2d(Float32Array.from(w.output.bias), [1, 2]);
  let row = 0;
  for (const b of w.branches) {
    const h = nn.ops.conv1d(e, nn.tensor(b.kernel, [b.kernelSize, w.dim, b.filters]), { padding: 'same', bias: nn.tensor1d(b.bias), activation: 'relu' });
    const kernel = nn.tensor2d(w.output.kernel.slice(row * 2, (row + b.filters) * 2), [b.filters, 2]);
    out = nn.ops.add(out, nn.ops.matmul(nn.ops.globalMaxPool1d(h), kernel));
    row += b.filters;
  }
  return out.data;
}

describe('textCnnLogits (precomputed tap tables)', () => {
  it.each([
    ['one token (shorter than every kernel)', [3]],
    ['two tokens', [5, 1]],
    ['a sentence', [2, 7, 8, 1, 4, 4, 6, 3]],
    ['with padding ids inside', [2, 0, 5, 0, 8]],
  ])('equals the engine graph: %s', (_n, ids) => {
    const w = randomWeights(11);
    const fast = textCnnLogits(w, textCnnTables(w), Int32Array.from(ids))!;
    const slow = graphLogits(w, Int32Array.from(ids));
    expect(fast[0]).toBeCloseTo(slow[0]!, 4);
    expect(fast[1]).toBeCloseTo(slow[1]!, 4);
  });

  it('fills table rows lazily: one shared table gives every text what a fresh table gives it', () => {
    const w = randomWeights(5);
    const shared = textCnnTables(w);
    const texts = [[2, 7, 8], [8, 1, 3, 3], [5], [2, 7, 8, 6, 4]].map((t) => Int32Array.from(t));
    textCnnLogits(w, shared, texts[0]!);
    // only the tokens read so far have rows (padding never)
    expect(Array.from(shared.ready)).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 1]);
    for (const ids of texts) expect(Array.from(textCnnLogits(w, shared, ids)!)).toEqual(Array.from(textCnnLogits(w, textCnnTables(w), ids)!));
    expect(Array.from(shared.ready)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('has nothing to say about an empty text', () => {
    const w = randomWeights(1);
    expect(textCnnLogits(w, textCnnTables(w), new Int32Array(0))).toBeUndefined();
  });
});

describe('trainTextCnn', () => {
  const zhOnly = (n: number, seed: number): ReturnType<typeof syntheticReviews> => syntheticReviews(n, seed).filter((s) => /\p{Script=Han}/u.test(s.text));
  const train = zhOnly(500, 1);
  const validation = zhOnly(160, 2);
  const test = zhOnly(160, 3);
  const options = { classes: ['negative', 'positive'] as const, validation, dim: 8, filters: 8, kernelSizes: [2, 3], epochs: 6, learningRate: 0.01, seed: 3 };

  it('learns synthetic Chinese reviews, calibrates, and predicts through the SentimentModel interface', async () => {
    const r = await trainTextCnn(train, options);
    const model = createTextCnnSentimentModel(r.weights, r.encoder, { name: 't', kind: 'textcnn', languages: ['zh'], description: '' });
    const acc = test.filter((s) => (positiveShare(model.predict(s.text)) >= 0.5 ? 1 : 0) === s.label).length / test.length;
    expect(acc).toBeGreaterThan(0.9);
    expect(r.validation.accuracy).toBeGreaterThan(0.9);
    expect(r.validation.nll).toBeLessThanOrEqual(r.validation.nllRaw + 1e-9);
    expect(r.history.valLoss[r.bestEpoch - 1]).toBe(Math.min(...r.history.valLoss));
    expect(model.predict('服务很好，很满意').label).toBe('positive');
    expect(model.predict('房间很脏，太失望了').label).toBe('negative');
    expect(model.predict('').label).toBe('neutral');
    expect(model.predict('Это отличный отель').label).toBe('neutral');
  });

  it('is deterministic for a seed', async () => {
    const a = await trainTextCnn(train.slice(0, 150), { ...options, epochs: 2 });
    const b = await trainTextCnn(train.slice(0, 150), { ...options, epochs: 2 });
    expect(Array.from(a.weights.output.kernel)).toEqual(Array.from(b.weights.output.kernel));
    expect(Array.from(a.weights.embeddings)).toEqual(Array.from(b.weights.embeddings));
  });

  it('learns nothing from shuffled labels (accuracy near chance)', async () => {
    const shuffled = train.map((s, i) => ({ text: s.text, label: (i * 7919) % 2 }));
    const r = await trainTextCnn(shuffled, { ...options, epochs: 3, vocab: buildCharVocab(train.map((s) => s.text)) });
    const model = createTextCnnSentimentModel(r.weights, r.encoder, { name: 't', kind: 'textcnn', languages: ['zh'], description: '' });
    const acc = test.filter((s) => (positiveShare(model.predict(s.text)) >= 0.5 ? 1 : 0) === s.label).length / test.length;
    expect(acc).toBeLessThan(0.65);
  });

  it('fine-tunes from trained weights: the first epoch starts where the model left off', async () => {
    const base = await trainTextCnn(train, { ...options, epochs: 4 });
    const vocab = base.encoder.vocab;
    const scratch = await trainTextCnn(train.slice(0, 200), { ...options, vocab, epochs: 1 });
    const tuned = await trainTextCnn(train.slice(0, 200), { ...options, vocab, epochs: 1, from: base.weights, learningRate: 0.001 });
    expect(tuned.history.loss[0]).toBeLessThan(scratch.history.loss[0]! * 0.7);
    expect(tuned.validation.accuracy).toBeGreaterThan(0.9);
    // the start really is the given weights: a zero learning rate changes nothing
    const frozen = await trainTextCnn(train.slice(0, 50), { ...options, vocab, epochs: 1, from: base.weights, learningRate: 0 });
    expect(Array.from(frozen.weights.branches[1]!.kernel)).toEqual(Array.from(base.weights.branches[1]!.kernel));
    await expect(trainTextCnn(train, { ...options, vocab, filters: 4, from: base.weights })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(trainTextCnn(train, { ...options, vocab: vocab.slice(1), from: base.weights })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('rejects labels outside the classes', async () => {
    await expect(trainTextCnn([{ text: '好', label: 2 }], options)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(createCharEncoder([], 4).size).toBe(2);
  });
});
