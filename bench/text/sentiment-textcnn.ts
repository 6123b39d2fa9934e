/**
 * Measurement (not a test): trains the character TextCNN (src/ml/text/train-textcnn.ts) on the Chinese corpora
 * and reports it alone and in a probability average with the shipped Chinese route (the bag ensemble of
 * models/sentiment-default, read from disk) on the validation splits, for a grid of TextCNN weights. Choose on
 * validation; `--test` also prints the held-out test sets (score them once, for the selected setting).
 *
 *   npx tsx bench/text/sentiment-textcnn.ts [--corpus chn|zh|sst2] [--dim 64 --filters 64 --kernels 2,3,4 --max-length 256
 *     --dropout 0.5 --lr 0.001 --batch 32 --epochs 10 --seed 42] [--tokens char|word] [--pretrain EPOCHS]
 *     [--from DIR] [--save DIR] [--test]
 * `--pretrain N` starts from skip-gram token vectors trained N epochs on the unlabelled zh train texts;
 * `--tokens word` reads jieba words instead of characters; `--from DIR` fine-tunes a saved TextCNN folder (its
 * vocabulary and tokens) on `--corpus`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSentimentModel } from '../../src/core/sentiment/load-sentiment-model.js';
import { loadSentimentCorpora } from '../../src/core/sentiment/sentiment-corpora.js';
import { readTextCnnArtifacts, writeTextCnnFolder } from '../../src/core/sentiment/textcnn-model-folder.js';
import { prepareCharStart } from '../../src/core/sentiment/train-textcnn-folder.js';
import { createEnsembleSentimentModel } from '../../src/ml/text/routed-sentiment.js';
import { positiveShare, type SentimentModel } from '../../src/ml/text/sentiment-model.js';
import { createTextCnnSentimentModel } from '../../src/ml/text/textcnn-sentiment.js';
import { trainTextCnn } from '../../src/ml/text/train-textcnn.js';
import { wordTokens } from '../../src/ml/text/char-vocab.js';
import { sharedZhTokenizer } from '../../src/core/sentiment/load-sentiment-model.js';
import type { SentimentSample } from '../../src/ml/text/train-sentiment.js';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data') },
    corpus: { type: 'string', default: 'chn' },
    dim: { type: 'string', default: '64' },
    filters: { type: 'string', default: '64' },
    kernels: { type: 'string', default: '2,3,4' },
    'max-length': { type: 'string', default: '256' },
    dropout: { type: 'string', default: '0.5' },
    lr: { type: 'string', default: '0.001' },
    batch: { type: 'string', default: '32' },
    epochs: { type: 'string', default: '10' },
    seed: { type: 'string', default: '42' },
    save: { type: 'string' },
    pretrain: { type: 'string', default: '0' },
    tokens: { type: 'string', default: 'char' },
    from: { type: 'string' },
    test: { type: 'boolean', default: false },
  },
});
const c = loadSentimentCorpora(a.data);
const b = c.byCorpus;
const chn = b.chnsenticorp!;
const sst2 = b.sst2!;
const train = a.corpus === 'zh' ? [...chn.train, ...b.waimai!.train, ...b.htl!.train] : a.corpus === 'sst2' ? sst2.train : chn.train;
const validation = a.corpus === 'zh' ? [...chn.validation, ...b.waimai!.validation, ...b.htl!.validation] : a.corpus === 'sst2' ? sst2.validation : chn.validation;
// unlabelled TRAIN texts of every zh corpus (never validation or test) give the vocabulary and the pretraining
const unlabelled = [...chn.train, ...b.waimai!.train, ...b.htl!.train].map((s) => s.text);
const pretrainEpochs = Number(a.pretrain);
// the same vocabulary and pretraining as train:sentiment (prepareCharStart)
const start = pretrainEpochs > 0 ? prepareCharStart(unlabelled, Number(a.dim), pretrainEpochs, Number(a.seed)) : undefined;
if (start !== undefined) console.log(`pretrained ${start.vocab.length + 2} character vectors in ${start.seconds.toFixed(0)} s`);
// --from DIR fine-tunes a saved TextCNN: its vocabulary, tokens and weights
const from = a.from === undefined ? undefined : readTextCnnArtifacts(a.from);
if (from !== undefined) a.tokens = from.manifest.tokens ?? 'char';
const vocab = from?.vocab ?? start?.vocab;
const pretrained = start?.pretrained;
const tokens = a.tokens === 'word' ? wordTokens(sharedZhTokenizer()) : undefined;
const r = await trainTextCnn(train, {
  ...(tokens === undefined ? {} : { tokens }),
  ...(from === undefined ? {} : { from: from.weights }),
  ...(vocab === undefined ? {} : { vocab }),
  ...(pretrained === undefined ? {} : { pretrained }),
  classes: ['negative', 'positive'],
  validation,
  dim: Number(a.dim),
  filters: Number(a.filters),
  kernelSizes: a.kernels.split(',').map(Number),
  maxLength: Number(a['max-length']),
  dropout: Number(a.dropout),
  learningRate: Number(a.lr),
  batchSize: Number(a.batch),
  epochs: Number(a.epochs),
  seed: Number(a.seed),
  log: (line) => console.log(line),
});
console.log(`trained ${r.epochs} epochs (best ${r.bestEpoch}) in ${r.trainSeconds.toFixed(0)} s; vocab ${r.encoder.size}; T ${r.validation.temperature.toFixed(3)}`);
const info = { name: 'textcnn', kind: 'textcnn', languages: ['zh'], description: '' } as const;
const cnn = createTextCnnSentimentModel(r.weights, r.encoder, info);
if (a.save !== undefined) writeTextCnnFolder(a.save, { manifest: { name: 'textcnn', description: `bench ${JSON.stringify(a)}`, languages: [a.corpus === 'sst2' ? 'en' : 'zh'] }, weights: r.weights, vocab: r.encoder.vocab, maxLength: r.encoder.maxLength, tokens: a.tokens === 'word' ? 'word' : 'char' });
const bag = loadSentimentModel('default');

/** Weighted probability average (w = the TextCNN's share). */
function blend(w: number): SentimentModel {
  return {
    info,
    predict: (text) => {
      const p = bag.predict(text).probabilities;
      const q = cnn.predict(text).probabilities;
      const mix = (k: 'negative' | 'neutral' | 'positive'): number => (1 - w) * p[k] + w * q[k];
      const probabilities = { negative: mix('negative'), neutral: mix('neutral'), positive: mix('positive') };
      return { ...cnn.predict(text), probabilities, score: 0 };
    },
    predictBatch: () => [],
  };
}
const acc = (m: SentimentModel, s: readonly SentimentSample[]): string =>
  (100 * s.filter((x) => (positiveShare(m.predict(x.text)) >= 0.5 ? 1 : 0) === x.label).length / s.length).toFixed(2);
const sets: Record<string, SentimentSample[]> =
  a.corpus === 'sst2' ? { 'val:sst2': sst2.validation } : { 'val:chn-dev': chn.validation, 'val:waimai': b.waimai!.validation, 'val:htl': b.htl!.validation };
if (a.test) Object.assign(sets, { 'test:chn': c.tests['chnsenticorp-test']!, 'test:chn-unseen': c.tests['chnsenticorp-test-unseen']!, 'test:waimai': c.tests['waimai-holdout']!, 'test:htl': c.tests['htl-holdout']! });
const report = (name: string, m: SentimentModel): void => console.log(JSON.stringify({ name, ...Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, acc(m, s)])) }));
report('textcnn', cnn);
report('bag (shipped zh route)', bag);
for (const w of [0.2, 1 / 3, 0.4, 0.5, 0.6]) report(`blend w=${w.toFixed(2)}`, blend(w));
report('equal 3-member (zh, zh-chn, textcnn)', createEnsembleSentimentModel([bag, bag, cnn], { ...info, kind: 'by-language' }));
const texts = chn.validation.map((s) => s.text);
const t0 = performance.now();
for (const t of texts) cnn.predict(t);
console.log(`textcnn predict: ${(texts.length / ((performance.now() - t0) / 1000)).toFixed(0)} texts/s (ChnSentiCorp dev, one thread)`);
