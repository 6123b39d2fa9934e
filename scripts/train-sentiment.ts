/**
 * `npm run train:sentiment`: trains the shipped bilingual sentiment model (seeded, reproducible on one
 * backend) on the train splits of the corpora in ../shared/data, writes it to models/sentiment-default/ and
 * measures the written (int8) model on each held-out test split, then renders MODEL_CARD.md from those numbers.
 *
 *   npm run train:sentiment [-- --data ../shared/data --out models/sentiment-default --epochs 8 --seed 42]
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { binaryEce, evaluateSentiment } from '../src/core/sentiment/evaluate-sentiment.js';
import { loadSentimentModel } from '../src/core/sentiment/load-sentiment-model.js';
import { renderSentimentModelCard, type TestMetrics } from '../src/core/sentiment/sentiment-model-card.js';
import { hasSentimentCorpora, loadSentimentCorpora } from '../src/core/sentiment/sentiment-corpora.js';
import { DEFAULT_SENTIMENT_CONFIG, trainSentimentFolder } from '../src/core/sentiment/train-sentiment-folder.js';

const root = path.resolve(import.meta.dirname, '..');
const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(root, '../shared/data') },
    out: { type: 'string', default: path.join(root, 'models/sentiment-default') },
    epochs: { type: 'string', default: String(DEFAULT_SENTIMENT_CONFIG.epochs) },
    seed: { type: 'string', default: String(DEFAULT_SENTIMENT_CONFIG.seed) },
  },
});
if (!hasSentimentCorpora(a.data)) {
  console.error(`train:sentiment needs the corpora under ${a.data} (chnsenticorp-12k, waimai-10k, chnsenticorp-htl-all, sst2); pass --data DIR`);
  process.exit(2);
}
const t0 = performance.now();
const corpora = loadSentimentCorpora(a.data, Number(a.seed));
console.log(`train ${corpora.train.length} texts, validation ${corpora.validation.length}, dropped ${corpora.droppedOverlap} training texts that also occur in a waimai/htl held-out split`);
const r = await trainSentimentFolder({
  train: corpora.train,
  validation: corpora.validation,
  classes: ['negative', 'positive'],
  out: a.out,
  name: 'sentiment-default',
  description: 'Northstar default bilingual (zh/en) sentiment model: hashed n-gram embedding bag, trained on ChnSentiCorp, waimai-10k, ChnSentiCorp_htl_all and SST-2 (research-only data; see MODEL_CARD.md)',
  // a lower rate than the CLI default: 89k texts give many steps per epoch, and it had the lower validation loss
  config: { epochs: Number(a.epochs), seed: Number(a.seed), learningRate: 0.003 },
  log: (line) => console.log(line),
  training: { corpora: corpora.counts, droppedOverlap: corpora.droppedOverlap },
});
const totalSeconds = (performance.now() - t0) / 1000;
// measure what ships: the folder as written (int8 embeddings), loaded the way the product loads it
const model = loadSentimentModel(a.out);
const tests: TestMetrics[] = [];
for (const [name, samples] of Object.entries(corpora.tests)) {
  const rep = evaluateSentiment(model, { samples, classes: ['negative', 'positive'], labelNames: ['neg', 'pos'], delimiter: '\t' });
  const neutral = samples.filter((s) => model.predict(s.text).label === 'neutral').length / samples.length;
  tests.push({ name, n: rep.n, accuracy: rep.accuracy, macroF1: rep.macroF1, ece: binaryEce(model, samples), neutralShare: neutral, textsPerSecond: rep.textsPerSecond });
  console.log(`${name}: n=${rep.n} accuracy=${(100 * rep.accuracy).toFixed(2)} macroF1=${(100 * rep.macroF1).toFixed(2)}`);
}
const card = renderSentimentModelCard({
  manifest: r.manifest,
  validation: r.trained.validation,
  tests,
  weightBytes: r.weightBytes,
  trainSeconds: r.trained.trainSeconds,
  featureSeconds: r.trained.featureSeconds,
  totalSeconds,
  machine: `${os.cpus().length} vCPU ${os.cpus()[0]?.model ?? ''}, Node ${process.version}`,
});
writeFileSync(path.join(a.out, 'MODEL_CARD.md'), card);
writeFileSync(path.join(a.out, 'metrics.json'), `${JSON.stringify({ validation: r.trained.validation, tests, trainSeconds: r.trained.trainSeconds, weightBytes: r.weightBytes }, null, 2)}\n`);
console.log(`wrote ${a.out} (${(r.weightBytes / 1e6).toFixed(2)} MB weights) in ${totalSeconds.toFixed(0)} s`);
