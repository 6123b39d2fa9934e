import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryEce, evaluateSentiment } from './evaluate-sentiment.js';
import { DEFAULT_SENTIMENT_MODEL_DIR, loadDefaultSentimentModel, loadSentimentModel } from './load-sentiment-model.js';
import { readRoutedManifest } from './routed-sentiment-folder.js';
import { hasNeutralCorpora, loadNeutralCorpora } from './neutral-corpora.js';
import { readLabelTsv } from './sentiment-corpora.js';

// The shipped model on the published test splits. Floors are the accuracies measured when the model was trained
// (models/sentiment-default/MODEL_CARD.md) minus 1.5 points, so a broken featurizer, hash or weights file fails.
const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
const SETS: [string, string, number][] = [
  ['ChnSentiCorp test', 'chnsenticorp-12k/test.tsv', 0.91],
  ['SST-2 dev', 'sst2/dev.tsv', 0.83],
];
const present = existsSync(path.join(DATA, SETS[0]![1])) && existsSync(path.join(DATA, SETS[1]![1]));

describe.skipIf(!present)('shipped sentiment model on held-out data (needs ../shared/data)', () => {
  for (const [name, file, floor] of SETS) {
    it(`${name}: accuracy at least ${floor}`, () => {
      const samples = readLabelTsv(path.join(DATA, file));
      const r = evaluateSentiment(loadDefaultSentimentModel(), { samples, classes: ['negative', 'positive'], labelNames: ['neg', 'pos'], delimiter: '\t' });
      expect(r.n).toBe(samples.length);
      expect(r.accuracy).toBeGreaterThanOrEqual(floor);
    });
  }
});

// The zh route is calibrated as a whole (routeCalibration): ChnSentiCorp test ECE measured 0.031 with it (both
// for the current seven members and for the previous four, whose plain probability average had 0.046); the
// ceiling sits between, so losing the route's calibration (a manifest or loader regression) fails.
describe.skipIf(!present)('shipped zh route calibration on ChnSentiCorp test (needs ../shared/data)', () => {
  it('is in the manifest and keeps the test ECE below 0.04', () => {
    expect(readRoutedManifest(DEFAULT_SENTIMENT_MODEL_DIR)?.routeCalibration?.zh).toMatchObject({ combine: expect.any(String) });
    const samples = readLabelTsv(path.join(DATA, SETS[0]![1]));
    expect(binaryEce(loadDefaultSentimentModel(), samples)).toBeLessThan(0.04);
  });
});

// Each TextCNN member alone (zh on ChnSentiCorp dev, a validation split; en on SST-2 dev), at its measured
// accuracy minus 1.5 points, so a broken vocabulary, tokenizer, tap table or weights file fails even though the
// average of the others would hide it.
const MEMBERS: [string, string, number][] = [
  ['zh-cnn', 'chnsenticorp-12k/dev.tsv', 0.886], // 90.17
  ['zh-cnn-7', 'chnsenticorp-12k/dev.tsv', 0.873], // 88.83
  ['zh-cnn-13', 'chnsenticorp-12k/dev.tsv', 0.865], // 88.08
  ['zh-wcnn', 'chnsenticorp-12k/dev.tsv', 0.885], // 90.00
  ['zh-wcnn-7', 'chnsenticorp-12k/dev.tsv', 0.886], // 90.17
  ['en-cnn', 'sst2/dev.tsv', 0.802], // 81.77
  ['en-cnn-7', 'sst2/dev.tsv', 0.802], // 81.77
  ['en-cnn-13', 'sst2/dev.tsv', 0.798], // 81.31
];
describe.skipIf(!present)('shipped TextCNN members alone (needs ../shared/data)', () => {
  it.each(MEMBERS)('%s on %s: accuracy at least %s', (sub, file, floor) => {
    const samples = readLabelTsv(path.join(DATA, file));
    const model = loadSentimentModel(path.join(DEFAULT_SENTIMENT_MODEL_DIR, sub));
    expect(model.info.kind).toBe('textcnn');
    const r = evaluateSentiment(model, { samples, classes: ['negative', 'positive'], labelNames: ['neg', 'pos'], delimiter: '\t' });
    expect(r.accuracy).toBeGreaterThanOrEqual(floor);
  });
});

// The no-opinion gates on held-out questions (their first 2,000; never trained on): measured 70.0 / 59.7 / 66.4 %
// called neutral, floors 5 points lower, so a lost gate (routeGates, guard or folder) fails: without it 2-13 %.
const QUESTIONS: [string, number][] = [
  ['lcqmc-test', 0.65],
  ['bq-test', 0.55],
  ['banking77-test', 0.61],
];
describe.skipIf(!hasNeutralCorpora(DATA))('shipped no-opinion gates on held-out questions (needs ../shared/data)', () => {
  const corpora = hasNeutralCorpora(DATA) ? loadNeutralCorpora(DATA) : undefined;
  it.each(QUESTIONS)('%s: at least %s called neutral', (name, floor) => {
    const texts = (corpora?.zh.tests[name] ?? corpora?.en.tests[name] ?? []).slice(0, 2000);
    expect(texts.length).toBe(2000);
    const m = loadDefaultSentimentModel();
    expect(texts.filter((t) => m.predict(t).label === 'neutral').length / texts.length).toBeGreaterThanOrEqual(floor);
  });
});

describe('shipped sentiment model without data', () => {
  it('calls support questions no-opinion but never hides a complaint (the gates and their guard)', () => {
    const m = loadDefaultSentimentModel();
    for (const t of ['怎么修改密码？', '请问什么时候发货', 'How do I locate my card?', 'Can I change my PIN?']) expect(m.predict(t).label).toBe('neutral');
    for (const t of ['为什么这么慢？太差了', 'Why is this app so slow? Terrible.', 'The app keeps crashing after the update', '导出按钮坏了，点了没反应']) {
      expect(m.predict(t).label).toBe('negative');
    }
  });

  it('loads from the repository and reads both languages', () => {
    const m = loadDefaultSentimentModel();
    expect(m.info).toMatchObject({ name: 'sentiment-default', kind: 'by-language', languages: ['zh', 'en'] });
    expect(m.predict('房间干净，服务热情，下次还来').label).toBe('positive');
    expect(m.predict('太难吃了，再也不点了').label).toBe('negative');
    expect(m.predict('a wonderful, moving film').label).toBe('positive');
    expect(m.predict('a dull , lifeless mess').label).toBe('negative');
    expect(m.predict('').label).toBe('neutral');
  });
});
