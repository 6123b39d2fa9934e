/**
 * Measurement (not a test): probability averages of the shipped Chinese route (models/sentiment-default) and
 * saved TextCNN folders (`bench/text/sentiment-textcnn.ts --save DIR`) on the validation splits, over a grid of
 * TextCNN shares (split equally between the TextCNN folders). Only inference: it reuses trained models.
 * `--test` adds the held-out tests (score once, for the setting chosen on validation).
 *
 *   npx tsx bench/text/sentiment-textcnn-blend.ts --cnn /tmp/cnn-a,/tmp/cnn-b [--shares 0.2,0.33,0.4,0.5] [--test]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSentimentModel } from '../../src/core/sentiment/load-sentiment-model.js';
import { loadSentimentCorpora } from '../../src/core/sentiment/sentiment-corpora.js';
import { readTextCnnFolder } from '../../src/core/sentiment/textcnn-model-folder.js';
import { createEnsembleSentimentModel } from '../../src/ml/text/routed-sentiment.js';
import { positiveShare, type SentimentModel } from '../../src/ml/text/sentiment-model.js';
import type { SentimentSample } from '../../src/ml/text/train-sentiment.js';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data') },
    cnn: { type: 'string', default: '' },
    shares: { type: 'string', default: '0.2,0.33,0.4,0.5' },
    test: { type: 'boolean', default: false },
  },
});
const c = loadSentimentCorpora(a.data);
const b = c.byCorpus;
const sets: Record<string, SentimentSample[]> = { 'val:chn-dev': b.chnsenticorp!.validation, 'val:waimai': b.waimai!.validation, 'val:htl': b.htl!.validation };
if (a.test) Object.assign(sets, { 'test:chn': c.tests['chnsenticorp-test']!, 'test:chn-unseen': c.tests['chnsenticorp-test-unseen']!, 'test:waimai': c.tests['waimai-holdout']!, 'test:htl': c.tests['htl-holdout']! });
const bag = loadSentimentModel('default');
const cnns = a.cnn.split(',').filter(Boolean).map((d) => readTextCnnFolder(d));
const info = { name: 'blend', kind: 'by-language', languages: ['zh'], description: '' } as const;
// predictions are cached per model and text: the grid only re-weights them
const cache = new Map<SentimentModel, Map<string, ReturnType<SentimentModel['predict']>>>();
const cached = (m: SentimentModel): SentimentModel => {
  const memo = new Map<string, ReturnType<SentimentModel['predict']>>();
  cache.set(m, memo);
  const predict = (t: string): ReturnType<SentimentModel['predict']> => {
    let r = memo.get(t);
    if (r === undefined) memo.set(t, (r = m.predict(t)));
    return r;
  };
  return { info: m.info, predict, predictBatch: (ts) => ts.map(predict) };
};
const members = [cached(bag), ...cnns.map(cached)];
const acc = (m: SentimentModel, s: readonly SentimentSample[]): number => (100 * s.filter((x) => (positiveShare(m.predict(x.text)) >= 0.5 ? 1 : 0) === x.label).length) / s.length;
const report = (name: string, m: SentimentModel): void => {
  const r = Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, acc(m, s)]));
  const val = ['val:chn-dev', 'val:waimai', 'val:htl'].map((k) => r[k]!);
  console.log(JSON.stringify({ name, ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.toFixed(2)])), 'val mean': (val.reduce((x, y) => x + y, 0) / 3).toFixed(2) }));
};
report('bag (shipped zh route)', members[0]!);
cnns.forEach((_, i) => report(`textcnn ${a.cnn.split(',')[i]}`, members[i + 1]!));
if (cnns.length > 1) report('textcnns only (equal)', createEnsembleSentimentModel(members.slice(1), info));
for (const share of a.shares.split(',').map(Number)) {
  const weights = [1 - share, ...cnns.map(() => share / cnns.length)];
  report(`bag ${(1 - share).toFixed(2)} + textcnn ${share.toFixed(2)}`, createEnsembleSentimentModel(members, info, weights));
}
