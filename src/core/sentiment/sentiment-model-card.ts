/**
 * Renders the shipped model's MODEL_CARD.md from the numbers `npm run train:sentiment` measured, so the card
 * never disagrees with the weights beside it. The data licences are stated per corpus (several corpora are
 * research-only, so the card says the shipped weights inherit that and shows how to train on one's own data).
 */
import type { SentimentValidation } from '../../ml/text/train-sentiment.js';
import type { EnsembleCandidate } from '../../ml/text/calibrated-ensemble-sentiment.js';
import type { SentimentManifest } from './sentiment-model-folder.js';
import type { TextCnnManifest } from './textcnn-model-folder.js';

/** Metrics of the written model on one held-out split. */
export interface TestMetrics {
  readonly name: string;
  readonly n: number;
  readonly accuracy: number;
  readonly macroF1: number;
  /** ECE of the two-class reading, 15 bins. */
  readonly ece: number;
  /** Share of texts the model calls neutral (binary test sets have no neutral label). */
  readonly neutralShare: number;
  readonly textsPerSecond: number;
}

/** One trained sub-model of the by-language default. */
export interface SubModelCard {
  /** Sub-folder name, e.g. `zh` or `zh-chn`. */
  readonly sub: string;
  /** Language route it serves. */
  readonly lang: string;
  /** Training texts in words, e.g. "ChnSentiCorp + waimai + htl train". */
  readonly data: string;
  readonly manifest: SentimentManifest | TextCnnManifest;
  readonly validation: SentimentValidation;
  readonly weightBytes: number;
  readonly trainSeconds: number;
  readonly featureSeconds: number;
}

/** Inputs of {@link renderSentimentModelCard}. */
export interface ModelCardInput {
  readonly subModels: readonly SubModelCard[];
  /** Route → sub-folders (several are averaged in probability). */
  readonly routes: Readonly<Record<string, readonly string[]>>;
  /** Probability weights of ensemble routes (absent: equal). */
  readonly routeWeights?: Readonly<Record<string, readonly number[]>>;
  /** Per ensemble route: the combinations measured on validation and the one shipped (see calibrated-ensemble-sentiment.ts). */
  readonly routeCalibration?: Readonly<Record<string, { readonly chosen: EnsembleCandidate; readonly candidates: readonly EnsembleCandidate[] }>>;
  readonly tests: readonly TestMetrics[];
  /** Training texts per corpus after de-duplication, and rows dropped as overlapping a held-out split. */
  readonly corpora: Readonly<Record<string, { train: number }>>;
  readonly droppedOverlap: number;
  readonly seed: number;
  readonly totalSeconds: number;
  readonly machine: string;
  /** Extra measured lines (what was tried, on validation), rendered as a list. */
  readonly notes?: readonly string[];
}

/** Published reference figures beside which each split is reported (see docs/benchmarks.md). */
export const PUBLISHED_SENTIMENT: Readonly<Record<string, string>> = {
  'chnsenticorp-test': 'BERT 95.0, RoBERTa-wwm-ext-large 95.8 (same split and protocol)',
  'chnsenticorp-test-unseen': 'none (the 869 test texts that are not in train.tsv)',
  'sst2-dev': 'bert-base 92.3 (same split)',
  'waimai-holdout': 'bge-large-zh 86.9 on C-MTEB Waimai (a different split; not comparable 1:1)',
  'htl-holdout': 'none (own split)',
};

const DATA_ROWS = [
  '| ChnSentiCorp 9.6k/1.2k/1.2k | ymcui/Chinese-BERT-wwm `data/chnsenticorp` (repo code Apache-2.0); corpus by Tan Songbo, ICT/CAS | **research use only** (no data licence granted) | train / dev (validation) / test (reported; train.tsv contains 331 of the 1,200 test texts, as in the published setup) |',
  '| waimai-10k | SophonPlus/ChineseNlpCorpus `datasets/waimai_10k` | **no licence stated: research/benchmark use only** | seeded 70 / 10 / 20 % |',
  '| ChnSentiCorp_htl_all | SophonPlus/ChineseNlpCorpus `datasets/ChnSentiCorp_htl_all` (corpus by Tan Songbo) | **no licence stated: research use only** | rows also in ChnSentiCorp removed, then seeded 70 / 10 / 20 % |',
  '| SST-2 | GLUE / Socher et al. 2013, copy from awake020/pytorch_Bert_sst2 | **no explicit data licence: research use** | train (67k phrases) / test (1,821, validation) / dev (872, reported) |',
  '| LCQMC (questions only, no-opinion gate) | Harbin Institute of Technology (Shenzhen) | **research use by application; do not redistribute** | dev sentences: train / seeded 10 % validation; test sentences: reported |',
  '| BQ corpus (questions only, no-opinion gate) | HIT (Shenzhen) / WeBank | **research use by application** | as LCQMC |',
  '| banking77 (queries only, no-opinion gate) | PolyAI-LDN/task-specific-datasets (Casanueva et al. 2020) | CC BY 4.0 | train: train / seeded 10 % validation; test: reported |',
];

const pct = (x: number): string => (100 * x).toFixed(2);

function subModelRow(m: SubModelCard): string {
  const x = m.manifest;
  const v = m.validation;
  const arch =
    x.kind === 'textcnn'
      ? `TextCNN: ${x.vocabSize.toLocaleString('en-US')} chars × ${x.dim} → conv1d widths ${x.branches.map((b) => b.kernelSize).join('/')} × ${x.branches[0]?.filters ?? 0} ReLU → max over time → softmax`
      : `${x.kind === 'mlp' ? `bag → ReLU ${x.hiddenUnits} → softmax` : 'bag → softmax'}, ${x.buckets.toLocaleString('en-US')} × ${x.dim}`;
  return `| ${m.sub} | ${m.lang} | ${m.data} | ${arch} | ${(m.weightBytes / 1e6).toFixed(2)} | ${String(x.training?.epochsRun ?? '')} | ${x.temperature.toFixed(3)} | ${x.neutralEdge.toFixed(3)} | ${v.n} | ${pct(v.accuracy)} | ${v.ece.toFixed(4)} |`;
}

function routeCalibrationLines(lang: string, chosen: EnsembleCandidate, candidates: readonly EnsembleCandidate[]): string[] {
  const what: Record<EnsembleCandidate['name'], string> = {
    'probability-raw': 'probability average, no route calibration',
    probability: 'probability average → logit → one T + neutral band',
    logit: 'weighted mean of the members\' calibrated logits → one T + neutral band',
  };
  return [
    `The ${lang} ensemble route as a whole, on its validation texts (the members' own validation splits; never test):`,
    '',
    '| combination | T | z* | val acc % | val log-loss | val ECE | called neutral % | shipped |',
    '|---|---|---|---|---|---|---|---|',
    ...candidates.map((k) =>
      `| ${what[k.name]} | ${k.calibration?.temperature.toFixed(3) ?? ''} | ${k.calibration?.neutralEdge.toFixed(3) ?? ''} | ${pct(k.accuracy)} | ${k.logLoss.toFixed(4)} | ${k.ece.toFixed(4)} | ${pct(k.neutralShare)} | ${k.name === chosen.name ? 'yes' : ''} |`),
    '',
    'Shipped: the lowest validation log-loss among the combinations whose validation accuracy is not below the plain average\'s.',
    '',
  ];
}

/** The card as markdown. */
export function renderSentimentModelCard(c: ModelCardInput): string {
  const bytes = c.subModels.reduce((n, m) => n + m.weightBytes, 0);
  const trainS = c.subModels.reduce((n, m) => n + m.trainSeconds, 0);
  const featS = c.subModels.reduce((n, m) => n + m.featureSeconds, 0);
  const routes = Object.entries(c.routes).map(([lang, subs]) => {
    const w = c.routeWeights?.[lang];
    return `${lang} → ${subs.map((s, i) => `\`${s}/\`${w === undefined ? '' : ` (${w[i]!.toFixed(2)})`}`).join(' + ')}`;
  });
  const bag = c.subModels.map((m) => m.manifest).find((m): m is SentimentManifest => m.kind !== 'textcnn');
  const cnn = c.subModels.map((m) => m.manifest).find((m): m is TextCnnManifest => m.kind === 'textcnn');
  const lines = [
    '# Model card: `sentiment-default`',
    '',
    'Northstar\'s default bilingual (Chinese / English) sentiment model, loaded by `loadDefaultSentimentModel()`, the',
    'feedback features and `northstar sentiment predict|eval`. Written by `npm run train:sentiment` (this file too).',
    '',
    '> **Licence of the weights: research and evaluation only.** The training corpora below are research-only or carry',
    '> no licence, and the weights are derived from them. For commercial use, train the same model on data you may use:',
    '> `northstar sentiment train --csv your-feedback.csv --text-col text --label-col label --labels neg,pos --out models/mine`',
    '> and serve it with `--model models/mine` (see docs/sentiment.md).',
    '',
    '## Model',
    '',
    `- By language: the text's language (script ratios, \`detectLang\`) picks a sub-model: ${routes.join('; ')}; other`,
    '  languages and emoji-only texts use the fallback, which reads no features there (neutral, or the emoji polarity).',
    c.routeCalibration === undefined || Object.keys(c.routeCalibration).length === 0
      ? '  Several sub-folders on one route are averaged in probability (an ensemble).'
      : '  Several sub-folders on one route form an ensemble, calibrated as a whole (see "Neutral and calibration").',
    `- Each ${cnn === undefined ? '' : 'bag '}sub-model: fastText-style hashed n-gram embedding bag (mean) → dense softmax over negative / positive,`,
    '  trained with Northstar\'s own NN engine (`src/nn`), its own early stopping and calibration on its own language.',
    '- Features, hashed (FNV-1a): Chinese jieba words, word bigrams, Han character unigrams and bigrams; English',
    '  negation-marked words (`not NEG_good`) and bigrams; emoji. HTML stripped, NFKC, lower-cased, at most',
    `  ${bag?.featurizer.maxChars ?? 2000} characters and ${bag?.featurizer.maxFeatures ?? 512} distinct features per text.`,
    ...(cnn === undefined
      ? []
      : [
          `- ${c.subModels.filter((m) => m.manifest.kind === 'textcnn').map((m) => `\`${m.sub}/\``).join(', ')}: character TextCNNs (Kim 2014) on the same engine, each with its own`,
          '  early stopping and calibration: Han characters, symbols and emoji one token each, Latin/digit runs one token',
          `  (vocabulary: train-text tokens seen ≥ 2 times); ${cnn.dim}-d embeddings → 1-D convolutions of widths ${cnn.branches.map((b) => b.kernelSize).join(', ')}`,
          `  (${cnn.branches[0]?.filters ?? 0} filters each, ReLU, 'same') → max over time → softmax; at most ${cnn.maxLength} tokens (head ⅔ + tail ⅓). They join the bags'`,
          '  probability average with the weights in brackets above (chosen on validation).',
        ]),
    `- Size: ${(bytes / 1e6).toFixed(2)} MB in all (\`weights.bin\` per sub-folder: embedding rows int8 with a float32 scale per row, dense and conv layers float32).`,
    '- Output: `{ label, score, probabilities, confidence, lang, truncated }` for negative / neutral / positive.',
    '',
    '| sub-model | route | trained on | architecture | MB | epochs | T | z* | validation n | val acc % | val ECE |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...c.subModels.map(subModelRow),
    '',
    '## Neutral and calibration',
    '',
    'The corpora are binary. Per sub-model, the two logits give z = (logit_pos − logit_neg) / T with the temperature',
    'T fitted on that sub-model\'s validation split (minimum log-loss). "Neutral" is where the model is close to',
    'guessing: |z| < z*, the widest band around 0 in which validation accuracy is at most 55 %.',
    'P(neutral) = 0.98·exp(−(z/β)²) with β chosen so that neutral wins exactly inside the band; P(pos | not neutral) = σ(z).',
    'Texts with nothing to read (empty, emoji without polarity, unsupported language) are neutral with probabilities',
    '⅓ each; emoji-only texts use the lexicon\'s emoji polarity.',
    '',
    ...Object.entries(c.routeCalibration ?? {}).flatMap(([lang, r]) => routeCalibrationLines(lang, r.chosen, r.candidates)),
    '## Data',
    '',
    '| corpus | source | licence | split used |',
    '|---|---|---|---|',
    ...DATA_ROWS,
    '',
    `Training texts per corpus after de-duplication: ${Object.entries(c.corpora).map(([k, n]) => `${k} ${n.train.toLocaleString('en-US')}`).join(', ')}`,
    `(${c.droppedOverlap} training texts that also occur in a waimai/htl validation or test split were dropped;`,
    'ChnSentiCorp and SST-2 train files are used as published).',
    '',
    '## Metrics on held-out splits (the written int8 model; two-class rule: positive when P(pos | not neutral) ≥ 0.5)',
    '',
    '| split | n | accuracy % | macro-F1 % | ECE | called neutral % | published |',
    '|---|---|---|---|---|---|---|',
    ...c.tests.map((t) => `| ${t.name} | ${t.n} | ${pct(t.accuracy)} | ${pct(t.macroF1)} | ${t.ece.toFixed(4)} | ${pct(t.neutralShare)} | ${PUBLISHED_SENTIMENT[t.name] ?? ''} |`),
    '',
    ...(c.notes === undefined || c.notes.length === 0 ? [] : ['## How the settings were chosen (validation splits only)', '', ...c.notes.map((n) => `- ${n}`), '']),
    '## Training',
    '',
    `- Command: \`npm run train:sentiment\` (seed ${c.seed}; Adam, sparse categorical cross-entropy, early stopping on validation loss, best weights restored).`,
    `- Time: featurising ${featS.toFixed(0)} s, training ${trainS.toFixed(0)} s, whole command ${c.totalSeconds.toFixed(0)} s on ${c.machine} (a shared machine, loaded by other work).`,
    '- Limitations: bag-of-n-gram models, no word order beyond bigrams; sarcasm and long mixed reviews are weak spots;',
    '  domains are hotels, laptops, books, food delivery (zh) and film reviews (en). Below BERT-class accuracy',
    '  (see the table), in exchange for sub-millisecond predictions on one CPU core.',
    '',
  ];
  return lines.join('\n');
}
