import path from 'node:path';
import type { CommandDef } from 'citty';
import { NorthstarError } from '../../common/errors.js';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { printJson } from '../open-northstar.js';
import { requiredArg, stringArg } from '../parse-args.js';

/** `northstar evaluate`: accuracy, per-class precision/recall/F1 and the confusion matrix of a trained model. */
export function evaluateCommand(io: CliIo): CommandDef {
  return defineNorthstarCommand({
    meta: { name: 'evaluate', description: 'Evaluate a model folder from `northstar train` on labelled images or a CSV.' },
    args: {
      model: { type: 'string', description: 'Model folder written by `northstar train`', valueHint: 'dir' },
      data: { type: 'string', description: 'Image folder with one sub-folder per class (image models)', valueHint: 'dir' },
      csv: { type: 'string', description: 'CSV with the training columns and the target (tabular models)', valueHint: 'file' },
      target: { type: 'string', description: 'Target column when it is named differently from training', valueHint: 'col' },
      json: { type: 'boolean', description: 'Print { accuracy, perClass, macro, weighted, confusionMatrix, classes, samples, skipped } (regression: { rmse, mae, ... })' },
    },
    examples: [
      'northstar evaluate --model models/flowers --data flowers-test/',
      'northstar evaluate --model models/churn --csv churn-holdout.csv --json',
    ],
    async run({ args }) {
      const model = path.resolve(io.cwd, requiredArg('model', args.model, 'northstar evaluate --model models/m --data test/'));
      const data = stringArg(args.data);
      const csv = stringArg(args.csv);
      if ((data === undefined) === (csv === undefined)) throw new NorthstarError('INVALID_ARGUMENT', 'pass exactly one of --data DIR (images) and --csv FILE (tabular)');
      const target = stringArg(args.target);
      const { evaluateModel } = await import('../../core/models/evaluate-model.js');
      const r = await evaluateModel({
        model,
        ...(data !== undefined ? { data: path.resolve(io.cwd, data) } : {}),
        ...(csv !== undefined ? { csv: path.resolve(io.cwd, csv) } : {}),
        ...(target !== undefined ? { target } : {}),
      });
      if (args.json === true) {
        const { task: _task, ...rest } = r;
        printJson(io, rest);
        return;
      }
      const f = (x: number): string => x.toFixed(4);
      if (r.task === 'regression') {
        io.out(`RMSE ${f(r.rmse)}, MAE ${f(r.mae)} on ${r.samples} rows (${r.skipped} skipped)\n`);
        return;
      }
      const rows = r.classes.map((c) => {
        const s = r.perClass[c]!;
        return [c, f(s.precision), f(s.recall), f(s.f1), String(s.support)];
      });
      rows.push(['macro avg', f(r.macro.precision), f(r.macro.recall), f(r.macro.f1), String(r.macro.support)]);
      rows.push(['weighted avg', f(r.weighted.precision), f(r.weighted.recall), f(r.weighted.f1), String(r.weighted.support)]);
      io.out(`accuracy ${f(r.accuracy)} on ${r.samples} samples (${r.skipped} skipped)\n\n`);
      io.out(renderTable(['class', 'precision', 'recall', 'f1', 'support'], rows));
      io.out(`\nconfusion matrix (rows: true, columns: predicted)\n`);
      io.out(renderTable(['', ...r.classes], r.confusionMatrix.map((row, i) => [r.classes[i]!, ...row.map(String)])));
    },
  });
}
