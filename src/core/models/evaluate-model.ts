/**
 * `northstar evaluate`: scores a trained model on labelled data prepared exactly as at training time
 * (image folder with the model's classes and size, or a CSV through the saved encoding and scaler).
 * Classification gives scikit-learn's report; regression gives RMSE and MAE.
 */
import { readFile } from 'node:fs/promises';
import { NorthstarError } from '../../common/errors.js';
import { nn } from '../../nn/index.js';
import type { TabularEncoding } from '../../nn/data/tabular.js';
import { loadTrainedModel, type TabularModelMeta } from './model-metadata.js';

/** Per-class or averaged scores. */
export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** The classification evaluation (what `northstar evaluate --json` prints). */
export interface ClassificationEvaluation {
  task: 'classification';
  accuracy: number;
  perClass: Record<string, Scores>;
  macro: Scores;
  weighted: Scores;
  /** confusionMatrix[true][predicted], in the order of `classes`. */
  confusionMatrix: number[][];
  classes: string[];
  samples: number;
  /** Files or rows that could not be used, counted. */
  skipped: number;
}

/** The regression evaluation. */
export interface RegressionEvaluation {
  task: 'regression';
  rmse: number;
  mae: number;
  samples: number;
  skipped: number;
}

/** Options of {@link evaluateModel}: exactly one of `data` (image folder) and `csv`. */
export interface EvaluateOptions {
  model: string;
  data?: string;
  csv?: string;
  /** Target column of the CSV when it differs from the training one. */
  target?: string;
}

function report(yTrue: number[], yPred: number[], classes: string[], skipped: number): ClassificationEvaluation {
  const r = nn.metrics.classificationReport(yTrue, yPred, classes);
  const pick = (s: Scores): Scores => ({ precision: s.precision, recall: s.recall, f1: s.f1, support: s.support });
  return {
    task: 'classification',
    accuracy: r.accuracy,
    perClass: Object.fromEntries(r.perClass.map((c) => [c.label, pick(c)])),
    macro: pick(r.macro),
    weighted: pick(r.weighted),
    confusionMatrix: r.confusionMatrix,
    classes,
    samples: yTrue.length,
    skipped,
  };
}

/** Reads a CSV file into its header and rows (NN_INVALID_DATA when unreadable). */
export async function readCsvFile(file: string): Promise<{ header: string[]; rows: string[][] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new NorthstarError('NN_INVALID_DATA', `cannot read CSV file ${file}`, { cause: error });
  }
  return nn.data.parseCsvTable(text);
}

/** Encodes rows with a tabular model's saved encoding and scaler (`target` renames the target column). */
export function encodeForModel(header: readonly string[], rows: readonly string[][], meta: TabularModelMeta, target?: string): ReturnType<typeof nn.data.encodeTabular> {
  const enc = meta.encoding as unknown as TabularEncoding;
  const encoding: TabularEncoding = target === undefined ? enc : { ...enc, target: { ...enc.target, name: target } };
  const data = nn.data.encodeTabular(header, rows, encoding);
  const scaler = new nn.data.StandardScaler().load(meta.scaler);
  return { ...data, x: scaler.transform(data.x) };
}

/**
 * Evaluates a model folder. Labels the model was not trained on fail with NN_INVALID_DATA (an image class
 * folder, or CSV rows, naming the labels) rather than silently lowering the scores; unreadable files and rows
 * with a missing target are skipped and counted in `skipped`.
 */
export async function evaluateModel(o: EvaluateOptions): Promise<ClassificationEvaluation | RegressionEvaluation> {
  const { model, meta } = await loadTrainedModel(o.model);
  if (meta.kind === 'image') {
    if (o.data === undefined) throw new NorthstarError('INVALID_ARGUMENT', `${o.model} is an image model; pass --data DIR with one sub-folder per class`);
    const folder = await nn.data.loadImageFolder(o.data, { imageSize: meta.imageSize, channels: meta.channels, classes: meta.classes });
    const pred = nn.metrics.argmaxRows(model.predict(folder.x, { batchSize: 256 }).dataSync(), meta.classes.length);
    return report(Array.from(folder.labels), pred, meta.classes, folder.skipped.length);
  }
  if (o.csv === undefined) throw new NorthstarError('INVALID_ARGUMENT', `${o.model} is a tabular model; pass --csv FILE`);
  const { header, rows } = await readCsvFile(o.csv);
  const data = encodeForModel(header, rows, meta, o.target);
  const unknown = [...new Set(data.skipped.filter((s) => s.reason.includes('not a training class')).map((s) => s.reason.replace(/^label "(.*)" is not a training class$/, '$1')))];
  if (unknown.length > 0) {
    throw new NorthstarError('NN_INVALID_DATA', `labels not among the model's classes: ${unknown.slice(0, 10).join(', ')}`, {
      hint: 'Evaluate on data with the training classes only, or retrain the model with the new labels.',
      details: { unknown },
    });
  }
  const out = model.predict(data.x, { batchSize: 256 }).dataSync();
  const y = Array.from(data.y.dataSync());
  if (meta.encoding.target.task === 'classification') {
    const classes = meta.encoding.target.classes ?? [];
    return report(y, nn.metrics.argmaxRows(out, classes.length), classes, data.skipped.length);
  }
  const scale = meta.target ?? { mean: 0, std: 1 };
  let se = 0;
  let ae = 0;
  y.forEach((v, i) => {
    const d = out[i]! * scale.std + scale.mean - v;
    se += d * d;
    ae += Math.abs(d);
  });
  return { task: 'regression', rmse: Math.sqrt(se / y.length), mae: ae / y.length, samples: y.length, skipped: data.skipped.length };
}
