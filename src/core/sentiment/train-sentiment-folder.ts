/**
 * Training a sentiment model into a model folder: used by `npm run train:sentiment` (the shipped default, on
 * the corpora in ../shared/data) and by `northstar sentiment train --csv` (a user's labelled feedback, from
 * scratch or fine-tuning the default with `--from default`). The folder loads with `loadSentimentModel(dir)`.
 */
import { createRng } from '../../common/rng.js';
import { createTextFeaturizer } from '../../ml/text/text-features.js';
import { trainSentimentModel, type SentimentSample, type TrainedSentiment } from '../../ml/text/train-sentiment.js';
import type { TextLang } from '../../ml/text/detect-lang.js';
import type { SentimentLabel } from '../../ml/text/sentiment-model.js';
import { sharedZhTokenizer } from './load-sentiment-model.js';
import { fineTuneBaseDir } from './routed-sentiment-folder.js';
import { readSentimentArtifacts, writeSentimentModelFolder, type SentimentManifest } from './sentiment-model-folder.js';

/** Architecture and optimisation settings. */
export interface SentimentTrainConfig {
  readonly buckets: number;
  readonly dim: number;
  /** Hidden ReLU units: 0 is the fastText-style bag (`ngram-bag`), more makes it the `mlp` variant. */
  readonly hiddenUnits: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly maxChars: number;
  readonly maxFeatures: number;
  /** Han character trigrams as extra features. */
  readonly charTrigrams: boolean;
}

/** The default model's settings (chosen with bench/text/sentiment-sweep.ts; see docs/sentiment.md). */
export const DEFAULT_SENTIMENT_CONFIG: SentimentTrainConfig = {
  buckets: 131_072,
  dim: 16,
  hiddenUnits: 0,
  epochs: 8,
  batchSize: 64,
  learningRate: 0.01,
  seed: 42,
  maxChars: 2000,
  maxFeatures: 512,
  charTrigrams: false,
};

/** What to train. */
export interface TrainSentimentFolderArgs {
  readonly train: readonly SentimentSample[];
  /** Held-out texts for early stopping and calibration; when absent, 10 % of `train` (seeded, per class). */
  readonly validation?: readonly SentimentSample[];
  readonly classes: readonly SentimentLabel[];
  readonly out: string;
  readonly name: string;
  readonly description: string;
  readonly config?: Partial<SentimentTrainConfig>;
  /** Fine-tune from this model folder (its architecture and featurizer settings are kept; by-language: see fineTuneBaseDir). */
  readonly fromDir?: string;
  readonly log?: (line: string) => void;
  /** Extra provenance for `sentiment.json` → `training`. */
  readonly training?: Record<string, unknown>;
  /** Languages the model is for (default zh and en). */
  readonly languages?: readonly TextLang[];
}

/** Result: the trained model and what was written. */
export interface TrainedSentimentFolder {
  readonly trained: TrainedSentiment;
  readonly manifest: SentimentManifest;
  readonly weightBytes: number;
}

/** Seeded per-class 90/10 split for validation. */
export function holdOut(samples: readonly SentimentSample[], seed: number): { train: SentimentSample[]; validation: SentimentSample[] } {
  const rng = createRng(seed);
  const train: SentimentSample[] = [];
  const validation: SentimentSample[] = [];
  const byClass = new Map<number, SentimentSample[]>();
  for (const s of samples) byClass.set(s.label, [...(byClass.get(s.label) ?? []), s]);
  for (const rows of byClass.values()) {
    const shuffled = rng.shuffle([...rows]);
    // at least one validation text per class when the class has two or more
    const nVal = rows.length < 2 ? 0 : Math.max(1, Math.round(rows.length * 0.1));
    validation.push(...shuffled.slice(0, nVal));
    train.push(...shuffled.slice(nVal));
  }
  return { train, validation };
}

/** Trains, calibrates and writes the folder. */
export async function trainSentimentFolder(args: TrainSentimentFolderArgs): Promise<TrainedSentimentFolder> {
  // a by-language base (the shipped default) continues the sub-model of the training texts' language
  const base = args.fromDir === undefined ? undefined : readSentimentArtifacts(fineTuneBaseDir(args.fromDir, args.train.map((s) => s.text)));
  const cfg: SentimentTrainConfig = {
    ...DEFAULT_SENTIMENT_CONFIG,
    ...args.config,
    ...(base === undefined
      ? {}
      : {
          buckets: base.manifest.buckets,
          dim: base.manifest.dim,
          hiddenUnits: base.manifest.hiddenUnits,
          maxChars: base.manifest.featurizer.maxChars,
          maxFeatures: base.manifest.featurizer.maxFeatures,
          charTrigrams: base.manifest.featurizer.charTrigrams === true,
        }),
  };
  const split = args.validation === undefined ? holdOut(args.train, cfg.seed) : { train: [...args.train], validation: [...args.validation] };
  const featurizer = createTextFeaturizer({ zh: sharedZhTokenizer(), buckets: cfg.buckets, maxChars: cfg.maxChars, maxFeatures: cfg.maxFeatures, charTrigrams: cfg.charTrigrams });
  const trained = await trainSentimentModel(split.train, {
    featurizer,
    classes: args.classes,
    validation: split.validation,
    dim: cfg.dim,
    hiddenUnits: cfg.hiddenUnits,
    epochs: cfg.epochs,
    batchSize: cfg.batchSize,
    learningRate: cfg.learningRate,
    seed: cfg.seed,
    ...(base === undefined ? {} : { init: base.weights }),
    ...(args.log === undefined ? {} : { log: args.log }),
  });
  const manifest: SentimentManifest = {
    format: 'northstar-sentiment',
    version: 1,
    name: args.name,
    kind: cfg.hiddenUnits > 0 ? 'mlp' : 'ngram-bag',
    description: args.description,
    languages: [...(args.languages ?? ['zh', 'en'])],
    buckets: cfg.buckets,
    dim: cfg.dim,
    hiddenUnits: cfg.hiddenUnits,
    classes: [...args.classes],
    temperature: trained.weights.temperature,
    neutralEdge: trained.weights.neutralEdge,
    featurizer: { maxChars: cfg.maxChars, maxFeatures: cfg.maxFeatures, ...(cfg.charTrigrams ? { charTrigrams: true } : {}) },
    training: {
      ...args.training,
      config: cfg,
      fromModel: base?.manifest.name ?? null,
      trainTexts: split.train.length,
      validation: trained.validation,
      epochsRun: trained.epochs,
      featureSeconds: trained.featureSeconds,
      trainSeconds: trained.trainSeconds,
    },
  };
  const weightBytes = writeSentimentModelFolder(args.out, { manifest, weights: trained.weights });
  return { trained, manifest, weightBytes };
}
