import path from 'node:path';
import type { CommandDef } from 'citty';
import { NorthstarError } from '../../common/errors.js';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { printJson } from '../open-northstar.js';
import { intArg, requiredArg, stringArg } from '../parse-args.js';

function fractionArg(name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n >= 1) throw new NorthstarError('INVALID_ARGUMENT', `--${name} must be a number in [0, 1), got "${String(value)}"`);
  return n;
}

/** `northstar train image|tabular`: trains a model from an image folder or a CSV and saves its folder. */
export function trainCommand(io: CliIo): CommandDef {
  const common = {
    epochs: { type: 'string', description: 'Passes over the training data', default: '10', valueHint: 'n' },
    'batch-size': { type: 'string', description: 'Samples per gradient step', default: '32', valueHint: 'n' },
    seed: { type: 'string', description: 'Seed of weight initialisation, shuffling, splits and folds', default: '42', valueHint: 'n' },
    out: { type: 'string', description: 'Model folder to write (model.json + weights.bin, TensorFlow.js compatible)', valueHint: 'dir' },
    json: { type: 'boolean', description: 'Print a JSON summary (epoch lines go to stderr)' },
  } as const;
  // With --json stdout carries only the summary, so the epoch lines move to stderr.
  const logger = (json: boolean) => (line: string) => (json ? io.err(`${line}\n`) : io.out(`${line}\n`));
  const warn = (line: string): void => io.err(`warning: ${line}\n`);

  const image = defineNorthstarCommand({
    meta: { name: 'image', description: 'Train a CNN on an image folder (one sub-folder per class) and print Keras-style epoch logs.' },
    args: {
      data: { type: 'string', description: 'Folder with one sub-folder of images per class', valueHint: 'dir' },
      ...common,
      'validation-split': { type: 'string', description: 'Fraction held out (stratified) for validation', default: '0.1', valueHint: 'f' },
      augment: { type: 'boolean', description: 'Random flips, ±10° rotations, 10% shifts and zooms on every training batch' },
      arch: { type: 'string', description: 'seed (conv32-64-128 + dense512), seed-bn (seed with batch norm and a cosine learning-rate decay; use --augment and ~30 epochs), small (fast), vgg-bn (paired convs with batch norm, slow)', default: 'seed', valueHint: 'seed|seed-bn|small|vgg-bn' },
      'image-size': { type: 'string', description: 'Images are resized to this square size', default: '32', valueHint: 'px' },
    },
    examples: [
      'northstar train image --data flowers/ --epochs 10 --batch-size 32 --out models/flowers',
      'northstar train image --data cifar10-images/train --epochs 30 --batch-size 64 --augment --arch seed-bn --out models/cifar',
      'northstar evaluate --model models/flowers --data flowers-test/ --json',
    ],
    async run({ args }) {
      const data = path.resolve(io.cwd, requiredArg('data', args.data, 'northstar train image --data photos/ --out models/photos'));
      const out = path.resolve(io.cwd, requiredArg('out', args.out, 'northstar train image --data photos/ --out models/photos'));
      const json = args.json === true;
      const { trainImageModel } = await import('../../core/models/train-image.js');
      const r = await trainImageModel({
        data,
        out,
        epochs: intArg('epochs', args.epochs, 1, 100_000) ?? 10,
        batchSize: intArg('batch-size', args['batch-size'], 1, 65_536) ?? 32,
        validationSplit: fractionArg('validation-split', args['validation-split'], 0.1),
        augment: args.augment === true,
        arch: stringArg(args.arch) ?? 'seed',
        imageSize: intArg('image-size', args['image-size'], 4, 1024) ?? 32,
        seed: intArg('seed', args.seed, 0, 2 ** 31 - 1) ?? 42,
        log: logger(json),
        warn,
      });
      if (json) {
        printJson(io, { out, classes: r.classes, counts: r.counts, trainSamples: r.trainSamples, validationSamples: r.validationSamples, skipped: r.skipped.length, history: r.history.history });
        return;
      }
      io.out(`Saved the model (${r.classes.length} classes) to ${out}${r.skipped.length > 0 ? `; ${r.skipped.length} file(s) skipped` : ''}\n`);
    },
  });

  const tabular = defineNorthstarCommand({
    meta: { name: 'tabular', description: 'Train an MLP on a CSV (categories one-hot encoded, numbers standardised), optionally with k-fold cross-validation.' },
    args: {
      csv: { type: 'string', description: 'CSV file with a header row', valueHint: 'file' },
      target: { type: 'string', description: 'Column to predict', valueHint: 'col' },
      task: { type: 'string', description: 'classification or regression (default: classification when the target is text or has ≤ 20 distinct values)', valueHint: 'classification|regression' },
      kfold: { type: 'string', description: 'Cross-validate over K stratified folds first and print mean ± std (accuracy and ROC-AUC, or RMSE)', valueHint: 'k' },
      ...common,
      'batch-size': { ...common['batch-size'], default: '64' },
      epochs: { ...common.epochs, default: '30' },
    },
    examples: [
      'northstar train tabular --csv churn.csv --target Churn --kfold 5 --out models/churn',
      'northstar train tabular --csv houses.csv --target price --task regression --epochs 50 --out models/houses',
      'northstar predict --model models/churn new-customers.csv --json',
    ],
    async run({ args }) {
      const example = 'northstar train tabular --csv data.csv --target label --out models/m';
      const csv = path.resolve(io.cwd, requiredArg('csv', args.csv, example));
      const target = requiredArg('target', args.target, example);
      const out = path.resolve(io.cwd, requiredArg('out', args.out, example));
      const task = stringArg(args.task);
      if (task !== undefined && task !== 'classification' && task !== 'regression') {
        throw new NorthstarError('INVALID_ARGUMENT', `--task must be classification or regression, got "${task}"`);
      }
      const kfold = intArg('kfold', args.kfold, 2, 100);
      const json = args.json === true;
      const { trainTabularModel } = await import('../../core/models/train-tabular.js');
      const r = await trainTabularModel({
        csv,
        target,
        out,
        ...(task ? { task } : {}),
        ...(kfold !== undefined ? { kfold } : {}),
        epochs: intArg('epochs', args.epochs, 1, 100_000) ?? 30,
        batchSize: intArg('batch-size', args['batch-size'], 1, 65_536) ?? 64,
        seed: intArg('seed', args.seed, 0, 2 ** 31 - 1) ?? 42,
        log: logger(json),
        warn,
      });
      if (json) {
        printJson(io, { out, task: r.task, rows: r.rows, features: r.features.length, classes: r.classes ?? null, skippedRows: r.skippedRows, crossValidation: r.crossValidation ?? null, history: r.history.history });
        return;
      }
      io.out(`Saved the ${r.task} model (${r.rows} rows, ${r.features.length} features) to ${out}\n`);
    },
  });

  return defineNorthstarCommand({
    meta: { name: 'train', description: 'Train neural-network models on image folders or CSV files.' },
    subCommands: { image, tabular },
  });
}
