import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImageFolder } from './image-folder.js';

let root: string;

async function png(file: string, rgb: [number, number, number], size = 10): Promise<void> {
  await sharp({ create: { width: size, height: size + 2, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toFile(file);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ns-images-'));
  await mkdir(path.join(root, 'train', 'red'), { recursive: true });
  await mkdir(path.join(root, 'train', 'blue'), { recursive: true });
  await mkdir(path.join(root, 'train', 'lonely'), { recursive: true });
  for (let i = 0; i < 3; i++) await png(path.join(root, 'train', 'red', `r${i}.png`), [250, 10, 10]);
  for (let i = 0; i < 2; i++) {
    await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 5, g: 5, b: 240 } } }).jpeg().toFile(path.join(root, 'train', 'blue', `b${i}.jpg`));
  }
  await png(path.join(root, 'train', 'lonely', 'only.png'), [128, 128, 128]);
  await writeFile(path.join(root, 'train', 'red', 'broken.png'), 'this is not a png');
  await writeFile(path.join(root, 'train', 'blue', 'notes.txt'), 'hello');
  await mkdir(path.join(root, 'empty', 'a'), { recursive: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadImageFolder', () => {
  it('decodes, resizes and labels images by sub-folder, skipping and counting bad files', async () => {
    const f = await loadImageFolder(path.join(root, 'train'), { imageSize: [4, 5] });
    expect(f.classes).toEqual(['blue', 'lonely', 'red']);
    expect(f.x.shape).toEqual([6, 4, 5, 3]);
    expect(f.counts).toEqual({ blue: 2, lonely: 1, red: 3 });
    expect(f.skipped.map((s) => path.basename(s.file)).sort()).toEqual(['broken.png', 'notes.txt']);
    expect(f.skipped.find((s) => s.file.endsWith('broken.png'))?.reason).toMatch(/cannot decode/);
    const redIndex = Array.from(f.labels).indexOf(2);
    const px = f.x.data.subarray(redIndex * 60, redIndex * 60 + 3);
    expect(px[0]).toBeGreaterThan(0.95);
    expect(px[2]).toBeLessThan(0.1);
    for (const v of f.x.data) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('greyscale output has one channel', async () => {
    const f = await loadImageFolder(path.join(root, 'train'), { imageSize: [3, 3], channels: 1 });
    expect(f.x.shape).toEqual([6, 3, 3, 1]);
  });

  it('keeps the class order of a trained model and rejects folders outside it', async () => {
    const f = await loadImageFolder(path.join(root, 'train'), { imageSize: [2, 2], classes: ['red', 'blue', 'lonely', 'green'] });
    expect(f.classes).toEqual(['red', 'blue', 'lonely', 'green']);
    expect(f.counts.green).toBe(0);
    await expect(loadImageFolder(path.join(root, 'train'), { classes: ['red'] })).rejects.toMatchObject({ code: 'NN_INVALID_DATA', message: /not among the model's classes/ });
  });

  it('fails with NN_INVALID_DATA on a folder without images or without class folders', async () => {
    await expect(loadImageFolder(path.join(root, 'empty'))).rejects.toMatchObject({ code: 'NN_INVALID_DATA', message: /no readable images/ });
    await expect(loadImageFolder(path.join(root, 'empty', 'a'))).rejects.toMatchObject({ code: 'NN_INVALID_DATA', message: /no class sub-folders/ });
    await expect(loadImageFolder(path.join(root, 'missing'))).rejects.toMatchObject({ code: 'NN_INVALID_DATA' });
  });
});
