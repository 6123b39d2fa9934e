/**
 * Image-folder loader: one sub-folder per class, JPEG/PNG/WebP/GIF/TIFF/AVIF decoded and resized with sharp
 * into an NHWC float tensor scaled to [0, 1]. Unreadable files are skipped and reported, not fatal.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { NorthstarError } from '../../common/errors.js';
import { Tensor } from '../tensor.js';

/** Loader options. */
export interface ImageFolderOptions {
  /** [height, width] every image is resized to (default [32, 32], stretched as Keras' image_dataset_from_directory). */
  imageSize?: readonly [number, number];
  /** 3 (RGB, default) or 1 (greyscale). */
  channels?: 1 | 3;
  /** Fixed class order (from a trained model); a sub-folder outside it fails with NN_INVALID_DATA. */
  classes?: readonly string[];
  /** Images decoded at once (default 8). */
  concurrency?: number;
}

/** A loaded folder. */
export interface ImageFolder {
  x: Tensor;
  /** Class index per image. */
  labels: Float32Array;
  classes: string[];
  files: string[];
  /** Files that were not images or could not be decoded, with the reason. */
  skipped: Array<{ file: string; reason: string }>;
  /** Images per class name. */
  counts: Record<string, number>;
}

/** File extensions the loader reads as images (lower case, with the dot). */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.png', '.webp', '.gif', '.tif', '.tiff', '.avif']);

async function subfolders(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new NorthstarError('NN_INVALID_DATA', `cannot read image folder ${dir}`, { cause: error });
  }
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
}

/** Decodes one image file into [h·w·channels] floats in [0, 1], resized by stretching as the folder loader does. */
export async function decodeImage(file: string, h: number, w: number, channels: 1 | 3): Promise<Float32Array> {
  let img = sharp(file, { failOn: 'error' }).rotate().resize(w, h, { fit: 'fill' }).removeAlpha();
  img = channels === 1 ? img.greyscale() : img.toColourspace('srgb');
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  const out = new Float32Array(h * w * channels);
  const src = info.channels;
  for (let p = 0; p < h * w; p++) {
    for (let c = 0; c < channels; c++) out[p * channels + c] = data[p * src + Math.min(c, src - 1)]! / 255;
  }
  return out;
}

/** Loads `dir/<class>/<image>` into memory. */
export async function loadImageFolder(dir: string, options: ImageFolderOptions = {}): Promise<ImageFolder> {
  const [h, w] = options.imageSize ?? [32, 32];
  const channels = options.channels ?? 3;
  const found = await subfolders(dir);
  if (found.length === 0) throw new NorthstarError('NN_INVALID_DATA', `${dir} has no class sub-folders (expected ${dir}/<class>/<image>)`);
  const classes = options.classes ? [...options.classes] : found;
  const unknown = found.filter((c) => !classes.includes(c));
  if (unknown.length > 0) {
    throw new NorthstarError('NN_INVALID_DATA', `folders ${unknown.join(', ')} are not among the model's classes (${classes.join(', ')})`);
  }
  const jobs: Array<{ file: string; label: number }> = [];
  const skipped: ImageFolder['skipped'] = [];
  for (const cls of found) {
    const files = (await readdir(path.join(dir, cls))).sort();
    for (const name of files) {
      const file = path.join(dir, cls, name);
      if (!(await stat(file)).isFile()) continue;
      if (!IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase())) skipped.push({ file, reason: 'not an image file' });
      else jobs.push({ file, label: classes.indexOf(cls) });
    }
  }
  const decoded: Array<{ file: string; label: number; pixels: Float32Array }> = [];
  const concurrency = Math.max(1, options.concurrency ?? 8);
  for (let i = 0; i < jobs.length; i += concurrency) {
    const chunk = jobs.slice(i, i + concurrency);
    const results = await Promise.all(chunk.map((j) => decodeImage(j.file, h, w, channels).then((pixels) => ({ ...j, pixels }), (e: unknown) => ({ ...j, error: e instanceof Error ? e.message : String(e) }))));
    for (const r of results) {
      if ('pixels' in r) decoded.push(r);
      else skipped.push({ file: r.file, reason: `cannot decode: ${r.error}` });
    }
  }
  if (decoded.length === 0) throw new NorthstarError('NN_INVALID_DATA', `no readable images under ${dir} (${skipped.length} files skipped)`, { details: { skipped: skipped.length } });
  const size = h * w * channels;
  const data = new Float32Array(decoded.length * size);
  const labels = new Float32Array(decoded.length);
  const counts: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));
  decoded.forEach((d, i) => {
    data.set(d.pixels, i * size);
    labels[i] = d.label;
    counts[classes[d.label]!] = (counts[classes[d.label]!] ?? 0) + 1;
  });
  return { x: new Tensor(data, [decoded.length, h, w, channels]), labels, classes, files: decoded.map((d) => d.file), skipped, counts };
}
