/**
 * `npm run train:sentiment`: trains the shipped sentiment model (seeded, reproducible on one backend) on the
 * train splits of the corpora in ../shared/data and writes it to models/sentiment-default/ as a by-language
 * folder: Chinese sub-model(s) trained, early-stopped and calibrated on the Chinese corpora only, an English one
 * on SST-2 only. Then it measures the written (int8) model on each held-out test split, the way the product loads
 * it, and renders MODEL_CARD.md and metrics.json from those numbers.
 *
 *   npm run train:sentiment [-- --data ../shared/data --out models/sentiment-default --epochs 8 --seed 42]
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { binaryEce, evaluateSentiment } from '../src/core/sentiment/evaluate-sentiment.js';
import { loadSentimentModel, sharedZhTokenizer } from '../src/core/sentiment/load-sentiment-model.js';
import { writeRoutedManifest } from '../src/core/sentiment/routed-sentiment-folder.js';
import { renderSentimentModelCard, type SubModelCard, type TestMetrics } from '../src/core/sentiment/sentiment-model-card.js';
import { hasSentimentCorpora, loadSentimentCorpora } from '../src/core/sentiment/sentiment-corpora.js';
import { DEFAULT_SENTIMENT_CONFIG, trainSentimentFolder, type SentimentTrainConfig } from '../src/core/sentiment/train-sentiment-folder.js';
import { prepareCharStart, trainTextCnnFolder } from '../src/core/sentiment/train-textcnn-folder.js';
import { hasNeutralCorpora, loadNeutralCorpora } from '../src/core/sentiment/neutral-corpora.js';
import { trainNeutralGate } from '../src/core/sentiment/train-neutral-gate.js';
import { chooseEnsembleCandidate, fitEnsembleCandidates, type EnsembleCalibration, type EnsembleCandidate } from '../src/ml/text/calibrated-ensemble-sentiment.js';
import type { TextCnnTrainOptions } from '../src/ml/text/train-textcnn.js';
import type { SentimentSample } from '../src/ml/text/train-sentiment.js';

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
const seed = Number(a.seed);
const t0 = performance.now();
const corpora = loadSentimentCorpora(a.data, seed);
const b = corpora.byCorpus;
const need = (name: string): { train: SentimentSample[]; validation: SentimentSample[] } => {
  const c = b[name];
  if (c === undefined) throw new Error(`corpus ${name} missing`);
  return c;
};
const [chn, waimai, htl, sst2] = [need('chnsenticorp'), need('waimai'), need('htl'), need('sst2')];

/** What every sub-model to train has: its folder, route language, data (described and split). */
interface MemberPlan {
  readonly sub: string;
  readonly lang: 'zh' | 'en';
  readonly data: string;
  readonly train: readonly SentimentSample[];
  readonly validation: readonly SentimentSample[];
}
/** An n-gram bag sub-model and its settings (chosen on validation with bench/text/sentiment-zh-ensemble.ts). */
interface Plan extends MemberPlan {
  readonly config: Partial<SentimentTrainConfig>;
  /** Fine-tune from this earlier sub-model (its architecture and features are kept). */
  readonly from?: string;
}
const zhTrain = [...chn.train, ...waimai.train, ...htl.train];
const zhVal = [...chn.validation, ...waimai.validation, ...htl.validation];
const PLAN: Plan[] = [
  // the general Chinese bag: all three zh corpora, early-stopped on their three validation splits
  { sub: 'zh', lang: 'zh', data: 'ChnSentiCorp + waimai + htl train', train: zhTrain, validation: zhVal, config: { buckets: 262_144, learningRate: 0.003 } },
  // the general bag fine-tuned on ChnSentiCorp (hotels, laptops, books), averaged with it in probability: a
  // specialist trained from scratch scored higher on ChnSentiCorp dev but ~80 on waimai, and the pair lost ~1.5
  // points on waimai/htl validation; the fine-tuned one keeps the general knowledge (see NOTES)
  { sub: 'zh-chn', lang: 'zh', data: 'ChnSentiCorp train, fine-tuning zh', train: chn.train, validation: chn.validation, config: { learningRate: 0.001 }, from: 'zh' },
  // many steps per epoch: the lower rate had the lower validation loss (measured for the bilingual model)
  { sub: 'en', lang: 'en', data: 'SST-2 train', train: sst2.train, validation: sst2.validation, config: { learningRate: 0.003 } },
];
/** A TextCNN sub-model that joins a language's ensemble route (chosen with bench/text/sentiment-textcnn*.ts). */
interface CnnPlan extends MemberPlan {
  /** Unlabelled texts (train splits only) for the vocabulary and the optional embedding pretraining. */
  readonly unlabelled: readonly string[];
  readonly pretrainEpochs: number;
  /** Tokens: characters, or jieba words. */
  readonly tokens: 'char' | 'word';
  /** Each member its own seed: the members differ by their random start and batch order (a seed ensemble). */
  readonly seed: number;
  readonly options: Omit<TextCnnTrainOptions, 'classes' | 'validation' | 'vocab' | 'pretrained' | 'log' | 'tokens' | 'seed'>;
}
const CNN_SETTINGS = { dim: 64, filters: 64, kernelSizes: [2, 3, 4], maxLength: 256, dropout: 0.5, learningRate: 0.001, batchSize: 32, epochs: 10, patience: 2 };
const zhCnn = (sub: string, tokens: 'char' | 'word', cnnSeed: number): CnnPlan => ({
  sub, lang: 'zh', data: 'ChnSentiCorp + waimai + htl train', train: zhTrain, validation: zhVal, unlabelled: zhTrain.map((s) => s.text), pretrainEpochs: 0, tokens, seed: cnnSeed, options: CNN_SETTINGS,
});
// five TextCNNs on all three zh corpora: three character ones and two over jieba words, each its own seed. They add
// a second model family to the bags' average (the bags plateau at ~92.5 on ChnSentiCorp dev); word and character
// convolutions err on different reviews, and averaging seeds takes out most of one TextCNN's seed-to-seed spread
// (88.1-90.2 on ChnSentiCorp dev alone). ChnSentiCorp-only TextCNNs (shipped before) were specialists that cost
// waimai/htl accuracy; skip-gram pretrained embeddings were measured and not better here (see NOTES).
// English: the character tokenizer reads Latin-letter runs as whole words, so this is a word-level TextCNN over
// SST-2; three seeds averaged with the en bag (share 0.6) add ~4 points on SST-2 (the bag alone is weak on it, see NOTES)
const enCnn = (sub: string, cnnSeed: number): CnnPlan => ({
  sub, lang: 'en', data: 'SST-2 train', train: sst2.train, validation: sst2.validation, unlabelled: sst2.train.map((s) => s.text), pretrainEpochs: 0, tokens: 'char', seed: cnnSeed, options: CNN_SETTINGS,
});
const CNN_PLAN: CnnPlan[] = [
  zhCnn('zh-cnn', 'char', 42), zhCnn('zh-cnn-7', 'char', 7), zhCnn('zh-cnn-13', 'char', 13), zhCnn('zh-wcnn', 'word', 42), zhCnn('zh-wcnn-7', 'word', 7),
  enCnn('en-cnn', 42), enCnn('en-cnn-7', 7), enCnn('en-cnn-13', 13),
];
/** The TextCNNs' share of each language route's probability average (the rest is split equally between its bags). */
const CNN_SHARE: Record<'zh' | 'en', number> = { zh: 0.4, en: 0.6 };
/** The validation texts each language's members were early-stopped on: the route is calibrated on them too. */
const ROUTE_VALIDATION: Record<'zh' | 'en', readonly SentimentSample[]> = { zh: zhVal, en: sst2.validation };

/** What was measured on validation while choosing PLAN (bench/text/sentiment-zh-ensemble.ts, sentiment-sweep.ts). */
const NOTES: string[] = [
  'Measured with `bench/text/sentiment-zh-ensemble.ts` and `bench/text/sentiment-sweep.ts` on a loaded 2-vCPU machine; settings were chosen on the validation splits (ChnSentiCorp dev, waimai/htl 10 %), test figures in brackets are for the record only.',
  'The earlier single bilingual bag (131,072 buckets, lr 0.003, stopped on all validation splits, SST-2-dominated): ChnSentiCorp test 90.08 (unseen 89.64), waimai hold-out 90.07, htl 88.53, SST-2 dev 80.16. The per-language models gain on ChnSentiCorp and htl but lose ~2 points on the waimai hold-out: the zh bag early-stops on zh validation loss after 3-4 epochs, the bilingual one stopped after 2 (its loss was SST-2-dominated), and the ChnSentiCorp fine-tune member leans further away from delivery reviews. Stopping the zh bag at 2 epochs: waimai val 89.32 (hold-out 89.36) but ChnSentiCorp dev 91.17; with its fine-tune (2 epochs) dev 92.00 / 89.57 / 91.74 (test 92.00), with a fine-tune of up to 8 epochs 92.42 / 89.49 / 91.06 (test 92.25): better mean, worse ChnSentiCorp dev, not shipped.',
  'ChnSentiCorp alone, 262,144 buckets: lr 0.01 → dev 92.25 (test 92.83); lr 0.003 → dev 92.92 (test 92.67); dim 32 → dev 92.75 (test 92.75); seed 7 → dev 92.58 (test 92.83). It scores ~79.8 on waimai validation: a specialist.',
  'All three zh corpora, lr 0.003: ChnSentiCorp dev 91.83, waimai 88.49, htl 91.40 (test 92.00); the general bag is the better product default, the specialist the better ChnSentiCorp model.',
  'Fine-tuning the general bag on ChnSentiCorp (lr 0.001): dev 92.33 / 88.99 / 91.06 (test 92.83). Ensembles: specialist + general ×2 seeds dev 93.08 / 88.57 / 91.06 (test 92.50); general + fine-tuned + specialist dev 93.00 / 88.57 / 90.89 (test 92.58).',
  'Han character trigrams (ChnSentiCorp alone): dev 92.17 vs 92.92 without, so not adopted (its test 93.08 was not used to choose).',
  'NB-SVM log-count ratios r (Wang & Manning 2012; `bench/text/sentiment-nb.ts`, `src/ml/text/nb-weighting.ts`): pure NB (mean r) dev 88.67 / 87.07 / 91.40; r interpolated into the rows of the shipped recipe (w + α·r, recalibrated) α 0.25 / 0.5 / 1: dev 92.58 / 92.50 / 92.50 (test 92.75 / 92.67 / 92.83); training from the NB classifier (scale 1): 92.50 / 88.82 / 91.23 (test 92.58), + α 0.5: 92.75 / 88.99 / 91.23 (test 92.67); scale 4 + α 0.5: 92.92 / 88.32 / 92.24 (best validation mean 91.16, test 92.25). All within ±0.35 of the shipped ChnSentiCorp dev (4 texts; one standard error is ~0.75), so not adopted: a binary bag is already a linear classifier over the same features, r only reshapes its start and step sizes.',
  'Character TextCNN (`src/ml/text/train-textcnn.ts`, `bench/text/sentiment-textcnn.ts`; 64-d char embeddings → conv1d widths 2/3/4 × 64 ReLU → max over time → softmax, Adam 0.001, batch 32, dropout 0.5, ≤ 256 chars, early stopping on validation loss) alone: ChnSentiCorp train 90.00 / 74.81 / 85.83 (dev / waimai / htl); all zh corpora 90.17 / 88.16 / 89.21; with skip-gram char embeddings pretrained on the zh train texts (5 epochs) 90.58 / 78.73 / 89.04 and 89.00 / 89.74 / 89.88. Below the bags alone, but a different model family: averaged with the shipped bag route (`bench/text/sentiment-textcnn-blend.ts`), the ChnSentiCorp + zh TextCNN pair at share 0.3: 93.25 / 89.07 / 92.41 (mean 91.58 vs 90.85); share 0.2 93.08 / 88.99 / 92.24, 0.25 93.17 / 89.07 / 92.41, 0.35 93.00 / 88.91 / 92.07; the pretrained pair at its best share (0.4) 92.92 / 89.57 / 91.23 (mean 91.24); all four TextCNNs at 0.2 92.83 / 89.24 / 92.24. A single TextCNN at share 0.2: ChnSentiCorp-only 92.92 / 88.66 / 91.91, zh 92.75 / 89.07 / 92.58. Shipped: the pair without pretraining at 0.3 (best ChnSentiCorp dev and best mean). Retrained by this command, the zh TextCNN is byte-identical to the bench one but the ChnSentiCorp TextCNN is not (its first-epoch loss differs in the 4th decimal: the bench run predates the blocked conv2d/convGemm rewrite of 21:51 UTC, which changes float rounding; rerun on the current engine, the bench reproduces the model of this command; runs of this command are byte-identical): the shipped route scores 92.75 / 89.07 / 92.41 on validation (mean 91.41), still above the bags alone (92.58 / 88.74 / 91.23, mean 90.85) but by less than in the bench.',
  'Word-level TextCNN and seed ensembles (`bench/text/sentiment-textcnn.ts --tokens word`, member probabilities cached and averaged offline; validation ChnSentiCorp dev / waimai 10 % / htl 10 %). Alone, all zh corpora: word TextCNN seeds 42/7/13 90.00 / 89.41 / 89.54, 90.17 / 89.66 / 90.56, 90.00 / 90.08 / 89.88 (the best single TextCNNs); character seeds 42/7/13 90.17 / 88.16 / 89.21, 88.83 / 88.66 / 88.87, 88.08 / 89.66 / 88.87. ChnSentiCorp-only: character seeds 42/7/13/21/99 90.08, 88.33, 89.75, 89.50, 89.75 on dev (72-79 on waimai), word seeds 42/7/13 90.17, 90.17, 90.75; widths 1-5 90.67; 128 filters 90.25. Fine-tuning a zh TextCNN on ChnSentiCorp (`--from`, lr 0.0005): character 90.17 / 88.82 / 90.22, word 89.58 / 88.91 / 88.36, no better than its start. In the average with the two bags (equal shares), the zh-corpus TextCNNs (3 character + 2 word seeds, equal shares) at a TextCNN share 0.3 / 0.4 / 0.5 / 0.6: 93.00 / 89.57 / 92.75, 93.17 / 89.74 / 93.09, 93.00 / 89.99 / 92.92, 93.08 / 90.41 / 92.75; the previous pair (ChnSentiCorp + zh character TextCNN, share 0.3) 92.75 / 89.07 / 92.41; adding the two ChnSentiCorp-only word/character TextCNNs to that pair 93.17 / 89.24 / 91.40; every ChnSentiCorp-only member lowered htl. Shipped: the five zh-corpus TextCNNs at share 0.4 (better than the previous route on all three splits: mean 92.00 vs 91.41). Test, scored once for it: ChnSentiCorp 92.42 (previous route 92.58, 2 texts fewer right), waimai hold-out 88.90 (88.24), htl hold-out 90.47 (89.88). Weights fitted by log-loss on validation (stacking, 2-fold cross-validated: 93.07 / 89.71 / 92.01) were no better than equal shares and put ~0 on the general bag, so the simple rule ships.',
  'English TextCNN (`bench/text/sentiment-textcnn.ts --corpus sst2`; character tokens, which read Latin-letter runs as whole words; the same settings as the zh TextCNNs; best after 1 epoch, SST-2 being 67k short phrases): seeds 42 / 7 / 13 alone: SST-2 validation (its labelled test.tsv) 82.48 / 80.51 / 81.88, SST-2 dev 81.77 / 81.77 / 81.31 (the bag: 79.46 / 80.62); 128-d with 128 filters 81.60 / 81.54. Averaged with the en bag, the three seeds at a TextCNN share 0.3 / 0.4 / 0.5 / 0.6 / 0.7: validation 83.09 / 83.36 / 83.53 / 83.96 / 83.75 (log-loss 0.378 / 0.373 / 0.369 / 0.367 / 0.367); shipped 0.6 (SST-2 dev, scored once for it: 84.86, from 80.62). One seed at 0.5: 83.20.',
  'Bidirectional GRU (RCNN-style: char embeddings → forward and reversed `gru` over each text\'s length → max over time → dense; `bench/text/sentiment-bigru.ts`, 30-40 s per epoch on the native backend): alone 89.00 / 89.74 / 88.53, like one TextCNN; as a sixth equal member of the shipped zh average at share 0.4: 93.00 / 89.99 / 92.75 (mean 91.91 vs 92.00 without it), so not shipped.',
  'Shipping general + specialist-from-scratch (measured with this command): dev 93.17 / 86.99 / 90.73 (test 92.42, waimai hold-out 85.65): best on ChnSentiCorp dev but the worst mean over the three zh validation splits, so replaced by general + fine-tuned (dev 92.58 / 88.74 / 91.23 in the bench: the second-best mean, 90.85 vs 90.90 for the three-member specialist + general ×2, at two thirds of the size).',
];
rmSync(a.out, { recursive: true, force: true });
const subModels: SubModelCard[] = [];
for (const p of PLAN) {
  console.log(`${p.sub}: train ${p.train.length} texts (${p.data}), validation ${p.validation.length}`);
  const r = await trainSentimentFolder({
    train: p.train,
    validation: p.validation,
    classes: ['negative', 'positive'],
    out: path.join(a.out, p.sub),
    name: `sentiment-default/${p.sub}`,
    description: `Northstar default sentiment, ${p.lang} sub-model: hashed n-gram embedding bag trained on ${p.data} (research-only data; see ../MODEL_CARD.md)`,
    config: { epochs: Number(a.epochs), seed, ...p.config },
    languages: [p.lang],
    ...(p.from === undefined ? {} : { fromDir: path.join(a.out, p.from) }),
    log: (line) => console.log(line),
    training: { data: p.data },
  });
  const { trained } = r;
  subModels.push({ sub: p.sub, lang: p.lang, data: p.data, manifest: r.manifest, validation: trained.validation, weightBytes: r.weightBytes, trainSeconds: trained.trainSeconds, featureSeconds: trained.featureSeconds });
}
for (const p of CNN_PLAN) {
  console.log(`${p.sub}: ${p.tokens} TextCNN, train ${p.train.length} texts (${p.data}), validation ${p.validation.length}, vocabulary from ${p.unlabelled.length} train texts`);
  const words = p.tokens === 'word' ? sharedZhTokenizer() : undefined;
  const start = prepareCharStart(p.unlabelled, p.options.dim ?? 64, p.pretrainEpochs, p.seed, words);
  const r = await trainTextCnnFolder({
    train: p.train,
    validation: p.validation,
    unlabelled: p.unlabelled,
    classes: ['negative', 'positive'],
    out: path.join(a.out, p.sub),
    name: `sentiment-default/${p.sub}`,
    description: `Northstar default sentiment, ${p.lang} sub-model: ${p.tokens === 'word' ? 'word (jieba)' : 'character'} TextCNN trained on ${p.data} (research-only data; see ../MODEL_CARD.md)`,
    languages: [p.lang],
    pretrainEpochs: p.pretrainEpochs,
    options: { ...p.options, seed: p.seed },
    ...(words === undefined ? {} : { words }),
    training: { data: p.data, seed: p.seed },
    log: (line) => console.log(line),
  }, start);
  subModels.push({ sub: p.sub, lang: p.lang, data: p.data, manifest: r.manifest, validation: r.trained.validation, weightBytes: r.weightBytes, trainSeconds: r.trained.trainSeconds, featureSeconds: start.seconds });
}
// "no opinion" gates, one per language route: three-class bags trained on the route's reviews (negative /
// positive) and on questions and requests (neutral); the loader lets a gate act only on question-like texts without
// a lexicon opinion (questionWithoutOpinion). Ratio 1 and the shifts were chosen on validation with bench/text/sentiment-gate.ts.
const GATE_PLAN = [
  { lang: 'zh', reviews: { train: zhTrain, validation: zhVal }, shift: 1, config: { buckets: 262_144, learningRate: 0.003 }, data: 'ChnSentiCorp + waimai + htl train (opinions) vs LCQMC + BQ dev questions (no opinion; research-only)' },
  { lang: 'en', reviews: { train: sst2.train, validation: sst2.validation }, shift: -1, config: { learningRate: 0.003 }, data: 'SST-2 train (opinions) vs banking77 train queries (no opinion; CC BY 4.0)' },
] as const;
const routeGates: Record<string, string> = {};
let gateBytes = 0;
const questionTests: Record<string, string[]> = {};
if (hasNeutralCorpora(a.data)) {
  const neutral = loadNeutralCorpora(a.data, seed);
  for (const g of GATE_PLAN) {
    const sub = `${g.lang}-gate`;
    console.log(`${sub}: no-opinion gate, ${g.reviews.train.length} reviews + ${neutral[g.lang].train.length} neutral texts (${g.data})`);
    await trainNeutralGate({
      lang: g.lang,
      reviews: g.reviews,
      neutral: neutral[g.lang],
      ratio: 1,
      shift: g.shift,
      out: path.join(a.out, sub),
      config: { epochs: Number(a.epochs), seed, ...g.config },
      description: `Northstar default sentiment, ${g.lang} no-opinion gate: ${g.data} (see ../MODEL_CARD.md)`,
      training: { data: g.data },
      log: (line) => console.log(line),
    });
    routeGates[g.lang] = sub;
    gateBytes += statSync(path.join(a.out, sub, 'weights.bin')).size;
    Object.assign(questionTests, neutral[g.lang].tests);
  }
} else {
  console.log('no LCQMC / BQ / banking77 under the data folder: the routes ship without a no-opinion gate');
}
const routes: Record<string, string[]> = {};
for (const p of [...PLAN, ...CNN_PLAN]) routes[p.lang] = [...(routes[p.lang] ?? []), p.sub];
// a language route with TextCNNs: its bags share 1 − CNN_SHARE equally, its TextCNNs CNN_SHARE equally
const routeWeights: Record<string, number[]> = {};
for (const lang of ['zh', 'en'] as const) {
  const bags = PLAN.filter((p) => p.lang === lang).length;
  const cnns = CNN_PLAN.filter((p) => p.lang === lang).length;
  if (cnns > 0) routeWeights[lang] = [...Array.from({ length: bags }, () => (1 - CNN_SHARE[lang]) / bags), ...Array.from({ length: cnns }, () => CNN_SHARE[lang] / cnns)];
}
// each ensemble route as a whole: combine the written members (int8, as loaded) on the validation texts the
// members were early-stopped on (never test) and fit one temperature + neutral band (calibrated-ensemble-sentiment.ts)
const routeCalibration: Record<string, EnsembleCalibration> = {};
const routeChoice: Record<string, { chosen: EnsembleCandidate; candidates: EnsembleCandidate[] }> = {};
for (const [lang, subs] of Object.entries(routes)) {
  if (subs.length < 2 || (lang !== 'zh' && lang !== 'en')) continue;
  const members = subs.map((sub) => loadSentimentModel(path.join(a.out, sub)));
  const val = ROUTE_VALIDATION[lang];
  const results = val.map((s) => members.map((m) => m.predict(s.text)));
  const candidates = fitEnsembleCandidates(results, val.map((s) => s.label), routeWeights[lang]);
  const chosen = chooseEnsembleCandidate(candidates);
  routeChoice[lang] = { chosen, candidates };
  if (chosen.calibration !== undefined) routeCalibration[lang] = chosen.calibration;
  for (const c of candidates) {
    const cal = c.calibration === undefined ? '' : ` T=${c.calibration.temperature.toFixed(3)} z*=${c.calibration.neutralEdge.toFixed(3)}`;
    console.log(`${lang} route ${c.name}:${cal} val acc ${(100 * c.accuracy).toFixed(2)} log-loss ${c.logLoss.toFixed(4)} ECE ${c.ece.toFixed(4)} neutral ${(100 * c.neutralShare).toFixed(2)}%${c === chosen ? ' (shipped)' : ''}`);
  }
}
writeRoutedManifest(a.out, {
  format: 'northstar-sentiment',
  version: 1,
  name: 'sentiment-default',
  kind: 'by-language',
  description: 'Northstar default bilingual (zh/en) sentiment model: hashed n-gram embedding bags per language (zh averaged with five TextCNNs over characters and jieba words, en with three word TextCNNs; each gated by a no-opinion model for questions), trained on ChnSentiCorp, waimai-10k, ChnSentiCorp_htl_all (zh) and SST-2 (en) (research-only data; see MODEL_CARD.md)',
  languages: ['zh', 'en'],
  routes: Object.fromEntries(Object.entries(routes).map(([k, v]) => [k, v.length === 1 ? v[0]! : v])),
  ...(Object.keys(routeWeights).length === 0 ? {} : { routeWeights }),
  ...(Object.keys(routeCalibration).length === 0 ? {} : { routeCalibration }),
  ...(Object.keys(routeGates).length === 0 ? {} : { routeGates }),
  fallback: PLAN[0]!.sub,
  training: { corpora: corpora.counts, droppedOverlap: corpora.droppedOverlap, seed },
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
// the shipped routes (ensembles included) on the validation splits, for the card: chosen on these, not on test
const valAcc: Record<string, number> = {};
for (const [name, samples] of Object.entries({ 'chnsenticorp-dev': chn.validation, 'waimai-val': waimai.validation, 'htl-val': htl.validation, 'sst2-val (test.tsv)': sst2.validation })) {
  valAcc[name] = evaluateSentiment(model, { samples, classes: ['negative', 'positive'], labelNames: ['neg', 'pos'], delimiter: '\t' }).accuracy;
}
NOTES.push(`Shipped model on validation: ${Object.entries(valAcc).map(([k, v]) => `${k} ${(100 * v).toFixed(2)}`).join(', ')}.`);
console.log(NOTES[NOTES.length - 1]);
// held-out questions (never trained on): the share the shipped, gated model calls neutral
const questions: Record<string, { n: number; neutral: number; negative: number; positive: number }> = {};
for (const [name, texts] of Object.entries(questionTests)) {
  const c = { n: texts.length, neutral: 0, negative: 0, positive: 0 };
  for (const t of texts) c[model.predict(t).label]++;
  questions[name] = c;
  console.log(`${name}: ${texts.length} held-out questions, called neutral ${((100 * c.neutral) / texts.length).toFixed(1)} % (negative ${c.negative}, positive ${c.positive})`);
}
if (Object.keys(questions).length > 0) {
  NOTES.push(`No-opinion gates (zh: ${GATE_PLAN[0].data}; en: ${GATE_PLAN[1].data}; acting only on question-like texts without a lexicon opinion): held-out questions called neutral by the shipped model: ${Object.entries(questions).map(([k, c]) => `${k} ${((100 * c.neutral) / c.n).toFixed(1)} % of ${c.n}`).join(', ')}. Gate folders ${(gateBytes / 1e6).toFixed(2)} MB.`);
}
const weightBytes = subModels.reduce((n, m) => n + m.weightBytes, 0) + gateBytes;
const card = renderSentimentModelCard({
  subModels,
  routes,
  routeWeights,
  routeCalibration: routeChoice,
  tests,
  corpora: corpora.counts,
  droppedOverlap: corpora.droppedOverlap,
  seed,
  totalSeconds,
  machine: `${os.cpus().length} vCPU ${os.cpus()[0]?.model ?? ''}, Node ${process.version}`,
  notes: NOTES,
});
writeFileSync(path.join(a.out, 'MODEL_CARD.md'), card);
const validation = Object.fromEntries(subModels.map((m) => [m.sub, m.validation]));
const trainSeconds = subModels.reduce((n, m) => n + m.trainSeconds, 0);
writeFileSync(path.join(a.out, 'metrics.json'), `${JSON.stringify({ validation, validationAccuracy: valAcc, routeCalibration: routeChoice, tests, questions, trainSeconds, weightBytes }, null, 2)}\n`);
console.log(`wrote ${a.out} (${(weightBytes / 1e6).toFixed(2)} MB weights) in ${totalSeconds.toFixed(0)} s`);
