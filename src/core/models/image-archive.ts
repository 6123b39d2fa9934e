/**
 * Image-folder uploads for the Models page: a .zip whose files are `<class>/<image>` (optionally under one
 * or more shared top folders, as zipping a folder or a browser's folder picker produces). {@link planImageArchive}
 * reads only the central directory (no inflating), so it is cheap enough to run on the request: it refuses
 * zip-slip paths (UPLOAD_UNSAFE_PATH), archives over the file-count or uncompressed-size limits
 * (PAYLOAD_TOO_LARGE) and unreadable archives (UPLOAD_INVALID_ARCHIVE). {@link extractImageArchive} then
 * writes the planned files under a folder (in the training worker); the image loader decides which are images.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { NorthstarError } from '../../common/errors.js';

/** Limits of one upload. */
export interface ImageArchiveLimits {
  /** Most files (entries that are not folders) in the archive. */
  maxFiles: number;
  /** Most bytes all files may inflate to, as the archive declares them (inflating never writes past that). */
  maxUncompressedBytes: number;
}

/** Defaults: 5,000 files and 512 MiB inflated. */
export const DEFAULT_IMAGE_ARCHIVE_LIMITS: ImageArchiveLimits = { maxFiles: 5000, maxUncompressedBytes: 512 * 1024 * 1024 };

/** One file that will be written, as `<className>/<fileName>`. */
export interface PlannedImage {
  entry: string;
  className: string;
  fileName: string;
}

/** What an archive holds, before anything is inflated. */
export interface ImageArchivePlan {
  images: PlannedImage[];
  classes: string[];
  /** Entries left out: hidden files (`.DS_Store`, `__MACOSX/`), files outside a class folder, deeper nesting. */
  ignored: Array<{ entry: string; reason: 'hidden' | 'not in a class folder' | 'nested folder' }>;
  uncompressedBytes: number;
}

/** Refuses a path that could leave the extraction folder; returns its `/`-separated segments otherwise. */
function safeSegments(name: string): string[] {
  const unsafe = (why: string): NorthstarError =>
    new NorthstarError('UPLOAD_UNSAFE_PATH', `archive entry "${name}" ${why}; refusing the upload`, { details: { entry: name } });
  if (name.includes('\0')) throw unsafe('contains a NUL byte');
  // Windows tools may write backslashes; treat them as separators so "..\\x" is caught too.
  const normal = name.replace(/\\/g, '/');
  if (normal.startsWith('/') || /^[A-Za-z]:/.test(normal)) throw unsafe('is an absolute path');
  const segments = normal.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw unsafe('climbs out of the archive with ".."');
  return segments;
}

const isHidden = (segments: readonly string[]): boolean => segments.some((s) => s.startsWith('.') || s === '__MACOSX' || s === 'Thumbs.db');

/**
 * Reads the archive's central directory and plans `<class>/<file>` paths. Throws UPLOAD_INVALID_ARCHIVE,
 * UPLOAD_UNSAFE_PATH (any unsafe entry refuses the whole upload) or PAYLOAD_TOO_LARGE.
 */
export function planImageArchive(zip: Uint8Array, limits: ImageArchiveLimits = DEFAULT_IMAGE_ARCHIVE_LIMITS): ImageArchivePlan {
  const files: Array<{ entry: string; segments: string[] }> = [];
  let uncompressedBytes = 0;
  try {
    unzipSync(zip, {
      filter(file) {
        const segments = safeSegments(file.name);
        if (file.name.endsWith('/') || segments.length === 0) return false; // a folder entry
        files.push({ entry: file.name, segments });
        uncompressedBytes += file.originalSize;
        if (files.length > limits.maxFiles) {
          throw new NorthstarError('PAYLOAD_TOO_LARGE', `the archive holds more than ${limits.maxFiles} files`, {
            hint: `Upload at most ${limits.maxFiles} files (fewer images per class, or several smaller trainings).`,
            details: { maxFiles: limits.maxFiles },
          });
        }
        if (uncompressedBytes > limits.maxUncompressedBytes) {
          throw new NorthstarError('PAYLOAD_TOO_LARGE', `the archive inflates to more than ${limits.maxUncompressedBytes} bytes`, {
            hint: 'Resize the images or upload fewer of them.',
            details: { maxUncompressedBytes: limits.maxUncompressedBytes },
          });
        }
        return false; // planning never inflates
      },
    });
  } catch (error) {
    if (error instanceof NorthstarError) throw error;
    throw new NorthstarError('UPLOAD_INVALID_ARCHIVE', `the upload is not a readable .zip archive (${error instanceof Error ? error.message : String(error)})`);
  }
  const ignored: ImageArchivePlan['ignored'] = [];
  const visible = files.filter((f) => {
    if (!isHidden(f.segments)) return true;
    ignored.push({ entry: f.entry, reason: 'hidden' });
    return false;
  });
  // Strip folders above the class folders ("photos/cat/1.png" → "cat/1.png"): a top folder that holds every
  // file, as long as some file still sits in a class folder below it.
  let strip = 0;
  for (;;) {
    const head = visible[0]?.segments[strip];
    const shared = head !== undefined && visible.every((f) => f.segments.length > strip + 1 && f.segments[strip] === head);
    if (!shared || !visible.some((f) => f.segments.length > strip + 2)) break;
    strip++;
  }
  const images: PlannedImage[] = [];
  for (const f of visible) {
    const rest = f.segments.slice(strip);
    if (rest.length < 2) ignored.push({ entry: f.entry, reason: 'not in a class folder' });
    else if (rest.length > 2) ignored.push({ entry: f.entry, reason: 'nested folder' });
    else images.push({ entry: f.entry, className: rest[0]!, fileName: rest[1]! });
  }
  const classes = [...new Set(images.map((i) => i.className))].sort();
  return { images, classes, ignored, uncompressedBytes };
}

/**
 * Inflates the planned files into `dest/<class>/<file>`. Every target is re-checked to lie inside `dest`
 * (defence in depth behind {@link planImageArchive}). Returns how many files were written.
 */
export async function extractImageArchive(zip: Uint8Array, plan: ImageArchivePlan, dest: string): Promise<number> {
  const root = resolve(dest);
  const wanted = new Map(plan.images.map((i) => [i.entry, i]));
  let inflated: Record<string, Uint8Array>;
  try {
    inflated = unzipSync(zip, { filter: (file) => wanted.has(file.name) });
  } catch (error) {
    throw new NorthstarError('UPLOAD_INVALID_ARCHIVE', `the archive could not be inflated (${error instanceof Error ? error.message : String(error)})`);
  }
  let written = 0;
  for (const [entry, data] of Object.entries(inflated)) {
    const image = wanted.get(entry);
    if (image === undefined) continue;
    const target = resolve(join(root, image.className, image.fileName));
    if (!target.startsWith(root + sep)) {
      throw new NorthstarError('UPLOAD_UNSAFE_PATH', `archive entry "${entry}" resolves outside the upload folder`, { details: { entry } });
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
    written++;
  }
  return written;
}
