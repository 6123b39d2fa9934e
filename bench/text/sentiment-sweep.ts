/**
 * Measurement (not a test): trains sentiment model variants on one corpus and prints validation/test accuracy,
 * for choosing the default's settings.
 *
 *   npx tsx bench/text/sentiment-sweep.ts [--corpus chnsenticorp|waimai|htl|sst2] [--buckets 262144] [--dim 16]
 *     [--hidden 0] [--epochs 8] [--lr 0.01] [--batch 64] [--max-features 512]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dict } from '@node-rs/jieba/dict.js';
import { loadSentimentCorpora } from '../../src/core/sentiment/sentiment-corpora.js';
import { createNgramSentimentModel } from '../../src/ml/text/ngram-sentiment.js';
import { positiveShare } from '../../src/ml/text/sentiment-model.js';
import { createTextFeaturizer } from '../../src/ml/text/text-features.js';
import { createZhTokenizer } from '../../src/ml/text/tokenize-zh.js';
import { trainSentimentModel } from '../../src/ml/text/train-sentiment.js';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data') },
    corpus: { type: 'string', default: 'chnsenticorp' },
    buckets: { type: 'string', default: '262144' },
    dim: { type: 'string', default: '16' },
    hidden: { type: 'string', default: '0' },
    epochs: { type: 'string', default: '8' },
    lr: { type: 'string', default: '0.01' },
    batch: { type: 'string', default: '64' },
    'max-features': { type: 'string', default: '512' },
    /** `all` validation splits, or `zh` (the Chinese ones only: early stopping then follows Chinese). */
    val: { type: 'string', default: 'all' },
  },
});
const c = loadSentimentCorpora(a.data);
const zh = createZhTokenizer({ dict });
const featurizer = createTextFeaturizer({ zh, buckets: Number(a.buckets), maxFeatures: Number(a['max-features']) });
// slice the merged arrays back into the chosen corpus by counts (corpora are concatenated in a fixed order)
const order = ['chnsenticorp', 'waimai', 'htl', 'sst2'];
const testName: Record<string, string> = { chnsenticorp: 'chnsenticorp-test', waimai: 'waimai-holdout', htl: 'htl-holdout', sst2: 'sst2-dev' };
let t0 = 0;
let v0 = 0;
for (const name of order) {
  if (name === a.corpus) break;
  t0 += c.counts[name]!.train;
  v0 += c.counts[name]!.validation;
}
const all = a.corpus === 'all';
const zhOnly = a.corpus === 'zh';
const k = c.counts[a.corpus] ?? { train: 0, validation: 0, test: 0 };
const zhTrain = c.train.length - c.counts.sst2!.train;
const zhVal = c.validation.length - c.counts.sst2!.validation;
// `zh`: the three Chinese corpora together (the Chinese sub-model of the shipped default)
const train = zhOnly ? c.train.slice(0, zhTrain) : all ? c.train : c.train.slice(t0, t0 + k.train);
const validation = zhOnly || (all && a.val === 'zh') ? c.validation.slice(0, zhVal) : all ? c.validation : c.validation.slice(v0, v0 + k.validation);
const r = await trainSentimentModel(train, {
  featurizer, classes: ['negative', 'positive'], validation,
  dim: Number(a.dim), hiddenUnits: Number(a.hidden), epochs: Number(a.epochs), learningRate: Number(a.lr), batchSize: Number(a.batch),
  log: (l) => console.log(l),
});
const model = createNgramSentimentModel(r.weights, featurizer, { name: 'sweep', kind: 'ngram-bag', languages: ['zh', 'en'], description: '' });
const testAcc: Record<string, number> = {};
for (const [name, test] of Object.entries(c.tests)) {
  if (!all && !(zhOnly && name !== 'sst2-dev') && !name.startsWith(testName[a.corpus] ?? '?')) continue;
  testAcc[name] = test.filter((s) => (positiveShare(model.predict(s.text)) >= 0.5 ? 1 : 0) === s.label).length / test.length;
}
const chnDev = validation.slice(0, c.counts.chnsenticorp!.validation);
const devAcc = a.corpus === 'chnsenticorp' || zhOnly || all ? chnDev.filter((s) => (positiveShare(model.predict(s.text)) >= 0.5 ? 1 : 0) === s.label).length / chnDev.length : NaN;
console.log(JSON.stringify({ ...a, data: undefined, train: train.length, val: r.validation, chnDevAcc: devAcc, testAcc, featureS: r.featureSeconds, trainS: r.trainSeconds, epochs: r.epochs }));
