/**
 * Measurement (not a test): trains several Chinese sentiment bags (corpus subset, learning rate, dim, seed) and
 * reports each one and their probability average on the validation splits (chn dev, waimai/htl 10 %) and the
 * held-out tests. Used to choose the Chinese sub-model of the shipped default (choose on validation, never test).
 *
 *   npx tsx bench/text/sentiment-zh-ensemble.ts --runs 'chn:0.003:16:42,zh:0.003:16:42'   (corpus:lr:dim:seed[:max epochs])
 *   corpus `ft` fine-tunes the previous run's weights on ChnSentiCorp train (chn dev validates); --only-last
 *   reports the ensemble of nothing but the last run
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dict } from '@node-rs/jieba/dict.js';
import { loadSentimentCorpora } from '../../src/core/sentiment/sentiment-corpora.js';
import { createNgramSentimentModel, type NgramSentimentWeights } from '../../src/ml/text/ngram-sentiment.js';
import { createEnsembleSentimentModel } from '../../src/ml/text/routed-sentiment.js';
import { positiveShare, type SentimentModel } from '../../src/ml/text/sentiment-model.js';
import { createTextFeaturizer } from '../../src/ml/text/text-features.js';
import { createZhTokenizer } from '../../src/ml/text/tokenize-zh.js';
import { trainSentimentModel, type SentimentSample } from '../../src/ml/text/train-sentiment.js';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data') },
    runs: { type: 'string', default: 'chn:0.003:16:42,zh:0.003:16:42' },
    buckets: { type: 'string', default: '262144' },
    epochs: { type: 'string', default: '8' },
    trigrams: { type: 'boolean', default: false },
  },
});
const c = loadSentimentCorpora(a.data);
const b = c.byCorpus;
const subsets: Record<string, SentimentSample[]> = { chn: b.chnsenticorp!.train, zh: [...b.chnsenticorp!.train, ...b.waimai!.train, ...b.htl!.train] };
const zhVal = [...b.chnsenticorp!.validation, ...b.waimai!.validation, ...b.htl!.validation];
const evalSets: Record<string, SentimentSample[]> = {
  'val:chn-dev': b.chnsenticorp!.validation, 'val:waimai': b.waimai!.validation, 'val:htl': b.htl!.validation,
  'test:chn': c.tests['chnsenticorp-test']!, 'test:chn-unseen': c.tests['chnsenticorp-test-unseen']!,
  'test:waimai': c.tests['waimai-holdout']!, 'test:htl': c.tests['htl-holdout']!,
};
const acc = (m: SentimentModel, s: readonly SentimentSample[]): string =>
  (100 * s.filter((x) => (positiveShare(m.predict(x.text)) >= 0.5 ? 1 : 0) === x.label).length / s.length).toFixed(2);
const report = (name: string, m: SentimentModel): void => {
  console.log(JSON.stringify({ name, ...Object.fromEntries(Object.entries(evalSets).map(([k, s]) => [k, acc(m, s)])) }));
};
const zh = createZhTokenizer({ dict });
const featurizer = createTextFeaturizer({ zh, buckets: Number(a.buckets), charTrigrams: a.trigrams });
const models: SentimentModel[] = [];
let last: NgramSentimentWeights | undefined;
for (const run of a.runs.split(',')) {
  const [subset = 'zh', lr = '0.003', dim = '16', seed = '42', epochs = a.epochs] = run.split(':');
  // the chn specialist validates on chn dev, the general model on all three zh validation splits
  const ft = subset === 'ft';
  const validation = subset === 'chn' || ft ? b.chnsenticorp!.validation : zhVal;
  const r = await trainSentimentModel(ft ? b.chnsenticorp!.train : (subsets[subset] ?? []), {
    ...(ft && last !== undefined ? { init: last } : {}),
    featurizer, classes: ['negative', 'positive'], validation, dim: Number(dim), learningRate: Number(lr), seed: Number(seed), epochs: Number(epochs),
  });
  const m = createNgramSentimentModel(r.weights, featurizer, { name: run, kind: 'ngram-bag', languages: ['zh'], description: '' });
  models.push(m);
  last = r.weights;
  console.log(`${run}: epochs ${r.epochs}, train ${r.trainSeconds.toFixed(0)} s`);
  report(run, m);
}
if (models.length > 1) report('ensemble', createEnsembleSentimentModel(models, { name: 'ens', kind: 'by-language', languages: ['zh'], description: '' }));
