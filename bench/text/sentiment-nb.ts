/**
 * Measurement (not a test): NB-SVM log-count-ratio weighting (Wang & Manning 2012) for the Chinese bags of the
 * shipped default. Reports, on the validation splits (chn dev, waimai/htl 10 %) and the held-out tests:
 * the pure NB classifier (mean r), the shipped recipe (general + ChnSentiCorp fine-tune, averaged), the same
 * with r interpolated into the trained rows (α grid, recalibrated on each member's validation), and training
 * that starts from the NB classifier (`--init-scale`). Choose on validation only.
 *
 *   npx tsx bench/text/sentiment-nb.ts [--alphas 0,0.25,0.5,1] [--init-scale 0] [--seed 42]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dict } from '@node-rs/jieba/dict.js';
import { loadSentimentCorpora } from '../../src/core/sentiment/sentiment-corpora.js';
import { logCountRatios, nbInitWeights, nbInterpolate } from '../../src/ml/text/nb-weighting.js';
import { createNgramSentimentModel, type NgramSentimentWeights } from '../../src/ml/text/ngram-sentiment.js';
import { createEnsembleSentimentModel } from '../../src/ml/text/routed-sentiment.js';
import { positiveShare, type SentimentModel } from '../../src/ml/text/sentiment-model.js';
import { createTextFeaturizer } from '../../src/ml/text/text-features.js';
import { createZhTokenizer } from '../../src/ml/text/tokenize-zh.js';
import { calibrate, trainSentimentModel, type SentimentSample } from '../../src/ml/text/train-sentiment.js';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data') },
    alphas: { type: 'string', default: '0,0.25,0.5,1' },
    'init-scale': { type: 'string', default: '0' },
    seed: { type: 'string', default: '42' },
  },
});
const c = loadSentimentCorpora(a.data);
const b = c.byCorpus;
const zhTrain = [...b.chnsenticorp!.train, ...b.waimai!.train, ...b.htl!.train];
const zhVal = [...b.chnsenticorp!.validation, ...b.waimai!.validation, ...b.htl!.validation];
const chnVal = b.chnsenticorp!.validation;
const evalSets: Record<string, SentimentSample[]> = {
  'val:chn-dev': chnVal, 'val:waimai': b.waimai!.validation, 'val:htl': b.htl!.validation,
  'test:chn': c.tests['chnsenticorp-test']!, 'test:chn-unseen': c.tests['chnsenticorp-test-unseen']!,
  'test:waimai': c.tests['waimai-holdout']!, 'test:htl': c.tests['htl-holdout']!,
};
const featurizer = createTextFeaturizer({ zh: createZhTokenizer({ dict }), buckets: 262_144 });
const ids = (s: readonly SentimentSample[]): Int32Array[] => s.map((x) => featurizer.featurize(x.text).ids);
const acc = (m: SentimentModel, s: readonly SentimentSample[]): string =>
  (100 * s.filter((x) => (positiveShare(m.predict(x.text)) >= 0.5 ? 1 : 0) === x.label).length / s.length).toFixed(2);
const report = (name: string, m: SentimentModel): void => {
  const r = Object.fromEntries(Object.entries(evalSets).map(([k, s]) => [k, acc(m, s)]));
  const mean = (Number(r['val:chn-dev']) + Number(r['val:waimai']) + Number(r['val:htl'])) / 3;
  console.log(JSON.stringify({ name, valMean: mean.toFixed(2), ...r }));
};
const wrap = (w: NgramSentimentWeights, name: string): SentimentModel => createNgramSentimentModel(w, featurizer, { name, kind: 'ngram-bag', languages: ['zh'], description: '' });
const ens = (ms: SentimentModel[]): SentimentModel => createEnsembleSentimentModel(ms, { name: 'ens', kind: 'by-language', languages: ['zh'], description: '' });

const seed = Number(a.seed);
const zhTrainIds = ids(zhTrain);
const chnTrainIds = zhTrainIds.slice(0, b.chnsenticorp!.train.length);
const zhValIds = ids(zhVal);
const chnValIds = ids(chnVal);
const rZh = logCountRatios(zhTrainIds, zhTrain.map((s) => s.label), featurizer.buckets);
const rChn = logCountRatios(chnTrainIds, b.chnsenticorp!.train.map((s) => s.label), featurizer.buckets);
// pure NB: logit difference = mean r (sign only matters for accuracy), calibrated like the others
for (const [name, r, vIds, v] of [['nb:zh', rZh, zhValIds, zhVal], ['nb:chn', rChn, chnValIds, chnVal]] as const) {
  const w = nbInterpolate({ ...nbInitWeights(r, 2, 0, seed), output: { kernel: Float32Array.from([-0.5, 0.5, 0, 0]), bias: new Float32Array(2) } }, r, 1);
  report(name, wrap(calibrate(w, vIds, v.map((s) => s.label)).weights, name));
}
const scale = Number(a['init-scale']);
const g = await trainSentimentModel(zhTrain, {
  featurizer, classes: ['negative', 'positive'], validation: zhVal, learningRate: 0.003, seed,
  ...(scale > 0 ? { init: nbInitWeights(rZh, 16, scale, seed) } : {}),
});
console.log(`general: epochs ${g.epochs}, train ${g.trainSeconds.toFixed(0)} s`);
const f = await trainSentimentModel(b.chnsenticorp!.train, { featurizer, classes: ['negative', 'positive'], validation: chnVal, learningRate: 0.001, seed, init: g.weights });
console.log(`fine-tune: epochs ${f.epochs}, train ${f.trainSeconds.toFixed(0)} s`);
for (const alpha of a.alphas.split(',').map(Number)) {
  const gw = calibrate(nbInterpolate(g.weights, rZh, alpha), zhValIds, zhVal.map((s) => s.label)).weights;
  const fw = calibrate(nbInterpolate(f.weights, rChn, alpha), chnValIds, chnVal.map((s) => s.label)).weights;
  const gm = wrap(gw, 'g');
  const fm = wrap(fw, 'f');
  report(`init${scale}:alpha${alpha}:general`, gm);
  report(`init${scale}:alpha${alpha}:finetune`, fm);
  report(`init${scale}:alpha${alpha}:ensemble`, ens([gm, fm]));
}
