/**
 * Trains a sentiment model on the project's NN engine: hashed n-gram ids → `Embedding` (mean bag, padding id 0
 * masked) → optional ReLU `Dense` (the MLP variant) → softmax `Dense`, sparse categorical cross-entropy, Adam,
 * early stopping on validation loss with the best weights restored. Then the logits are calibrated on the
 * validation split (temperature, neutral band, ECE; see `calibrate-sentiment.ts`). Deterministic for a seed.
 * `init` continues from a trained model's weights (fine-tuning a shipped model on a user's labelled feedback).
 */
import { performance } from 'node:perf_hooks';
import { NorthstarError } from '../../common/errors.js';
import { nn } from '../../nn/index.js';
import { expectedCalibrationError, fitNeutralEdge, fitTemperature, temperatureNll } from './calibrate-sentiment.js';
import { ngramLogits, type NgramSentimentWeights } from './ngram-sentiment.js';
import type { SentimentLabel } from './sentiment-model.js';
import type { TextFeaturizer } from './text-features.js';

/** One labelled text; `label` indexes the model's classes. */
export interface SentimentSample {
  readonly text: string;
  readonly label: number;
}

/** Options of {@link trainSentimentModel}. */
export interface TrainSentimentOptions {
  readonly featurizer: TextFeaturizer;
  /** Class names in label order: `['negative', 'positive']` or all three. */
  readonly classes: readonly SentimentLabel[];
  readonly validation: readonly SentimentSample[];
  readonly dim?: number;
  /** Hidden ReLU units; 0 (default) is the fastText-style linear bag. */
  readonly hiddenUnits?: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly seed?: number;
  /** Start from these weights (same buckets, dim, hidden units and classes). */
  readonly init?: NgramSentimentWeights;
  /** Epoch lines. */
  readonly log?: (line: string) => void;
}

/** Validation metrics after calibration. */
export interface SentimentValidation {
  readonly n: number;
  readonly accuracy: number;
  /** Log-loss before and after temperature scaling. */
  readonly nllRaw: number;
  readonly nll: number;
  /** ECE of the binary (or k-class) top-1 confidence before and after temperature scaling. */
  readonly eceRaw: number;
  readonly ece: number;
  readonly temperature: number;
  readonly neutralEdge: number;
  /** Share of validation texts the neutral band calls neutral. */
  readonly neutralShare: number;
}

/** What {@link trainSentimentModel} returns. */
export interface TrainedSentiment {
  readonly weights: NgramSentimentWeights;
  readonly validation: SentimentValidation;
  readonly epochs: number;
  readonly history: Record<string, number[]>;
  readonly featureSeconds: number;
  readonly trainSeconds: number;
}

/** Featurises samples into a zero-padded id matrix [n, steps] and label vector. */
function encode(samples: readonly SentimentSample[], featurizer: TextFeaturizer): { x: nn.Tensor; y: nn.Tensor; ids: Int32Array[] } {
  const ids = samples.map((s) => featurizer.featurize(s.text).ids);
  // a loop, not Math.max(...): spreading ~125k+ lengths overflows the call stack
  let steps = 1;
  for (const a of ids) steps = Math.max(steps, a.length);
  const x = new Float32Array(samples.length * steps);
  ids.forEach((a, i) => x.set(a, i * steps));
  const y = Float32Array.from(samples, (s) => s.label);
  return { x: nn.tensor2d(x, [samples.length, steps]), y: nn.tensor1d(y), ids };
}

function softmaxMax(l: Float32Array, t: number): { p: number; arg: number } {
  let max = -Infinity;
  let arg = 0;
  l.forEach((v, i) => {
    if (v > max) [max, arg] = [v, i];
  });
  let sum = 0;
  for (const v of l) sum += Math.exp((v - max) / t);
  return { p: 1 / sum, arg };
}

/** Trains and calibrates; see the module comment. */
export async function trainSentimentModel(train: readonly SentimentSample[], options: TrainSentimentOptions): Promise<TrainedSentiment> {
  const { featurizer, classes } = options;
  const c = classes.length;
  for (const s of [...train, ...options.validation]) {
    if (!Number.isInteger(s.label) || s.label < 0 || s.label >= c) {
      throw new NorthstarError('INVALID_ARGUMENT', `label ${s.label} is not a class index in 0..${c - 1}`);
    }
  }
  if (train.length === 0 || options.validation.length === 0) {
    throw new NorthstarError('INVALID_ARGUMENT', 'training needs at least one training and one validation text');
  }
  const dim = options.init?.dim ?? options.dim ?? 16;
  const hiddenUnits = options.init?.hidden?.units ?? options.hiddenUnits ?? 0;
  const t0 = performance.now();
  const tr = encode(train, featurizer);
  const va = encode(options.validation, featurizer);
  const t1 = performance.now();
  const layers: nn.Layer[] = [nn.layers.embedding({ inputDim: featurizer.buckets, outputDim: dim, mode: 'mean', maskZero: true })];
  if (hiddenUnits > 0) layers.push(nn.layers.dense({ units: hiddenUnits, activation: 'relu' }));
  layers.push(nn.layers.dense({ units: c, activation: 'softmax' }));
  const model = nn.sequential({ layers, seed: options.seed ?? 42 });
  model.build([tr.x.shape[1]!]);
  if (options.init !== undefined) {
    const w = options.init;
    if (w.buckets !== featurizer.buckets || w.classes.length !== c) {
      throw new NorthstarError('INVALID_ARGUMENT', `the base model has ${w.buckets} buckets and classes ${w.classes.join(',')}; the new labels need ${classes.join(',')}`, {
        hint: 'Fine-tune with the same label set as the base model (two classes for the default), or train from scratch.',
      });
    }
    const h = w.hidden;
    model.setWeightValues([w.embeddings, ...(h === undefined ? [] : [h.kernel, h.bias]), w.output.kernel, w.output.bias]);
  }
  model.compile({ optimizer: nn.train.adam(options.learningRate ?? 0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(tr.x, tr.y, {
    epochs: options.epochs ?? 8,
    batchSize: options.batchSize ?? 64,
    validationData: [va.x, va.y],
    callbacks: [nn.callbacks.earlyStopping({ monitor: 'val_loss', patience: 1, restoreBestWeights: true })],
    verbose: options.log === undefined ? 0 : 2,
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const t2 = performance.now();
  const values = model.getWeightValues();
  tr.x.dispose();
  va.x.dispose();
  const at = (i: number): Float32Array => values[i] ?? new Float32Array(0);
  const raw: NgramSentimentWeights = {
    buckets: featurizer.buckets,
    dim,
    classes,
    embeddings: at(0),
    ...(hiddenUnits > 0 ? { hidden: { units: hiddenUnits, kernel: at(1), bias: at(2) } } : {}),
    output: { kernel: at(values.length - 2), bias: at(values.length - 1) },
    temperature: 1,
    neutralEdge: 0,
  };
  const { weights, validation } = calibrate(raw, va.ids, options.validation.map((s) => s.label));
  return { weights, validation, epochs: history.epoch.length, history: history.history, featureSeconds: (t1 - t0) / 1000, trainSeconds: (t2 - t1) / 1000 };
}

/** Fits temperature and (binary) the neutral band on validation logits; reports before/after metrics. */
export function calibrate(raw: NgramSentimentWeights, ids: readonly Int32Array[], labels: readonly number[]): { weights: NgramSentimentWeights; validation: SentimentValidation } {
  const logits = ids.map((a) => ngramLogits(raw, a) ?? new Float32Array(raw.classes.length));
  const validation = calibrateLogits(logits, labels);
  return { weights: { ...raw, temperature: validation.temperature, neutralEdge: validation.neutralEdge }, validation };
}

/**
 * The calibration of any sentiment model from its validation logits ([classes] each) and labels: temperature,
 * (binary models) the neutral band, and accuracy, log-loss and ECE before/after temperature.
 */
export function calibrateLogits(logits: readonly Float32Array[], labels: readonly number[]): SentimentValidation {
  const classes = logits[0]?.length ?? 2;
  const temperature = fitTemperature(logits, labels);
  const top = (t: number): { conf: number[]; ok: boolean[] } => {
    const conf: number[] = [];
    const ok: boolean[] = [];
    logits.forEach((l, i) => {
      const { p, arg } = softmaxMax(l, t);
      conf.push(p);
      ok.push(arg === labels[i]);
    });
    return { conf, ok };
  };
  const before = top(1);
  const after = top(temperature);
  let neutralEdge = 0;
  let neutralShare = 0;
  if (classes === 2) {
    const z = logits.map((l) => (l[1]! - l[0]!) / temperature);
    neutralEdge = fitNeutralEdge(z, labels);
    neutralShare = z.filter((v) => Math.abs(v) < neutralEdge).length / Math.max(1, z.length);
  }
  return {
    n: labels.length,
    accuracy: after.ok.filter(Boolean).length / Math.max(1, labels.length),
    nllRaw: temperatureNll(logits, labels, 1),
    nll: temperatureNll(logits, labels, temperature),
    eceRaw: expectedCalibrationError(before.conf, before.ok),
    ece: expectedCalibrationError(after.conf, after.ok),
    temperature,
    neutralEdge,
    neutralShare,
  };
}
