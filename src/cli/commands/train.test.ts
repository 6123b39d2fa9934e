import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { createMemoryIo } from '../cli-io.js';
import { exitCodeFor } from '../main.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-train-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLOURS: Record<string, [number, number, number]> = { red: [220, 30, 30], green: [30, 200, 40], blue: [30, 40, 220] };

/** An 8×8 PNG of `rgb` with ±25 of seeded noise per channel. */
async function square(file: string, rgb: readonly number[], rng: ReturnType<typeof createRng>): Promise<void> {
  const px = Buffer.alloc(8 * 8 * 3);
  for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, Math.round(rgb[i % 3]! + (rng.next() * 2 - 1) * 25)));
  await sharp(px, { raw: { width: 8, height: 8, channels: 3 } }).png().toFile(file);
}

async function imageFolder(root: string, perClass: Record<string, number>, seed: number): Promise<void> {
  const rng = createRng(seed);
  for (const [cls, n] of Object.entries(perClass)) {
    mkdirSync(path.join(root, cls), { recursive: true });
    for (let i = 0; i < n; i++) await square(path.join(root, cls, `${i}.png`), COLOURS[cls] ?? [128, 0, 128], rng);
  }
}

beforeAll(async () => {
  await imageFolder(path.join(dir, 'train'), { red: 10, green: 10, blue: 10 }, 1);
  // Not images: skipped and counted, never fatal.
  writeFileSync(path.join(dir, 'train', 'red', 'notes.txt'), 'not an image');
  writeFileSync(path.join(dir, 'train', 'blue', 'broken.png'), 'garbage bytes, not a PNG');
  await imageFolder(path.join(dir, 'test'), { red: 4, green: 4, blue: 4 }, 2);
  await imageFolder(path.join(dir, 'one'), { red: 6, green: 6, blue: 1 }, 3);
  await imageFolder(path.join(dir, 'extra'), { red: 2, purple: 2 }, 4);
  mkdirSync(path.join(dir, 'empty'));
  await imageFolder(path.join(dir, 'partial'), { red: 3, green: 3 }, 6);
  mkdirSync(path.join(dir, 'partial', 'blue'));
  await imageFolder(path.join(dir, 'single-class'), { red: 3 }, 8);
  mkdirSync(path.join(dir, 'unlabelled'));
  await square(path.join(dir, 'unlabelled', 'a.png'), COLOURS.green!, createRng(5));
  writeFileSync(path.join(dir, 'unlabelled', 'readme.md'), '# not an image');

  // Churn-like CSV: `plan` decides the label, `usage` helps; one NaN feature and one NaN target.
  const rng = createRng(7);
  const lines = ['id,plan,usage,churn'];
  for (let i = 0; i < 60; i++) {
    const monthly = i % 2 === 0;
    lines.push(`c${i},${monthly ? 'monthly' : 'yearly'},${i === 5 ? 'NaN' : (monthly ? 80 : 20) + Math.round(rng.next() * 10)},${i === 9 ? 'NaN' : monthly ? 'yes' : 'no'}`);
  }
  writeFileSync(path.join(dir, 'churn.csv'), lines.join('\n') + '\n');
  writeFileSync(path.join(dir, 'churn-new.csv'), 'id,plan,usage\nn1,monthly,85\nn2,yearly,22\n');
  writeFileSync(path.join(dir, 'churn-odd.csv'), 'id,plan,usage,churn\nn1,monthly,85,yes\nn2,yearly,22,maybe\n');
  await cli(['train', 'image', '--data', 'train', '--epochs', '2', '--batch-size', '8', '--image-size', '8', '--arch', 'small', '--out', 'models/colours']);
  await cli(['train', 'tabular', '--csv', 'churn.csv', '--target', 'churn', '--epochs', '2', '--out', 'models/churn']);
}, 30_000);

async function cli(args: string[]) {
  const io = createMemoryIo({ cwd: dir, env: {} });
  const error = await runCli(args, io);
  return { io, error, code: exitCodeFor(error), out: io.text(), err: io.stderr.join('') };
}

describe('northstar train image', () => {
  it('prints Keras-style epoch lines, warns about skipped files and saves classes and image size', async () => {
    const { out, err, code } = await cli(['train', 'image', '--data', 'train', '--epochs', '2', '--batch-size', '8', '--image-size', '8', '--out', 'models/seed']);
    expect(code).toBe(0);
    expect(out).toMatch(/Training on 27 images, validating on 3 \(3 classes: blue, green, red\)/);
    expect(out).toMatch(/Epoch 1\/2[\s\S]*loss: \d+\.\d+[\s\S]*acc(uracy)?: [\d.]+[\s\S]*val_loss[\s\S]*Epoch 2\/2/);
    expect(err).toMatch(/warning: skipped 2 file\(s\)/);
    const modelJson = JSON.parse(readFileSync(path.join(dir, 'models/seed/model.json'), 'utf8')) as { northstar: { metadata: Record<string, unknown> } };
    expect(modelJson.northstar.metadata).toMatchObject({ kind: 'image', arch: 'seed', classes: ['blue', 'green', 'red'], imageSize: [8, 8], version: 1 });
  });

  it('--json prints a summary with the skipped count and the history; augmentation runs', async () => {
    const { io, code } = await cli(['train', 'image', '--data', 'train', '--epochs', '1', '--batch-size', '8', '--image-size', '8', '--arch', 'small', '--augment', '--out', 'models/aug', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(io.text()) as { skipped: number; classes: string[]; history: Record<string, number[]> };
    expect(r.skipped).toBe(2);
    expect(r.history.loss).toHaveLength(1);
    expect(io.stderr.join('')).toMatch(/Epoch 1\/1/);
  });

  it('a class with a single image is trained on with a warning (only in the training part)', async () => {
    const { code, err, out } = await cli(['train', 'image', '--data', 'one', '--epochs', '1', '--batch-size', '4', '--image-size', '8', '--arch', 'small', '--out', 'models/one']);
    expect(code).toBe(0);
    expect(err).toMatch(/single image: blue/);
    expect(out).toMatch(/Training on 11 images, validating on 2 /);
  });

  it.each([
    [['--data', 'empty', '--out', 'models/x'], 'NN_INVALID_DATA'],
    [['--data', 'missing', '--out', 'models/x'], 'NN_INVALID_DATA'],
    [['--data', 'partial', '--out', 'models/x'], 'NN_INVALID_DATA'],
    [['--data', 'single-class', '--out', 'models/x'], 'NN_INVALID_DATA'],
    [['--data', 'train', '--out', 'models/x', '--arch', 'resnet999'], 'INVALID_ARGUMENT'],
    [['--data', 'train', '--out', 'models/x', '--validation-split', '1.5'], 'INVALID_ARGUMENT'],
    [['--data', 'train'], 'INVALID_ARGUMENT'],
  ])('bad input %j → %s, exit status 2', async (extra, expected) => {
    const { error, code, err } = await cli(['train', 'image', '--epochs', '1', '--image-size', '8', ...extra]);
    expect(error?.code).toBe(expected);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`^error ${expected}: .*\\nhint: `));
  });
});

describe('northstar evaluate / predict (image model)', () => {
  it('evaluate --json prints accuracy, per-class scores, averages and the confusion matrix', async () => {
    const { io, code } = await cli(['evaluate', '--model', 'models/colours', '--data', 'test', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(io.text()) as { accuracy: number; perClass: Record<string, Record<string, number>>; macro: Record<string, number>; weighted: Record<string, number>; confusionMatrix: number[][]; classes: string[] };
    expect(r.classes).toEqual(['blue', 'green', 'red']);
    expect(Object.keys(r.perClass)).toEqual(r.classes);
    expect(Object.keys(r.perClass.red!).sort()).toEqual(['f1', 'precision', 'recall', 'support']);
    expect(r.perClass.red!.support).toBe(4);
    expect(r.confusionMatrix).toHaveLength(3);
    expect(r.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(12);
    const diagonal = r.confusionMatrix.reduce((a, row, i) => a + row[i]!, 0);
    expect(r.accuracy).toBeCloseTo(diagonal / 12, 10);
    expect(r.weighted.support).toBe(12);
    expect(r.macro.f1).toBeGreaterThanOrEqual(0);
  });

  it('evaluate without --json prints the report table', async () => {
    const { out, code } = await cli(['evaluate', '--model', 'models/colours', '--data', 'test']);
    expect(code).toBe(0);
    expect(out).toMatch(/accuracy \d\.\d{4} on 12 samples/);
    expect(out).toMatch(/weighted avg/);
    expect(out).toMatch(/confusion matrix/);
  });

  it('predict on a file and on a folder (non-images skipped and counted)', async () => {
    const one = await cli(['predict', '--model', 'models/colours', 'test/red/0.png', '--json']);
    expect(one.code).toBe(0);
    const p = JSON.parse(one.io.text()) as { predictions: Array<{ label: string; confidence: number; probabilities: Record<string, number> }> };
    expect(p.predictions).toHaveLength(1);
    expect(['blue', 'green', 'red']).toContain(p.predictions[0]!.label);
    expect(Object.values(p.predictions[0]!.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    const many = await cli(['predict', '--model', 'models/colours', 'unlabelled', '--json']);
    const m = JSON.parse(many.io.text()) as { predictions: unknown[]; skipped: unknown[] };
    expect(m.predictions).toHaveLength(1);
    expect(m.skipped).toHaveLength(1);
    const table = await cli(['predict', '--model', 'models/colours', 'test']);
    expect(table.out.split('\n').filter((l) => /\.png/.test(l))).toHaveLength(12);
  });

  it('labels outside the training classes, foreign model folders and a wrong mode are coded errors', async () => {
    expect((await cli(['evaluate', '--model', 'models/colours', '--data', 'extra', '--json'])).error?.code).toBe('NN_INVALID_DATA');
    expect((await cli(['evaluate', '--model', 'models/colours', '--csv', 'churn.csv'])).error?.code).toBe('INVALID_ARGUMENT');
    expect((await cli(['evaluate', '--model', 'models/nowhere', '--data', 'test'])).error?.code).toBe('NN_MODEL_FORMAT');
    for (const [name, edit] of [
      ['old-meta', (j: { northstar: { formatVersion: number; metadata: Record<string, unknown> } }) => void (j.northstar.metadata.version = 99)],
      ['old-format', (j: { northstar: { formatVersion: number; metadata: Record<string, unknown> } }) => void (j.northstar.formatVersion = 99)],
      ['no-meta', (j: { northstar: { formatVersion: number; metadata: Record<string, unknown> } }) => void (j.northstar.metadata = {})],
    ] as const) {
      const copy = path.join(dir, 'models', name);
      cpSync(path.join(dir, 'models/colours'), copy, { recursive: true });
      const json = JSON.parse(readFileSync(path.join(copy, 'model.json'), 'utf8')) as Parameters<typeof edit>[0];
      edit(json);
      writeFileSync(path.join(copy, 'model.json'), JSON.stringify(json));
      const r = await cli(['predict', '--model', `models/${name}`, 'test/red/0.png']);
      expect(r.error?.code, name).toBe('NN_MODEL_FORMAT');
      expect(r.code).toBe(2);
    }
  });
});

describe('northstar train tabular / evaluate --csv / predict csv', () => {
  it('--kfold prints per-fold scores and mean ± std of accuracy and ROC-AUC, then trains the final model', async () => {
    const { out, err, code } = await cli(['train', 'tabular', '--csv', 'churn.csv', '--target', 'churn', '--kfold', '3', '--epochs', '2', '--out', 'models/churn-cv']);
    expect(code).toBe(0);
    expect(out).toMatch(/fold 1\/3: accuracy \d\.\d{4}, rocAuc \d\.\d{4}/);
    expect(out).toMatch(/3-fold accuracy: \d\.\d{4} ± \d\.\d{4}/);
    expect(out).toMatch(/3-fold rocAuc: \d\.\d{4} ± \d\.\d{4}/);
    expect(out).toMatch(/Training the final model on all 59 rows/);
    // NaN in the target: the row is skipped and counted; NaN in a feature is imputed with the column mean.
    expect(err).toMatch(/skipped 1 row\(s\) \(first: row 10: missing target\)/);
    expect(err).toMatch(/dropped columns: id/);
  });

  it('regression with --kfold reports RMSE', async () => {
    const { out, code } = await cli(['train', 'tabular', '--csv', 'churn.csv', '--target', 'usage', '--task', 'regression', '--kfold', '2', '--epochs', '2', '--out', 'models/usage']);
    expect(code).toBe(0);
    expect(out).toMatch(/2-fold rmse: \d+\.\d{4} ± \d+\.\d{4}/);
    const ev = await cli(['evaluate', '--model', 'models/usage', '--csv', 'churn.csv', '--json']);
    expect(JSON.parse(ev.io.text())).toMatchObject({ samples: 59 });
  });

  it('evaluate --csv --json and predict on a CSV without the target column', async () => {
    const ev = await cli(['evaluate', '--model', 'models/churn', '--csv', 'churn.csv', '--json']);
    expect(ev.code).toBe(0);
    const r = JSON.parse(ev.io.text()) as { classes: string[]; confusionMatrix: number[][]; skipped: number };
    expect(r.classes).toEqual(['no', 'yes']);
    expect(r.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(59);
    expect(r.skipped).toBe(1);
    const pr = await cli(['predict', '--model', 'models/churn', 'churn-new.csv', '--json']);
    expect(pr.code).toBe(0);
    const p = JSON.parse(pr.io.text()) as { predictions: Array<{ input: string; label: string }> };
    expect(p.predictions.map((x) => x.input)).toEqual(['row 1', 'row 2']);
    for (const x of p.predictions) expect(['no', 'yes']).toContain(x.label);
  });

  it.each([
    [['evaluate', '--model', 'models/churn', '--csv', 'churn-odd.csv'], 'NN_INVALID_DATA'],
    [['train', 'tabular', '--csv', 'churn.csv', '--target', 'nope', '--out', 'models/x'], 'NN_INVALID_DATA'],
    [['train', 'tabular', '--csv', 'missing.csv', '--target', 'churn', '--out', 'models/x'], 'NN_INVALID_DATA'],
    [['train', 'tabular', '--csv', 'churn.csv', '--target', 'churn', '--task', 'ranking', '--out', 'models/x'], 'INVALID_ARGUMENT'],
    [['train', 'tabular', '--csv', 'churn.csv', '--target', 'churn', '--kfold', '1', '--out', 'models/x'], 'INVALID_ARGUMENT'],
    [['predict', '--model', 'models/churn', 'test/red/0.png'], 'INVALID_ARGUMENT'],
  ])('bad input %j → %s', async (args, expected) => {
    const { error, code } = await cli(args);
    expect(error?.code).toBe(expected);
    expect(code).toBe(2);
  });

  it('--help shows examples', async () => {
    for (const cmd of [['train', 'image'], ['train', 'tabular'], ['evaluate'], ['predict']]) {
      const { out } = await cli([...cmd, '--help']);
      expect(out).toMatch(/EXAMPLES[\s\S]*\$ northstar /);
    }
  });
});
