/**
 * The tabular (CSV) training job of the Models page, in two halves. {@link checkTabularRequest} runs on the
 * request, so a bad upload is a coded 400 rather than a failed job. {@link runTabularJob} runs in the
 * training worker: it parses the CSV again, splits 80/20 (stratified for classification), standardises the
 * features on the training part, trains the MLP with the validation part as `validationData`, reports every
 * epoch, scores the validation rows and saves the model folder with the same metadata as `northstar train`.
 */
import { NorthstarError } from '../../common/errors.js';
import { nn } from '../../nn/index.js';
import { buildTabularModel, saveTabularModel, targetScaling } from './tabular-model.js';
import type { ModelMetrics, TabularWorkerInput, TrainedModelResult, TrainingProgress } from './training-job-types.js';

/** Validates a CSV upload; NN_INVALID_DATA or UNKNOWN_COLUMN when it cannot train. Returns its row count. */
export function checkTabularRequest(request: { csv: string; target: string; task?: 'classification' | 'regression'; epochs: number }): { rows: number } {
  if (!Number.isInteger(request.epochs) || request.epochs < 1 || request.epochs > 500) {
    throw new NorthstarError('INVALID_ARGUMENT', `epochs must be an integer from 1 to 500, got ${request.epochs}`);
  }
  const { header, rows } = nn.data.parseCsvTable(request.csv);
  if (!header.includes(request.target)) {
    throw new NorthstarError('UNKNOWN_COLUMN', `the CSV has no column "${request.target}"`, { hint: `Pick one of: ${header.slice(0, 20).join(', ')}`, details: { columns: header } });
  }
  const enc = nn.data.fitTabularEncoding(header, rows, { target: request.target, ...(request.task ? { task: request.task } : {}) });
  if (enc.target.task === 'classification' && enc.target.classes.length < 2) {
    throw new NorthstarError('NN_INVALID_DATA', `target "${request.target}" has a single class; a classifier needs at least two`);
  }
  if (enc.featureNames.length === 0) throw new NorthstarError('NN_INVALID_DATA', `no usable feature columns besides "${request.target}"`, { details: { dropped: enc.dropped } });
  const data = nn.data.encodeTabular(header, rows, enc);
  const n = data.y.shape[0] ?? 0;
  if (n < 10) throw new NorthstarError('NN_INVALID_DATA', `only ${n} usable row(s); training needs at least 10`, { details: { skipped: data.skipped.slice(0, 5) } });
  return { rows: n };
}

/** Trains and saves the tabular model (in the worker); see the file comment. */
export async function runTabularJob(input: TabularWorkerInput, progress: (p: TrainingProgress) => void): Promise<TrainedModelResult> {
  const { header, rows } = nn.data.parseCsvTable(input.csv);
  const enc = nn.data.fitTabularEncoding(header, rows, { target: input.target, ...(input.task ? { task: input.task } : {}) });
  const data = nn.data.encodeTabular(header, rows, enc);
  const n = data.y.shape[0] ?? 0;
  const task = enc.target.task;
  const classes = enc.target.task === 'classification' ? enc.target.classes : undefined;
  const y = Array.from(data.y.dataSync());
  const split = classes ? nn.data.stratifiedSplit(y, { test: 0.2, seed: input.seed }) : nn.data.randomSplit(n, { test: 0.2, seed: input.seed });
  const scaler = new nn.data.StandardScaler();
  const xTrain = scaler.fitTransform(nn.data.takeRows(data.x, split.train));
  const xVal = scaler.transform(nn.data.takeRows(data.x, split.test));
  const yTrainRaw = split.train.map((i) => y[i]!);
  const yValRaw = split.test.map((i) => y[i]!);
  const scale = task === 'regression' ? targetScaling(yTrainRaw) : undefined;
  const toTarget = (v: number[]) => (scale ? nn.tensor2d(v.map((t) => (t - scale.mean) / scale.std), [v.length, 1]) : nn.tensor1d(v));
  const model = buildTabularModel(xTrain.shape[1]!, task, classes?.length ?? 1, input.seed);
  progress({ kind: 'log', line: `Training on ${split.train.length} rows, validating on ${split.test.length} (${enc.featureNames.length} features)` });
  const history = await model.fit(xTrain, toTarget(yTrainRaw), {
    epochs: input.epochs,
    batchSize: input.batchSize,
    verbose: 2,
    log: (line) => progress({ kind: 'log', line }),
    ...(split.test.length > 0 ? { validationData: [xVal, toTarget(yValRaw)] as const } : {}),
    callbacks: [{ onEpochEnd: (epoch: number, logs?: Record<string, number>) => progress({ kind: 'epoch', epoch: epoch + 1, metrics: { ...logs } }) }],
  });
  const out = model.predict(xVal).dataSync();
  const metrics: ModelMetrics = { task, trainRows: split.train.length, validationRows: split.test.length, skippedRows: data.skipped.length };
  if (classes) {
    const r = nn.metrics.classificationReport(yValRaw, nn.metrics.argmaxRows(out, classes.length), classes);
    Object.assign(metrics, {
      accuracy: r.accuracy,
      classes,
      confusionMatrix: r.confusionMatrix,
      perClass: r.perClass.map((c) => ({ label: c.label, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
    });
  } else if (scale) {
    let se = 0;
    yValRaw.forEach((v, i) => (se += (out[i]! * scale.std + scale.mean - v) ** 2));
    metrics.rmse = Math.sqrt(se / Math.max(1, yValRaw.length));
  }
  await saveTabularModel(model, input.modelDir, { encoding: enc, scaler, scale, seed: input.seed });
  return { kind: 'tabular', target: input.target, features: enc.featureNames, epochs: history.epoch.length, metrics };
}
