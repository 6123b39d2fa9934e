import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import type { NgramSentimentWeights } from '../../ml/text/ngram-sentiment.js';
import { positiveShare } from '../../ml/text/sentiment-model.js';
import { loadSentimentModel, sharedZhTokenizer } from './load-sentiment-model.js';
import { fineTuneBaseDir, readAnySentimentFolder, readRoutedManifest, writeRoutedManifest, type RoutedSentimentManifest } from './routed-sentiment-folder.js';
import { writeSentimentModelFolder, type SentimentManifest } from './sentiment-model-folder.js';
import { trainSentimentFolder } from './train-sentiment-folder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-routed-sentiment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const buckets = 64;
const dim = 2;
// zero embeddings: the output bias alone decides, so each sub-model has a known, constant answer
function subModel(out: string, name: string, bias: [number, number]): void {
  const weights: NgramSentimentWeights = {
    buckets, dim, classes: ['negative', 'positive'], embeddings: new Float32Array(buckets * dim),
    output: { kernel: new Float32Array(dim * 2), bias: Float32Array.from(bias) }, temperature: 1, neutralEdge: 0.3,
  };
  const manifest: SentimentManifest = {
    format: 'northstar-sentiment', version: 1, name, kind: 'ngram-bag', description: name, languages: ['zh'],
    buckets, dim, hiddenUnits: 0, classes: ['negative', 'positive'], temperature: 1, neutralEdge: 0.3, featurizer: { maxChars: 2000, maxFeatures: 64 },
  };
  writeSentimentModelFolder(out, { manifest, weights });
}

// a three-class "no opinion" gate with constant logits (negative, neutral, positive)
function gateModel(out: string, bias: [number, number, number]): void {
  const classes: SentimentManifest['classes'] = ['negative', 'neutral', 'positive'];
  const weights: NgramSentimentWeights = {
    buckets, dim, classes, embeddings: new Float32Array(buckets * dim), output: { kernel: new Float32Array(dim * 3), bias: Float32Array.from(bias) }, temperature: 1, neutralEdge: 0,
  };
  const manifest: SentimentManifest = {
    format: 'northstar-sentiment', version: 1, name: 'gate', kind: 'ngram-bag', description: 'gate', languages: ['zh'],
    buckets, dim, hiddenUnits: 0, classes, temperature: 1, neutralEdge: 0, featurizer: { maxChars: 2000, maxFeatures: 64 },
  };
  writeSentimentModelFolder(out, { manifest, weights });
}

function routedFolder(name: string, routes: RoutedSentimentManifest['routes']): string {
  const out = path.join(dir, name);
  subModel(path.join(out, 'zh'), 'zh', [0, 3]); // always positive
  subModel(path.join(out, 'en'), 'en', [2, 0]); // always negative
  writeRoutedManifest(out, { format: 'northstar-sentiment', version: 1, name, kind: 'by-language', description: 'test', languages: ['zh', 'en'], routes, fallback: 'zh' });
  return out;
}

describe('by-language sentiment folders', () => {
  it('routes Chinese and English texts to their own sub-model, others to the fallback', () => {
    const m = readAnySentimentFolder(routedFolder('two', { zh: 'zh', en: 'en' }), sharedZhTokenizer());
    expect(m.info).toMatchObject({ name: 'two', kind: 'by-language', languages: ['zh', 'en'] });
    const zh = m.predict('房间很干净');
    expect(zh).toMatchObject({ label: 'positive', lang: 'zh' });
    expect(zh.probabilities.positive).toBeCloseTo((1 / (1 + Math.exp(-3))) * (1 - zh.probabilities.neutral), 6);
    expect(m.predict('the room was clean')).toMatchObject({ label: 'negative', lang: 'en' });
    // mixed script: Han dominates → zh route
    expect(m.predict('华为P40的拍照很好').lang).toBe('zh');
    // unsupported language and empty text: the fallback reads nothing → neutral, uniform
    for (const t of ['방이 깨끗해요', '', '   ']) {
      const r = m.predict(t);
      expect(r.label).toBe('neutral');
      expect(r.confidence).toBeCloseTo(1 / 3, 6);
    }
    expect(m.predictBatch(['房间很干净', 'the room was clean']).map((r) => r.label)).toEqual(['positive', 'negative']);
  });

  it('averages an ensemble route in probability', () => {
    const m = readAnySentimentFolder(routedFolder('ens', { zh: ['zh', 'en'], en: 'en' }), sharedZhTokenizer());
    const r = m.predict('怎么预订房间？');
    const pos = 1 / (1 + Math.exp(-3));
    const neg = 1 / (1 + Math.exp(-2));
    // neither member is near its neutral band, so the average of P(pos | not neutral) is close to the mean
    expect(positiveShare(r)).toBeCloseTo((pos + (1 - neg)) / 2, 2);
    expect(r.probabilities.negative + r.probabilities.neutral + r.probabilities.positive).toBeCloseTo(1, 9);
    expect(m.predict('the room was clean').label).toBe('negative');
  });

  it('weights an ensemble route by routeWeights; a weight list that does not match the route is NN_MODEL_FORMAT', () => {
    const out = routedFolder('weighted', { zh: ['zh', 'en'], en: 'en' });
    const base: RoutedSentimentManifest = { format: 'northstar-sentiment', version: 1, name: 'weighted', kind: 'by-language', description: 'test', languages: ['zh', 'en'], routes: { zh: ['zh', 'en'], en: 'en' }, fallback: 'zh' };
    writeRoutedManifest(out, { ...base, routes: { zh: ['zh', 'en'], en: 'en' }, routeWeights: { zh: [3, 1] } });
    const r = readAnySentimentFolder(out, sharedZhTokenizer()).predict('房间很干净');
    const pos = 1 / (1 + Math.exp(-3));
    const neg = 1 / (1 + Math.exp(-2));
    expect(positiveShare(r)).toBeCloseTo(0.75 * pos + 0.25 * (1 - neg), 2);
    writeRoutedManifest(out, { ...base, routes: { zh: ['zh', 'en'], en: 'en' }, routeWeights: { zh: [1] } });
    expect(() => readAnySentimentFolder(out, sharedZhTokenizer())).toThrow(expect.objectContaining({ code: 'NN_MODEL_FORMAT' }));
  });

  it('loads an ensemble route calibrated as a whole (routeCalibration), and a folder without it as before', () => {
    const out = routedFolder('routecal', { zh: ['zh', 'en'], en: 'en' });
    const base: RoutedSentimentManifest = { format: 'northstar-sentiment', version: 1, name: 'routecal', kind: 'by-language', description: 'test', languages: ['zh', 'en'], routes: { zh: ['zh', 'en'], en: 'en' }, routeWeights: { zh: [3, 1] }, fallback: 'zh' };
    // members: z = 3 (zh) and z = −2 (en); logit mean 0.75·3 − 0.25·2 = 1.75, tempered by T = 0.5 → 3.5
    writeRoutedManifest(out, { ...base, routeCalibration: { zh: { combine: 'logit', temperature: 0.5, neutralEdge: 0.2 } } });
    expect(readRoutedManifest(out)?.routeCalibration?.zh).toEqual({ combine: 'logit', temperature: 0.5, neutralEdge: 0.2 });
    const cal = readAnySentimentFolder(out, sharedZhTokenizer()).predict('房间很干净');
    expect(positiveShare(cal)).toBeCloseTo(1 / (1 + Math.exp(-3.5)), 6);
    expect(cal.label).toBe('positive');
    // a wide band of the route's own calls the same text neutral: the band is the route's, not the members'
    writeRoutedManifest(out, { ...base, routeCalibration: { zh: { combine: 'logit', temperature: 0.5, neutralEdge: 5 } } });
    expect(readAnySentimentFolder(out, sharedZhTokenizer()).predict('房间很干净').label).toBe('neutral');
    // an older folder (no routeCalibration) still loads, as the plain probability average
    writeRoutedManifest(out, base);
    expect(readRoutedManifest(out)?.routeCalibration).toBeUndefined();
    // the gate acts on question-like texts without a lexicon opinion only (questionWithoutOpinion)
    const ungated = readAnySentimentFolder(out, sharedZhTokenizer());
    const plain = ungated.predict('怎么预订房间？');
    expect(positiveShare(plain)).toBeCloseTo(0.75 * (1 / (1 + Math.exp(-3))) + 0.25 * (1 - 1 / (1 + Math.exp(-2))), 2);
    // a calibration on a single-folder route, or an invalid one, is NN_MODEL_FORMAT
    writeRoutedManifest(out, { ...base, routeCalibration: { en: { combine: 'logit', temperature: 1, neutralEdge: 0 } } });
    expect(() => readAnySentimentFolder(out, sharedZhTokenizer())).toThrow(expect.objectContaining({ code: 'NN_MODEL_FORMAT' }));
    writeFileSync(path.join(out, 'sentiment.json'), JSON.stringify({ ...base, routeCalibration: { zh: { combine: 'median', temperature: 1, neutralEdge: 0 } } }));
    expect(() => readAnySentimentFolder(out, sharedZhTokenizer())).toThrow(expect.objectContaining({ code: 'NN_MODEL_FORMAT' }));
  });

  it('gates a route by routeGates (after its calibration): questions become neutral, the two-class reading stays', () => {
    const out = routedFolder('gated', { zh: ['zh', 'en'], en: 'en' });
    gateModel(path.join(out, 'zh-gate'), [0, 2, 0]); // P(no opinion) = e² / (e² + 2) for every text
    const base: RoutedSentimentManifest = { format: 'northstar-sentiment', version: 1, name: 'gated', kind: 'by-language', description: 'test', languages: ['zh', 'en'], routes: { zh: ['zh', 'en'], en: 'en' }, routeWeights: { zh: [3, 1] }, routeCalibration: { zh: { combine: 'logit', temperature: 0.5, neutralEdge: 0.2 } }, fallback: 'zh' };
    writeRoutedManifest(out, base);
    // the gate acts on question-like texts without a lexicon opinion only (questionWithoutOpinion)
    const ungated = readAnySentimentFolder(out, sharedZhTokenizer());
    const plain = ungated.predict('怎么预订房间？');
    writeRoutedManifest(out, { ...base, routeGates: { zh: 'zh-gate' } });
    expect(readRoutedManifest(out)?.routeGates).toEqual({ zh: 'zh-gate' });
    const m = readAnySentimentFolder(out, sharedZhTokenizer());
    const r = m.predict('怎么预订房间？');
    const g = Math.exp(2) / (Math.exp(2) + 2);
    expect(plain.label).toBe('positive');
    expect(r.label).toBe('neutral');
    expect(r.probabilities.neutral).toBeCloseTo(g + (1 - g) * plain.probabilities.neutral, 6);
    expect(positiveShare(r)).toBeCloseTo(positiveShare(plain), 9);
    expect(r.score).toBeCloseTo(plain.score, 9);
    // a statement, or a question that carries an opinion, is never gated, whatever the gate says
    for (const text of ['房间很干净', '为什么这么脏？太差了']) expect(m.predict(text)).toEqual(ungated.predict(text));
    // the en route has no gate; texts with no route (fallback) are not gated either
    expect(m.predict('the room was clean').label).toBe('negative');
    expect(m.predict('방이 깨끗해요').confidence).toBeCloseTo(1 / 3, 6);
    // fine-tuning continues the route's first member, never the gate
    expect(fineTuneBaseDir(out, ['太好了', '很差'])).toBe(path.join(out, 'zh'));
    // a gate that is binary, missing, or on a language without a route is NN_MODEL_FORMAT
    for (const routeGates of [{ zh: 'en' }, { zh: 'nope' }, { other: 'zh-gate' }]) {
      writeRoutedManifest(out, { ...base, routeGates });
      expect(() => readAnySentimentFolder(out, sharedZhTokenizer())).toThrow(expect.objectContaining({ code: 'NN_MODEL_FORMAT' }));
    }
    writeFileSync(path.join(out, 'sentiment.json'), JSON.stringify({ ...base, routeGates: { zh: '../gated' } }));
    expect(() => readAnySentimentFolder(out, sharedZhTokenizer())).toThrow(expect.objectContaining({ code: 'NN_MODEL_FORMAT' }));
  });

  it('a small trained three-class gate reads questions as no opinion and reviews as opinions', async () => {
    const out = routedFolder('trained-gate', { zh: 'zh', en: 'en' });
    const reviews = ['服务很好很满意', '太差了不推荐', '非常好吃下次还来', '难吃死了再也不来', '房间干净舒服', '房间又脏又吵'];
    const questions = ['怎么修改密码？', '请问如何还款？', '为什么我的订单没有到？', '在哪里可以查看账单？', '怎么取消借款？', '如何开通会员？'];
    const train = [...reviews.map((text, i) => ({ text, label: i % 2 === 0 ? 2 : 0 })), ...questions.map((text) => ({ text, label: 1 }))];
    await trainSentimentFolder({ train, validation: train, classes: ['negative', 'neutral', 'positive'], out: path.join(out, 'gate'), name: 'gate', description: 'test', languages: ['zh'], config: { buckets: 4096, dim: 8, epochs: 40, learningRate: 0.05, seed: 3 } });
    const base: RoutedSentimentManifest = { format: 'northstar-sentiment', version: 1, name: 'trained-gate', kind: 'by-language', description: 'test', languages: ['zh', 'en'], routes: { zh: 'zh', en: 'en' }, fallback: 'zh' };
    writeRoutedManifest(out, { ...base, routeGates: { zh: 'gate' } });
    const m = readAnySentimentFolder(out, sharedZhTokenizer());
    expect(questions.map((t) => m.predict(t).label)).toEqual(questions.map(() => 'neutral'));
    // the stub zh sub-model calls every text positive; the gate lets reviews through
    expect(reviews.map((t) => m.predict(t).label)).toEqual(reviews.map(() => 'positive'));
  });

  it('loads through loadSentimentModel like any folder', () => {
    const out = routedFolder('loaded', { zh: 'zh', en: 'en' });
    expect(loadSentimentModel(out).predict('很好').label).toBe('positive');
  });

  it('fine-tunes from the sub-model of the training texts’ language', () => {
    const out = routedFolder('tune', { zh: ['zh', 'en'], en: 'en' });
    expect(fineTuneBaseDir(out, ['太好了', '很差', 'ok'])).toBe(path.join(out, 'zh'));
    expect(fineTuneBaseDir(out, ['great film', 'bad', '很差'])).toBe(path.join(out, 'en'));
    expect(fineTuneBaseDir(path.join(out, 'en'), ['anything'])).toBe(path.join(out, 'en'));
  });

  it('trainSentimentFolder --from a by-language folder continues that sub-model', async () => {
    const out = routedFolder('from', { zh: 'zh', en: 'en' });
    const train = ['服务很好', '很满意', '太差了', '不推荐', '非常好吃', '难吃死了'].map((text, i) => ({ text, label: i % 2 === 0 ? 1 : 0 }));
    const r = await trainSentimentFolder({ train, classes: ['negative', 'positive'], out: path.join(dir, 'tuned'), name: 'tuned', description: 'test', fromDir: out, config: { epochs: 1 } });
    expect(r.manifest.training?.fromModel).toBe('zh');
    expect(r.manifest).toMatchObject({ buckets, dim, kind: 'ngram-bag' });
  });

  it('rejects sub-folder names that leave the folder, and nested by-language folders', () => {
    const bad = path.join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(path.join(bad, 'sentiment.json'), JSON.stringify({ format: 'northstar-sentiment', version: 1, name: 'bad', kind: 'by-language', description: '', languages: ['zh'], routes: { zh: '../two' }, fallback: 'zh' }));
    expect(() => readAnySentimentFolder(bad, sharedZhTokenizer())).toThrow(NorthstarError);
    const nested = routedFolder('nested', { zh: 'zh', en: 'en' });
    writeRoutedManifest(path.join(nested, 'zh'), { format: 'northstar-sentiment', version: 1, name: 'inner', kind: 'by-language', description: '', languages: ['zh'], routes: { zh: 'x' }, fallback: 'x' });
    try {
      readAnySentimentFolder(nested, sharedZhTokenizer());
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NorthstarError);
      expect((e as NorthstarError).code).toBe('NN_MODEL_FORMAT');
    }
  });
});
