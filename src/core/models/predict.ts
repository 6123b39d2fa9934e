/**
 * `northstar predict`: runs a trained model on new inputs: one image, a folder of images (searched
 * recursively; non-images are skipped and counted) or a CSV (the target column, if present, is ignored).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { NorthstarError } from '../../common/errors.js';
import { nn } from '../../nn/index.js';
import { Tensor } from '../../nn/tensor.js';
import { encodeForModel, readCsvFile } from './evaluate-model.js';
import { loadTrainedModel, type TabularModelMeta } from './model-metadata.js';

/** One prediction: the input (file path or 1-based CSV row), the class (or value) and per-class probabilities. */
export interface Prediction {
  input: string;
  label?: string;
  confidence?: number;
  probabilities?: Record<string, number>;
  value?: number;
}

/** What {@link predictWithModel} returns. */
export interface PredictResult {
  predictions: Prediction[];
  skipped: Array<{ input: string; reason: string }>;
}

async function imageFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => undefined);
  if (info === undefined) throw new NorthstarError('NOT_FOUND', `${target} does not exist`);
  if (info.isFile()) return [target];
  const out: string[] = [];
  for (const e of (await readdir(target, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(target, e.name);
    // Symbolic links (common in dataset subsets) are followed.
    const kind = e.isSymbolicLink() ? await stat(p).catch(() => undefined) : e;
    if (kind?.isDirectory()) out.push(...(await imageFiles(p)));
    else if (kind?.isFile()) out.push(p);
  }
  return out;
}

function classify(probs: Float32Array, row: number, classes: string[], input: string): Prediction {
  const k = classes.length;
  const p = probs.subarray(row * k, row * k + k);
  let best = 0;
  for (let c = 1; c < k; c++) if (p[c]! > p[best]!) best = c;
  return { input, label: classes[best]!, confidence: p[best]!, probabilities: Object.fromEntries(classes.map((c, i) => [c, p[i]!])) };
}

/** Predicts with the model folder `modelDir` on `input` (image file, folder of images, or CSV). */
export async function predictWithModel(modelDir: string, input: string): Promise<PredictResult> {
  const { model, meta } = await loadTrainedModel(modelDir);
  const skipped: PredictResult['skipped'] = [];
  if (meta.kind === 'image') {
    const [h, w] = meta.imageSize;
    const files = await imageFiles(input);
    const decoded: Array<{ file: string; pixels: Float32Array }> = [];
    for (const file of files) {
      if (!nn.data.IMAGE_EXTENSIONS.has(path.extname(file).toLowerCase())) {
        skipped.push({ input: file, reason: 'not an image file' });
        continue;
      }
      try {
        decoded.push({ file, pixels: await nn.data.decodeImage(file, h, w, meta.channels) });
      } catch (error) {
        skipped.push({ input: file, reason: `cannot decode: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    if (decoded.length === 0) throw new NorthstarError('NN_INVALID_DATA', `no readable images in ${input} (${skipped.length} skipped)`, {
      hint: 'Give an image file (JPEG, PNG, WebP, GIF, TIFF, AVIF) or a folder that contains some.',
    });
    const size = h * w * meta.channels;
    const x = new Float32Array(decoded.length * size);
    decoded.forEach((d, i) => x.set(d.pixels, i * size));
    const probs = model.predict(new Tensor(x, [decoded.length, h, w, meta.channels]), { batchSize: 256 }).dataSync();
    return { predictions: decoded.map((d, i) => classify(probs, i, meta.classes, d.file)), skipped };
  }
  if (path.extname(input).toLowerCase() !== '.csv' && path.extname(input).toLowerCase() !== '.tsv') {
    throw new NorthstarError('INVALID_ARGUMENT', `${modelDir} is a tabular model; give it a CSV file, got ${input}`);
  }
  const withDummyTarget = await encodeRows(input, meta);
  const out = model.predict(withDummyTarget.x, { batchSize: 256 }).dataSync();
  const target = meta.encoding.target;
  if (target.task === 'classification') {
    const classes = target.classes ?? [];
    return { predictions: withDummyTarget.rows.map((row, i) => classify(out, i, classes, `row ${row}`)), skipped };
  }
  const scale = meta.target ?? { mean: 0, std: 1 };
  return { predictions: withDummyTarget.rows.map((row, i) => ({ input: `row ${row}`, value: out[i]! * scale.std + scale.mean })), skipped };
}

/** Encodes every row of a CSV for prediction: the target column, present or not, is set to a known label. */
async function encodeRows(file: string, meta: TabularModelMeta): Promise<{ x: Tensor; rows: number[] }> {
  const { header, rows } = await readCsvFile(file);
  const target = meta.encoding.target;
  const known = target.task === 'classification' ? (target.classes?.[0] ?? '0') : '0';
  const t = header.indexOf(target.name);
  const fullHeader = t < 0 ? [...header, target.name] : header;
  const fullRows = rows.map((r) => (t < 0 ? [...r, known] : r.map((v, i) => (i === t ? known : v))));
  const data = encodeForModel(fullHeader, fullRows, meta);
  return { x: data.x, rows: fullRows.map((_, i) => i + 1) };
}
