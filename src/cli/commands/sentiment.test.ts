import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextCnnArtifacts, writeTextCnnFolder } from '../../core/sentiment/textcnn-model-folder.js';
import { syntheticReviews } from '../../ml/text/test-utils/synthetic-reviews.js';
import { trainTextCnn } from '../../ml/text/train-textcnn.js';
import { createMemoryIo } from '../cli-io.js';
import { exitCodeFor } from '../main.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-sentiment-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A generated labelled TSV (label first, like ChnSentiCorp) and a CSV with literal label strings.
const rows = syntheticReviews(300, 21);
writeFileSync(path.join(dir, 'reviews.tsv'), 'label\ttext_a\n' + rows.map((r) => `${r.label}\t${r.text}`).join('\n') + '\n');
writeFileSync(path.join(dir, 'words.csv'), 'id,comment,verdict\n' + rows.slice(0, 40).map((r, i) => `${i},"${r.text}",${r.label === 1 ? 'good' : 'bad'}`).join('\n') + '\n');

async function cli(args: string[], stdin?: string) {
  const io = createMemoryIo({ cwd: dir, env: {}, ...(stdin === undefined ? {} : { stdin }) });
  const error = await runCli(args, io);
  return { io, error, code: exitCodeFor(error) };
}

const EVAL_KEYS = ['accuracy', 'confusion', 'labels', 'macroF1', 'model', 'n', 'perClass', 'textsPerSecond'];

describe('northstar sentiment eval', () => {
  it('--json prints { accuracy, macroF1, perClass, confusion, n, textsPerSecond } for a TSV with numeric labels', async () => {
    const { io, code } = await cli(['sentiment', 'eval', '--csv', 'reviews.tsv', '--text-col', 'text_a', '--label-col', 'label', '--labels', 'neg,pos', '--model', 'lexicon', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(io.text()) as Record<string, unknown>;
    expect(Object.keys(r).sort()).toEqual(EVAL_KEYS);
    expect(r.n).toBe(300);
    expect(r.labels).toEqual(['negative', 'positive']);
    const confusion = r.confusion as number[][];
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(300);
    expect(Object.keys(r.perClass as object)).toEqual(['negative', 'positive']);
    expect(r.accuracy).toBeGreaterThanOrEqual(0);
    expect(r.textsPerSecond).toBeGreaterThan(0);
  });

  it('takes columns by 1-based position and literal label strings, and prints a table', async () => {
    const { io, code } = await cli(['sentiment', 'eval', '--csv', 'words.csv', '--text-col', '2', '--label-col', '3', '--labels', 'bad,good', '--model', 'lexicon']);
    expect(code).toBe(0);
    expect(io.text()).toMatch(/model lexicon on 40 texts \(negative, positive\): accuracy/);
    expect(io.text()).toContain('confusion');
  });

  it('a missing column is UNKNOWN_COLUMN (exit 2) with a hint naming the columns', async () => {
    const { io, code, error } = await cli(['sentiment', 'eval', '--csv', 'reviews.tsv', '--text-col', 'review', '--label-col', 'label']);
    expect(error?.code).toBe('UNKNOWN_COLUMN');
    expect(code).toBe(2);
    expect(io.stderr.join('')).toContain('label, text_a');
  });
});

describe('northstar sentiment train → eval → predict', () => {
  it('trains a model folder that eval and predict then load', async () => {
    const train = await cli(['sentiment', 'train', '--csv', 'reviews.tsv', '--text-col', 'text_a', '--label-col', 'label', '--out', 'mine', '--epochs', '4', '--json']);
    expect(train.code).toBe(0);
    const summary = JSON.parse(train.io.text()) as { classes: string[]; validation: { accuracy: number }; bytes: number };
    expect(summary.classes).toEqual(['negative', 'positive']);
    expect(summary.bytes).toBeGreaterThan(0);
    const ev = await cli(['sentiment', 'eval', '--csv', 'words.csv', '--text-col', 'comment', '--label-col', 'verdict', '--labels', 'bad,good', '--model', 'mine', '--json']);
    expect(ev.code).toBe(0);
    expect((JSON.parse(ev.io.text()) as { accuracy: number }).accuracy).toBeGreaterThan(0.85);
    const pr = await cli(['sentiment', 'predict', 'the staff was rude and the room dirty', '--model', 'mine', '--json']);
    expect(JSON.parse(pr.io.text())).toMatchObject({ label: 'negative', lang: 'en' });
  });

  it('--from fine-tunes a trained folder and refuses a different label set', async () => {
    const tuned = await cli(['sentiment', 'train', '--csv', 'words.csv', '--text-col', 'comment', '--label-col', 'verdict', '--labels', 'bad,good', '--from', 'mine', '--out', 'tuned', '--epochs', '2', '--json']);
    expect(tuned.code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'tuned', 'sentiment.json'), 'utf8')) as { training: { fromModel: string } };
    expect(manifest.training.fromModel).toBe('mine');
    writeFileSync(path.join(dir, 'three.csv'), 'text,label\n很好,2\n一般,1\n很差,0\n不错,2\n还行,1\n失望,0\n');
    const bad = await cli(['sentiment', 'train', '--csv', 'three.csv', '--text-col', 'text', '--label-col', 'label', '--from', 'mine', '--out', 'x']);
    expect(bad.error?.code).toBe('INVALID_ARGUMENT');
  });

  it('--from a TextCNN folder fine-tunes it as a TextCNN (same vocabulary and shape)', async () => {
    const train = rows.slice(40);
    const r = await trainTextCnn(train, { classes: ['negative', 'positive'], validation: rows.slice(0, 40), dim: 8, filters: 8, kernelSizes: [2, 3], epochs: 2, seed: 1 });
    writeTextCnnFolder(path.join(dir, 'cnn'), { manifest: { name: 'cnn', description: 'test', languages: ['zh', 'en'] }, weights: r.weights, vocab: r.encoder.vocab, maxLength: 64 });
    const tuned = await cli(['sentiment', 'train', '--csv', 'words.csv', '--text-col', 'comment', '--label-col', 'verdict', '--labels', 'bad,good', '--from', 'cnn', '--out', 'cnn-tuned', '--epochs', '2', '--json']);
    expect(tuned.code).toBe(0);
    expect(JSON.parse(tuned.io.text())).toMatchObject({ kind: 'textcnn', classes: ['negative', 'positive'] });
    const back = readTextCnnArtifacts(path.join(dir, 'cnn-tuned'));
    expect(back.vocab).toEqual(r.encoder.vocab);
    expect(back.manifest.training).toMatchObject({ fromModel: 'cnn' });
    expect(Array.from(back.weights.output.kernel)).not.toEqual(Array.from(r.weights.output.kernel));
    const three = await cli(['sentiment', 'train', '--csv', 'three.csv', '--text-col', 'text', '--label-col', 'label', '--from', 'cnn', '--out', 'x']);
    expect(three.error?.code).toBe('INVALID_ARGUMENT');
  });

  it('--hidden trains the MLP variant', async () => {
    const train = await cli(['sentiment', 'train', '--csv', 'reviews.tsv', '--text-col', '2', '--label-col', '1', '--out', 'mlp', '--epochs', '3', '--hidden', '8']);
    expect(train.code).toBe(0);
    expect(train.io.text()).toMatch(/^wrote .*mlp \(\d+\.\d MB\): validation accuracy/);
    const pr = await cli(['sentiment', 'predict', '服务很好，很满意', '--model', 'mlp', '--json']);
    expect(JSON.parse(pr.io.text())).toMatchObject({ label: 'positive', lang: 'zh' });
  });

  it('predict reads stdin with "-" and never fails on odd texts', async () => {
    const { io, code } = await cli(['sentiment', 'predict', '-', '--model', 'lexicon', '--json'], '\n<p></p>\n😡😡\nこれはペンです\n很好\n');
    expect(code).toBe(0);
    const out = JSON.parse(io.text()) as { text: string; label: string }[];
    expect(out.map((r) => r.label)).toEqual(['neutral', 'negative', 'neutral', 'positive']);
  });

  it('an unknown model folder is NN_MODEL_FORMAT', async () => {
    const { error } = await cli(['sentiment', 'predict', 'ok', '--model', 'no-such-dir']);
    expect(error?.code).toBe('NN_MODEL_FORMAT');
  });
});
