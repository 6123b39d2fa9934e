import path from 'node:path';
import type { CommandDef } from 'citty';
import { NorthstarError } from '../../common/errors.js';
import type { LabelledTexts } from '../../core/sentiment/labelled-texts.js';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { printJson } from '../open-northstar.js';
import { intArg, listArg, requiredArg, stringArg } from '../parse-args.js';

const MODEL_ARG = { type: 'string', description: 'default (the shipped bilingual model), lexicon (the baseline) or a folder from `sentiment train`', valueHint: 'default|DIR' } as const;
const DATA_ARGS = {
  csv: { type: 'string', description: 'Labelled CSV or TSV with a header (delimiter detected)', valueHint: 'file' },
  'text-col': { type: 'string', description: 'Text column: header name or 1-based position', valueHint: 'name|N' },
  'label-col': { type: 'string', description: 'Label column: header name or 1-based position', valueHint: 'name|N' },
  labels: { type: 'string', description: 'Classes in the order of the numeric label values, or the literal label strings: neg,pos or neg,neu,pos', valueHint: 'a,b[,c]' },
} as const;

/** Resolves `--model`: the names `default` / `lexicon`, else a folder relative to the working directory. */
function modelRef(io: CliIo, value: unknown): string {
  const ref = stringArg(value) ?? 'default';
  return ref === 'default' || ref === 'lexicon' ? ref : path.resolve(io.cwd, ref);
}

/** Reads the labelled file named by the data flags. */
async function readData(io: CliIo, args: Record<string, unknown>, example: string): Promise<LabelledTexts> {
  const { readLabelledTexts } = await import('../../core/sentiment/labelled-texts.js');
  const labels = listArg(args.labels);
  return readLabelledTexts({
    file: path.resolve(io.cwd, requiredArg('csv', args.csv, example)),
    textCol: requiredArg('text-col', args['text-col'], example),
    labelCol: requiredArg('label-col', args['label-col'], example),
    ...(labels.length > 0 ? { labels } : {}),
  });
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

/** `northstar sentiment`: predict, evaluate and train the bilingual (zh/en) sentiment models. */
export function sentimentCommand(io: CliIo): CommandDef {
  const predict = defineNorthstarCommand({
    meta: { name: 'predict', description: 'Sentiment of a text (Chinese or English): negative / neutral / positive with probabilities.' },
    args: {
      text: { type: 'positional', description: 'The text; "-" reads one text per line from stdin', required: false, valueHint: 'text' },
      model: MODEL_ARG,
      json: { type: 'boolean', description: 'Print { label, score, probabilities, confidence, lang, truncated } (an array for stdin)' },
    },
    examples: ['northstar sentiment predict "物流很快，包装也很好"', 'northstar sentiment predict "not worth the money" --json', 'cat reviews.txt | northstar sentiment predict - --json'],
    async run({ args }) {
      if (typeof args.text !== 'string') {
        throw new NorthstarError('INVALID_ARGUMENT', 'a text to score is required', { hint: 'For example: northstar sentiment predict "质量很好"' });
      }
      const { loadSentimentModel } = await import('../../core/sentiment/load-sentiment-model.js');
      const model = loadSentimentModel(modelRef(io, args.model));
      const texts = args.text === '-' ? (await io.readStdin()).split(/\r?\n/u).filter((t) => t.trim() !== '') : [args.text];
      const results = model.predictBatch(texts);
      if (args.json === true) {
        printJson(io, args.text === '-' ? results.map((r, i) => ({ text: texts[i], ...r })) : results[0]);
        return;
      }
      io.out(
        renderTable(
          ['label', 'confidence', 'P(neg)', 'P(neu)', 'P(pos)', 'lang', 'text'],
          results.map((r, i) => [r.label, r.confidence.toFixed(3), r.probabilities.negative.toFixed(3), r.probabilities.neutral.toFixed(3), r.probabilities.positive.toFixed(3), r.lang, (texts[i] ?? '').slice(0, 60)]),
        ),
      );
    },
  });
  const evaluate = defineNorthstarCommand({
    meta: { name: 'eval', description: 'Score a labelled CSV/TSV with a model (no training): accuracy, macro-F1, per class, confusion.' },
    args: { ...DATA_ARGS, model: MODEL_ARG, json: { type: 'boolean', description: 'Print { accuracy, macroF1, perClass, confusion, n, textsPerSecond, labels, model }' } },
    examples: [
      'northstar sentiment eval --csv test.tsv --text-col text_a --label-col label --labels neg,pos',
      'northstar sentiment eval --csv reviews.csv --text-col 2 --label-col 1 --labels bad,ok,good --json',
      'northstar sentiment eval --csv test.tsv --text-col 2 --label-col 1 --model lexicon',
    ],
    async run({ args }) {
      const data = await readData(io, args, 'northstar sentiment eval --csv test.tsv --text-col text --label-col label --labels neg,pos');
      const { loadSentimentModel } = await import('../../core/sentiment/load-sentiment-model.js');
      const { evaluateSentiment } = await import('../../core/sentiment/evaluate-sentiment.js');
      const r = evaluateSentiment(loadSentimentModel(modelRef(io, args.model)), data);
      if (args.json === true) {
        printJson(io, r);
        return;
      }
      io.out(`model ${r.model} on ${r.n} texts (${data.classes.join(', ')}): accuracy ${pct(r.accuracy)}, macro-F1 ${pct(r.macroF1)}, ${Math.round(r.textsPerSecond)} texts/s\n\n`);
      io.out(renderTable(['class', 'precision', 'recall', 'f1', 'support'], Object.entries(r.perClass).map(([k, s]) => [k, pct(s.precision), pct(s.recall), pct(s.f1), String(s.support)])));
      io.out(`\nconfusion (rows = true, columns = predicted ${r.labels.join('/')}):\n`);
      io.out(renderTable(['true', ...r.labels], r.confusion.map((row, i) => [r.labels[i] ?? '', ...row.map(String)])));
    },
  });
  const train = defineNorthstarCommand({
    meta: { name: 'train', description: 'Train a sentiment model on labelled texts (from scratch, or fine-tune the default with --from default).' },
    args: {
      ...DATA_ARGS,
      from: { type: 'string', description: 'Fine-tune this model instead of training from scratch: default (its sub-model for the texts\' language), a bag folder, or a TextCNN folder such as models/sentiment-default/zh-wcnn (fine-tuned as a TextCNN)', valueHint: 'default|DIR' },
      out: { type: 'string', description: 'Folder to write the model to', valueHint: 'dir' },
      epochs: { type: 'string', description: 'Most epochs (early stopping on a 10 % hold-out; default 8, 5 for a TextCNN fine-tune)', valueHint: 'n' },
      seed: { type: 'string', description: 'Random seed (default 42)', valueHint: 'n' },
      hidden: { type: 'string', description: 'Hidden ReLU units: 0 (default) is the n-gram bag, more makes the MLP variant (ignored with --from)', valueHint: 'n' },
      json: { type: 'boolean', description: 'Print { out, classes, trainTexts, validation, epochs, trainSeconds, bytes, kind }' },
    },
    examples: [
      'northstar sentiment train --csv my-feedback.csv --text-col comment --label-col label --labels neg,pos --out models/my-sentiment',
      'northstar sentiment train --csv my-feedback.csv --text-col 2 --label-col 1 --from default --out models/tuned',
    ],
    async run({ args }) {
      const example = 'northstar sentiment train --csv data.csv --text-col text --label-col label --out models/mine';
      const out = path.resolve(io.cwd, requiredArg('out', args.out, example));
      const data = await readData(io, args, example);
      const { DEFAULT_SENTIMENT_MODEL_DIR } = await import('../../core/sentiment/load-sentiment-model.js');
      const from = stringArg(args.from);
      const epochs = intArg('epochs', args.epochs, 1, 1000);
      const seed = intArg('seed', args.seed, 0, 2 ** 31 - 1);
      const hidden = intArg('hidden', args.hidden, 0, 4096);
      const description = `trained by northstar sentiment train on ${path.basename(String(args.csv))}${from === undefined ? '' : ` from ${from}`}`;
      const fromDir = from === undefined ? undefined : from === 'default' ? DEFAULT_SENTIMENT_MODEL_DIR : path.resolve(io.cwd, from);
      const { trainOrFineTune } = await import('../../core/sentiment/train-or-fine-tune.js');
      const r = await trainOrFineTune({
        train: data.samples,
        classes: data.classes,
        out,
        name: path.basename(out),
        description,
        config: { ...(epochs === undefined ? {} : { epochs }), ...(seed === undefined ? {} : { seed }), ...(hidden === undefined ? {} : { hiddenUnits: hidden }) },
        ...(fromDir === undefined ? {} : { fromDir }),
        log: (line) => io.err(`${line}\n`),
      });
      const summary = { out, classes: data.classes, trainTexts: r.trainTexts, validation: r.validation, epochs: r.epochs, trainSeconds: r.trainSeconds, bytes: r.weightBytes, kind: r.kind };
      if (args.json === true) {
        printJson(io, summary);
        return;
      }
      const v = r.validation;
      io.out(`wrote ${out} (${(r.weightBytes / 1e6).toFixed(1)} MB): validation accuracy ${pct(v.accuracy)} on ${v.n} texts, ECE ${v.ece.toFixed(3)}, ${r.epochs} epochs in ${r.trainSeconds.toFixed(1)} s\n`);
    },
  });
  return defineNorthstarCommand({
    meta: { name: 'sentiment', description: 'Sentiment of Chinese and English feedback: predict, eval, train.' },
    subCommands: { predict, eval: evaluate, train },
  });
}
