import path from 'node:path';
import type { CommandDef } from 'citty';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { printJson } from '../open-northstar.js';
import { requiredArg } from '../parse-args.js';

/** `northstar predict`: runs a trained model on an image, a folder of images or a CSV. */
export function predictCommand(io: CliIo): CommandDef {
  return defineNorthstarCommand({
    meta: { name: 'predict', description: 'Predict with a model folder from `northstar train` on an image, a folder of images or a CSV.' },
    args: {
      input: { type: 'positional', description: 'Image file, folder of images (recursive) or CSV file', required: false, valueHint: 'path' },
      model: { type: 'string', description: 'Model folder written by `northstar train`', valueHint: 'dir' },
      json: { type: 'boolean', description: 'Print { predictions: [{ input, label, confidence, probabilities } | { input, value }], skipped }' },
    },
    examples: [
      'northstar predict --model models/flowers photo.jpg',
      'northstar predict --model models/flowers new-photos/ --json',
      'northstar predict --model models/churn customers.csv',
    ],
    async run({ args }) {
      const model = path.resolve(io.cwd, requiredArg('model', args.model, 'northstar predict --model models/m photo.jpg'));
      const input = path.resolve(io.cwd, requiredArg('input', args.input, 'northstar predict --model models/m photo.jpg'));
      const { predictWithModel } = await import('../../core/models/predict.js');
      const r = await predictWithModel(model, input);
      if (args.json === true) {
        printJson(io, r);
        return;
      }
      io.out(
        renderTable(
          ['input', 'prediction', 'confidence'],
          r.predictions.map((p) => [path.isAbsolute(p.input) ? path.relative(io.cwd, p.input) : p.input, p.label ?? (p.value ?? Number.NaN).toFixed(4), p.confidence === undefined ? '' : p.confidence.toFixed(4)]),
        ),
      );
      if (r.skipped.length > 0) io.err(`skipped ${r.skipped.length} file(s) that are not readable images\n`);
    },
  });
}
