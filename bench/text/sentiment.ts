/**
 * Measurement (not a test): the shipped sentiment model and the lexicon baseline on the held-out splits
 * (ChnSentiCorp test, SST-2 dev, waimai and htl hold-outs), waimai-10k 5-fold cross-validation of the same
 * architecture trained on waimai alone, predict throughput on one core, and the BERT-base comparison: a
 * BERT-base-shaped random-weight forward pass in PyTorch (Debian python3-torch, one thread) on this CPU, run in
 * the same bench (weights do not change its speed). Prints markdown tables for docs/benchmarks.md.
 *
 *   npx tsx bench/text/sentiment.ts [--data ../shared/data] [--skip-kfold] [--skip-peer]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import { binaryEce, evaluateSentiment } from '../../src/core/sentiment/evaluate-sentiment.js';
import { DEFAULT_SENTIMENT_MODEL_DIR, lexiconSentimentModel, loadSentimentModel } from '../../src/core/sentiment/load-sentiment-model.js';
import { hasSentimentCorpora, loadSentimentCorpora, readLabelCsv, readLabelTsv } from '../../src/core/sentiment/sentiment-corpora.js';
import { PUBLISHED_SENTIMENT } from '../../src/core/sentiment/sentiment-model-card.js';
import { trainSentimentFolder } from '../../src/core/sentiment/train-sentiment-folder.js';
import type { SentimentModel } from '../../src/ml/text/sentiment-model.js';
import type { SentimentSample } from '../../src/ml/text/train-sentiment.js';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data') },
    'skip-kfold': { type: 'boolean', default: false },
    'skip-peer': { type: 'boolean', default: false },
  },
});
if (!hasSentimentCorpora(a.data)) {
  console.log(`skipped: corpora not found under ${a.data}`);
  process.exit(0);
}
const pct = (x: number): string => (100 * x).toFixed(2);
const binary = (samples: SentimentSample[]) => ({ samples, classes: ['negative', 'positive'] as const, labelNames: ['neg', 'pos'], delimiter: '\t' });

console.log(`# sentiment bench, ${new Date().toISOString()}, ${os.cpus().length} vCPU, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
const corpora = loadSentimentCorpora(a.data);
const model = loadSentimentModel('default');
const lexicon = lexiconSentimentModel();
console.log('| split | n | default acc % | default macro-F1 % | default ECE | lexicon acc % | default texts/s | published |');
console.log('|---|---|---|---|---|---|---|---|');
let texts = 0;
let seconds = 0;
for (const [name, samples] of Object.entries(corpora.tests)) {
  const d = evaluateSentiment(model, { ...binary(samples), classes: ['negative', 'positive'] });
  const l = evaluateSentiment(lexicon, { ...binary(samples), classes: ['negative', 'positive'] });
  texts += d.n;
  seconds += d.n / d.textsPerSecond;
  console.log(`| ${name} | ${d.n} | ${pct(d.accuracy)} | ${pct(d.macroF1)} | ${binaryEce(model, samples).toFixed(4)} | ${pct(l.accuracy)} | ${Math.round(d.textsPerSecond)} | ${PUBLISHED_SENTIMENT[name] ?? ''} |`);
}
console.log(`\ndefault model, all ${texts} held-out texts in one pass: ${Math.round(texts / seconds)} texts/s`);
// Throughput: best of 3 passes after a warm-up, per wall second and per CPU second of this process (the
// machine is shared by several engineers; CPU time is what one free core would need, the peer reports the same).
const bestRate = (samples: readonly SentimentSample[]): { wall: number; cpu: number } => {
  let wall = 0;
  let cpu = 0;
  for (let rep = 0; rep < 4; rep++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const s of samples) model.predict(s.text);
    const c1 = process.cpuUsage(c0);
    if (rep === 0) continue;
    wall = Math.max(wall, samples.length / ((performance.now() - t0) / 1000));
    cpu = Math.max(cpu, samples.length / ((c1.user + c1.system) / 1e6));
  }
  return { wall, cpu };
};
const zhRate = bestRate(corpora.tests['chnsenticorp-test']!);
const enRate = bestRate(corpora.tests['sst2-dev']!);
const ours = zhRate.cpu;
console.log(`predict throughput, one thread, best of 3: ChnSentiCorp test (zh, mean 110 chars) ${Math.round(zhRate.wall)} texts/wall-s, ${Math.round(zhRate.cpu)} texts/CPU-s; SST-2 dev (en) ${Math.round(enRate.wall)} texts/wall-s, ${Math.round(enRate.cpu)} texts/CPU-s`);

const metricsFile = path.join(DEFAULT_SENTIMENT_MODEL_DIR, 'metrics.json');
if (existsSync(metricsFile)) {
  const m = JSON.parse(readFileSync(metricsFile, 'utf8')) as { trainSeconds: number; weightBytes: number };
  console.log(`default model training (npm run train:sentiment): ${m.trainSeconds.toFixed(0)} s of fit, ${(m.weightBytes / 1e6).toFixed(2)} MB`);
}

if (!a['skip-kfold']) {
  // the two architectures on ChnSentiCorp alone (train → dev validates → test), same features and seed
  const chn = (f: string): SentimentSample[] => readLabelTsv(path.join(a.data, 'chnsenticorp-12k', f));
  const tmpArch = mkdtempSync(path.join(os.tmpdir(), 'ns-arch-'));
  // train.tsv holds 331 of the 1,200 test texts verbatim (325 with the same label); the published figures were
  // trained on it as is, so this protocol does too, and the accuracy on the unseen rest is printed beside it
  const trainTexts = new Set(chn('train.tsv').map((s) => s.text));
  const test = chn('test.tsv');
  const unseen = test.filter((s) => !trainTexts.has(s.text));
  for (const [label, config] of [['ngram-bag dim 16', { dim: 16, hiddenUnits: 0 }], ['mlp dim 32 → relu 32', { dim: 32, hiddenUnits: 32 }]] as const) {
    const out = path.join(tmpArch, label.replace(/\W+/gu, '-'));
    const r = await trainSentimentFolder({ train: chn('train.tsv'), validation: chn('dev.tsv'), classes: ['negative', 'positive'], out, name: label, description: 'bench', config });
    const trained = loadSentimentModel(out);
    const acc = evaluateSentiment(trained, binary(test)).accuracy;
    const unseenAcc = evaluateSentiment(trained, binary(unseen)).accuracy;
    console.log(`ChnSentiCorp alone (published protocol), ${label}: test ${pct(acc)} %, on the ${unseen.length} test texts not in train.tsv ${pct(unseenAcc)} %, validation ECE ${r.trained.validation.eceRaw.toFixed(4)} → ${r.trained.validation.ece.toFixed(4)}, ${r.trained.epochs} epochs, ${r.trained.trainSeconds.toFixed(1)} s`);
  }
  rmSync(tmpArch, { recursive: true, force: true });

  // waimai-10k alone, 5 folds (seeded), the default architecture; 10 % of the training folds validate
  const rows = readLabelCsv(path.join(a.data, 'waimai-10k/waimai_10k.csv'));
  const order = createRng(42).shuffle(rows.map((_, i) => i));
  const accs: number[] = [];
  const lex: number[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ns-waimai-'));
  for (let k = 0; k < 5; k++) {
    const test = order.filter((_, i) => i % 5 === k).map((i) => rows[i]!);
    const train = order.filter((_, i) => i % 5 !== k).map((i) => rows[i]!);
    const out = path.join(tmp, `fold${k}`);
    const r = await trainSentimentFolder({ train, classes: ['negative', 'positive'], out, name: `waimai-fold${k}`, description: 'bench' });
    const fold: SentimentModel = loadSentimentModel(out);
    accs.push(evaluateSentiment(fold, binary(test)).accuracy);
    lex.push(evaluateSentiment(lexicon, binary(test)).accuracy);
    console.log(`waimai fold ${k + 1}: ${pct(accs[k]!)} % (${r.trained.epochs} epochs, ${r.trained.trainSeconds.toFixed(1)} s)`);
  }
  rmSync(tmp, { recursive: true, force: true });
  const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
  const sd = (x: number[]): number => Math.sqrt(x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1));
  console.log(`waimai-10k 5-fold: ${pct(mean(accs))} ± ${pct(sd(accs))} % (lexicon ${pct(mean(lex))} %; published bge-large-zh 86.9 on C-MTEB's own split)`);
}

if (!a['skip-peer']) {
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  try {
    const line = execFileSync(python, [path.join(import.meta.dirname, '../peers/torch_bert_base.py'), '--threads', '1', '--seq', '128', '--batch', '8', '--batches', '2'], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    const peer = JSON.parse(line.trim().split('\n').pop() ?? '{}') as { textsPerSecond: number; textsPerCpuSecond: number; torch: string };
    console.log(
      `BERT-base-shaped forward (torch ${peer.torch}, 1 thread, 128 tokens): ${peer.textsPerSecond.toFixed(2)} texts/wall-s, ${peer.textsPerCpuSecond.toFixed(2)} texts/CPU-s ` +
        `→ the default model (zh, per CPU-s) is ${(ours / peer.textsPerCpuSecond).toFixed(0)}x faster`,
    );
  } catch (e) {
    console.log(`BERT-base peer skipped: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}
