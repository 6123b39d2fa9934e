import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { NorthstarError } from '../../common/errors.js';
import type { NgramSentimentWeights } from '../../ml/text/ngram-sentiment.js';
import { sharedZhTokenizer } from './load-sentiment-model.js';
import { readSentimentArtifacts, readSentimentModelFolder, writeSentimentModelFolder, type SentimentManifest } from './sentiment-model-folder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-sentiment-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rng = createRng(9);
const buckets = 256;
const dim = 4;
const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal(0, 0.3));
const weights: NgramSentimentWeights = {
  buckets, dim, classes: ['negative', 'positive'], embeddings: rand(buckets * dim),
  hidden: { units: 3, kernel: rand(dim * 3), bias: rand(3) }, output: { kernel: rand(3 * 2), bias: rand(2) }, temperature: 1.3, neutralEdge: 0.4,
};
const manifest: SentimentManifest = {
  format: 'northstar-sentiment', version: 1, name: 'round-trip', kind: 'mlp', description: 'test', languages: ['zh', 'en'],
  buckets, dim, hiddenUnits: 3, classes: ['negative', 'positive'], temperature: 1.3, neutralEdge: 0.4, featurizer: { maxChars: 100, maxFeatures: 32 },
};

describe('sentiment model folder', () => {
  it('round-trips with int8 embeddings within half a quantisation step per weight, dense layers exact', () => {
    const out = path.join(dir, 'm');
    const bytes = writeSentimentModelFolder(out, { manifest, weights });
    expect(bytes).toBe(buckets * dim + buckets * 4 + (dim * 3 + 3 + 3 * 2 + 2) * 4);
    const back = readSentimentArtifacts(out);
    expect(back.manifest).toEqual(manifest);
    for (let r = 0; r < buckets; r++) {
      const row = weights.embeddings.subarray(r * dim, (r + 1) * dim);
      const step = Math.max(...Array.from(row, Math.abs)) / 127;
      for (let j = 0; j < dim; j++) expect(Math.abs(back.weights.embeddings[r * dim + j]! - row[j]!)).toBeLessThanOrEqual(step / 2 + 1e-7);
    }
    expect(Array.from(back.weights.hidden!.kernel)).toEqual(Array.from(weights.hidden!.kernel));
    expect(Array.from(back.weights.output.bias)).toEqual(Array.from(weights.output.bias));
    const model = readSentimentModelFolder(out, sharedZhTokenizer());
    expect(model.info).toMatchObject({ name: 'round-trip', kind: 'mlp' });
    expect(['negative', 'neutral', 'positive']).toContain(model.predict('服务很好').label);
  });

  it('refuses a truncated weights file or a bad manifest with NN_MODEL_FORMAT', () => {
    const out = path.join(dir, 'bad');
    writeSentimentModelFolder(out, { manifest, weights });
    writeFileSync(path.join(out, 'weights.bin'), Buffer.alloc(10));
    expect(() => readSentimentArtifacts(out)).toThrow(NorthstarError);
    writeFileSync(path.join(out, 'sentiment.json'), '{"format":"other"}');
    try {
      readSentimentArtifacts(out);
      expect.unreachable();
    } catch (e) {
      expect((e as NorthstarError).code).toBe('NN_MODEL_FORMAT');
    }
  });
});
