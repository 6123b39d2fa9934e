/**
 * The tabular MLP and its helpers shared by training, cross-validation, evaluation and prediction:
 * dense64-dropout0.1-dense32 with a softmax over the classes (classification) or one linear unit on the
 * standardised target (regression).
 */
import { nn } from '../../nn/index.js';
import type { Sequential, Tensor } from '../../nn/index.js';
import { TRAINED_MODEL_VERSION, type TabularModelMeta } from './model-metadata.js';

/** Builds and compiles the MLP for `features` inputs. */
export function buildTabularModel(features: number, task: 'classification' | 'regression', classes: number, seed: number): Sequential {
  const model = nn.sequential({
    seed,
    layers: [
      nn.layers.dense({ units: 64, activation: 'relu', inputShape: [features] }),
      nn.layers.dropout({ rate: 0.1 }),
      nn.layers.dense({ units: 32, activation: 'relu' }),
      task === 'classification' ? nn.layers.dense({ units: classes, activation: 'softmax' }) : nn.layers.dense({ units: 1 }),
    ],
  });
  if (task === 'classification') model.compile({ optimizer: nn.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  else model.compile({ optimizer: nn.train.adam(1e-3), loss: 'meanSquaredError', metrics: ['mae'] });
  return model;
}

/** Mean and (population) standard deviation of a regression target; std 1 when constant. */
export function targetScaling(y: ArrayLike<number>): { mean: number; std: number } {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i]!;
  mean /= Math.max(1, y.length);
  let v = 0;
  for (let i = 0; i < y.length; i++) v += (y[i]! - mean) ** 2;
  const std = Math.sqrt(v / Math.max(1, y.length));
  return { mean, std: std > 0 ? std : 1 };
}

/** Classification scores on held-out rows: accuracy and ROC-AUC (binary, or one-vs-rest macro). */
export function classificationScores(probs: Tensor, yTrue: readonly number[], classes: number): { accuracy: number; rocAuc: number } {
  const p = probs.dataSync();
  const pred = nn.metrics.argmaxRows(p, classes);
  const accuracy = nn.metrics.accuracy(yTrue, pred);
  let rocAuc = Number.NaN;
  // ROC-AUC needs both outcomes among the true labels; a fold without them reports NaN rather than failing.
  if (new Set(yTrue).size > 1) {
    rocAuc = classes === 2 ? nn.metrics.rocAuc(yTrue, Array.from(yTrue, (_, i) => p[i * 2 + 1]!)) : nn.metrics.rocAucOvr(yTrue, p, classes);
  }
  return { accuracy, rocAuc };
}

/** Root-mean-squared error of standardised predictions mapped back to the target's units. */
export function regressionRmse(pred: Tensor, yTrue: readonly number[], scale: { mean: number; std: number }): number {
  const p = pred.dataSync();
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (p[i]! * scale.std + scale.mean - yTrue[i]!) ** 2;
  return Math.sqrt(s / Math.max(1, yTrue.length));
}

/**
 * Saves a trained tabular MLP with what prediction needs to reproduce its inputs: the encoding, the feature
 * scaler and (regression) the target scaling. The CLI's training and the dashboard's job write the same folder.
 */
export async function saveTabularModel(
  model: Sequential,
  dir: string,
  parts: { encoding: unknown; scaler: { toJSON(): TabularModelMeta['scaler'] }; scale: { mean: number; std: number } | undefined; seed: number },
): Promise<void> {
  const meta: TabularModelMeta = {
    version: TRAINED_MODEL_VERSION,
    kind: 'tabular',
    encoding: parts.encoding as TabularModelMeta['encoding'],
    scaler: parts.scaler.toJSON(),
    ...(parts.scale ? { target: parts.scale } : {}),
    seed: parts.seed,
  };
  await nn.saveModel(model, dir, { ...meta });
}
