import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { positiveShare } from '../../ml/text/sentiment-model.js';
import type { TextCnnWeights } from '../../ml/text/textcnn-sentiment.js';
import { loadSentimentModel } from './load-sentiment-model.js';
import { writeRoutedManifest } from './routed-sentiment-folder.js';
import { readTextCnnArtifacts, readTextCnnFolder, writeTextCnnFolder } from './textcnn-model-folder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-textcnn-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rng = createRng(4);
const vocab = ['好', '差', '很', '不', '错', '!'];
const [vocabSize, dim, f] = [vocab.length + 2, 6, 4];
const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal(0, 0.4));
const embeddings = rand(vocabSize * dim);
embeddings.fill(0, 0, dim);
const weights: TextCnnWeights = {
  vocabSize, dim, classes: ['negative', 'positive'], embeddings,
  branches: [2, 3].map((k) => ({ kernelSize: k, filters: f, kernel: rand(k * dim * f), bias: rand(f) })),
  output: { kernel: rand(2 * f * 2), bias: rand(2) }, temperature: 1.2, neutralEdge: 0.3,
};
const manifest = { name: 'cnn', description: 'test', languages: ['zh' as const] };

describe('TextCNN model folder', () => {
  it('round-trips: int8 embeddings within half a step per weight, the rest exact', () => {
    const out = path.join(dir, 'a');
    const bytes = writeTextCnnFolder(out, { manifest, weights, vocab, maxLength: 64 });
    expect(bytes).toBe(vocabSize * dim + vocabSize * 4 + 4 * (2 * dim * f + f + 3 * dim * f + f + 2 * f * 2 + 2));
    const back = readTextCnnArtifacts(out);
    expect(back.vocab).toEqual(vocab);
    expect(back.manifest).toMatchObject({ kind: 'textcnn', maxLength: 64, branches: [{ kernelSize: 2, filters: f }, { kernelSize: 3, filters: f }] });
    for (let r = 0; r < vocabSize; r++) {
      const row = embeddings.subarray(r * dim, (r + 1) * dim);
      const step = Math.max(...row.map(Math.abs)) / 127;
      row.forEach((v, j) => expect(Math.abs(back.weights.embeddings[r * dim + j]! - v)).toBeLessThanOrEqual(step / 2 + 1e-7));
    }
    expect(Array.from(back.weights.branches[1]!.kernel)).toEqual(Array.from(weights.branches[1]!.kernel));
    expect(Array.from(back.weights.output.kernel)).toEqual(Array.from(weights.output.kernel));
  });

  it('loads as an ensemble member of a by-language folder', () => {
    const root = path.join(dir, 'routed');
    writeTextCnnFolder(path.join(root, 'cnn'), { manifest, weights, vocab, maxLength: 64 });
    writeTextCnnFolder(path.join(root, 'cnn2'), { manifest, weights: { ...weights, temperature: 2 }, vocab, maxLength: 64 });
    writeRoutedManifest(root, { format: 'northstar-sentiment', version: 1, name: 'r', kind: 'by-language', description: '', languages: ['zh'], routes: { zh: ['cnn', 'cnn2'] }, fallback: 'cnn' });
    const single = loadSentimentModel(path.join(root, 'cnn'));
    expect(single.info.kind).toBe('textcnn');
    const m = loadSentimentModel(root);
    const p = m.predict('很好，不错!');
    expect(p.lang).toBe('zh');
    expect(positiveShare(p)).toBeGreaterThan(0);
    expect(positiveShare(p)).toBeLessThan(1);
  });

  it('a word-level folder records its tokens, encodes jieba words, and needs the tokenizer to load', () => {
    const out = path.join(dir, 'words');
    const words = ['很好', '很差', '服务', '价格', '!', '不错'];
    writeTextCnnFolder(out, { manifest, weights, vocab: words, maxLength: 64, tokens: 'word' });
    expect(readTextCnnArtifacts(out).manifest.tokens).toBe('word');
    const m = loadSentimentModel(out);
    // word ids: 服务/很好 are in the vocabulary, so the two texts differ only by their known words
    const a = m.predict('服务很好').probabilities;
    const b = m.predict('服务很差').probabilities;
    expect(a.positive).not.toBeCloseTo(b.positive, 6);
    // the same weights read as characters see only unknown tokens for both texts
    const chars = path.join(dir, 'same-as-chars');
    writeTextCnnFolder(chars, { manifest, weights, vocab: words, maxLength: 64 });
    const c = loadSentimentModel(chars);
    expect(c.predict('服务很好').probabilities.positive).toBeCloseTo(c.predict('服务很差').probabilities.positive, 6);
    expect(() => readTextCnnFolder(out)).toThrow(expect.objectContaining({ code: 'NN_MODEL_FORMAT', message: expect.stringMatching(/jieba/) }));
  });

  it.each([
    ['a truncated weights file', 'weights.bin', Buffer.alloc(10), /bytes/],
    ['a vocabulary of the wrong size', 'vocab.txt', '好\n差\n', /tokens/],
    ['an invalid manifest', 'sentiment.json', JSON.stringify({ format: 'northstar-sentiment', version: 1, kind: 'textcnn' }), /invalid/],
  ])('rejects %s with NN_MODEL_FORMAT', (_n, file, content, message) => {
    const out = path.join(dir, `bad-${file}`);
    writeTextCnnFolder(out, { manifest, weights, vocab, maxLength: 64 });
    writeFileSync(path.join(out, file), content);
    expect(() => readTextCnnArtifacts(out)).toThrow(expect.objectContaining({ code: 'NN_MODEL_FORMAT', message: expect.stringMatching(message) }));
  });
});
