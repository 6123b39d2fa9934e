/**
 * Builders of small, learnable image sets for tests: each class is a colour (PNG squares made with sharp,
 * with seeded per-pixel noise so no two images are equal), written as `<root>/<class>/<n>.png` or zipped.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { createRng } from '../../../common/rng.js';

/** Class name → RGB colour of its images. */
export const COLOURS: Readonly<Record<string, readonly [number, number, number]>> = { red: [220, 40, 40], green: [40, 200, 60], blue: [40, 60, 220] };

/** Options of {@link makeImageSet}. */
export interface ImageSetOptions {
  /** Images per class name (classes from {@link COLOURS}). */
  perClass: Record<string, number>;
  size?: number;
  seed?: number;
}

/** PNG bytes per `<class>/<n>.png` path. */
export async function makeImageSet(o: ImageSetOptions): Promise<Record<string, Uint8Array>> {
  const rng = createRng(o.seed ?? 1);
  const size = o.size ?? 12;
  const out: Record<string, Uint8Array> = {};
  for (const [cls, count] of Object.entries(o.perClass)) {
    const colour = COLOURS[cls] ?? [128, 128, 128];
    for (let n = 0; n < count; n++) {
      const raw = Buffer.alloc(size * size * 3);
      for (let i = 0; i < raw.length; i++) raw[i] = Math.max(0, Math.min(255, Math.round(colour[i % 3]! + rng.normal(0, 25))));
      out[`${cls}/${n}.png`] = new Uint8Array(await sharp(raw, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer());
    }
  }
  return out;
}

/** Zips files (path → bytes) under an optional top folder, stored without compression as browsers send PNGs. */
export function zipFiles(files: Record<string, Uint8Array>, top = ''): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([p, data]) => [top ? `${top}/${p}` : p, data])), { level: 0 });
}

/** Writes files (path → bytes) under `root`. */
export async function writeFiles(root: string, files: Record<string, Uint8Array>): Promise<void> {
  for (const [p, data] of Object.entries(files)) {
    const target = join(root, p);
    await mkdir(join(target, '..'), { recursive: true });
    await writeFile(target, data);
  }
}
