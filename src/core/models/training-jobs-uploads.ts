/**
 * The uploads of accepted training jobs, kept on disk until the job ends, so that a job the server could not
 * finish (shutdown, crash, kill) can be started again without a second upload. Layout, under
 * `<modelsDir>/<projectId>/.uploads/<jobId>/`: `data.csv` or `data.zip` (the uploaded bytes), then
 * `request.json` (the settings; written last, so its presence means the upload is complete) and, while an
 * image job trains, `images/` (the extracted archive). Files are fsynced before the job is acknowledged:
 * "accepted" means durable, as for events.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageJobRequest } from './image-request.js';
import type { TabularJobRequest, TrainingRequestSummary } from './training-job-types.js';

/** Folder name of the uploads inside a project's models folder (never listed as a model). */
export const UPLOADS_FOLDER = '.uploads';
const REQUEST_FILE = 'request.json';
const IMAGES_FOLDER = 'images';

/** What a kept upload holds: the job kind, its settings and the uploaded bytes. */
export interface KeptUpload {
  kind: 'tabular' | 'image';
  /** The CSV column predicted (`class` for image folders). */
  target: string;
  request: TrainingRequestSummary;
  /** The CSV's UTF-8 bytes, or the .zip. */
  data: Uint8Array;
}

/** The upload folder of a job. */
export function uploadDirOf(modelsDir: string, projectId: string, jobId: string): string {
  return join(modelsDir, projectId, UPLOADS_FOLDER, jobId);
}

/** Where an image job's archive is extracted (removed when the job ends or is interrupted). */
export function imagesDirOf(uploadDir: string): string {
  return join(uploadDir, IMAGES_FOLDER);
}

const dataFile = (kind: KeptUpload['kind']): string => (kind === 'tabular' ? 'data.csv' : 'data.zip');

async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the files themselves were synced.
  }
}

/** Writes the upload and its settings durably (data first, `request.json` last, both fsynced). */
export async function keepUpload(dir: string, upload: KeptUpload): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeDurably(join(dir, dataFile(upload.kind)), upload.data);
  const tmp = join(dir, `${REQUEST_FILE}.tmp`);
  await writeDurably(tmp, JSON.stringify({ kind: upload.kind, target: upload.target, request: upload.request }));
  await rename(tmp, join(dir, REQUEST_FILE));
  await syncDir(dir);
}

/** Moves a kept upload to another job's folder (a retry takes over the interrupted job's upload). */
export async function moveUpload(from: string, to: string): Promise<void> {
  await mkdir(join(to, '..'), { recursive: true });
  await rename(from, to);
  await syncDir(join(to, '..'));
}

/** True when the folder holds a complete upload. */
export async function hasKeptUpload(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, REQUEST_FILE))).isFile();
  } catch {
    return false;
  }
}

/** Reads a kept upload back; undefined when it is missing or incomplete. */
export async function readKeptUpload(dir: string): Promise<KeptUpload | undefined> {
  try {
    const meta = JSON.parse(await readFile(join(dir, REQUEST_FILE), 'utf8')) as { kind: KeptUpload['kind']; target: string; request: TrainingRequestSummary };
    if (meta.kind !== 'tabular' && meta.kind !== 'image') return undefined;
    const data = new Uint8Array(await readFile(join(dir, dataFile(meta.kind))));
    return { kind: meta.kind, target: meta.target, request: meta.request, data };
  } catch {
    return undefined;
  }
}

/** The image request a kept image upload trains with. */
export function imageRequestOf(upload: KeptUpload): ImageJobRequest {
  const r = upload.request;
  return {
    zip: upload.data,
    epochs: r.epochs,
    batchSize: r.batchSize,
    seed: r.seed,
    name: r.name,
    ...(r.imageSize === undefined ? {} : { imageSize: r.imageSize }),
    ...(r.arch === undefined ? {} : { arch: r.arch }),
    ...(r.augment === undefined ? {} : { augment: r.augment }),
    ...(r.validationSplit === undefined ? {} : { validationSplit: r.validationSplit }),
  };
}

/** The tabular request a kept CSV upload trains with. */
export function tabularRequestOf(upload: KeptUpload): TabularJobRequest {
  const r = upload.request;
  return {
    csv: new TextDecoder().decode(upload.data),
    target: upload.target,
    epochs: r.epochs,
    batchSize: r.batchSize,
    seed: r.seed,
    name: r.name,
    ...(r.task === undefined ? {} : { task: r.task }),
  };
}

/** Removes a job's whole upload folder. */
export async function removeUpload(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Removes only the extracted images (an interrupted job keeps its archive for a retry). */
export async function removeExtracted(dir: string): Promise<void> {
  await rm(imagesDirOf(dir), { recursive: true, force: true });
}

/** Every `(projectId, jobId)` upload folder under `modelsDir` (start-up sweeps the orphans). */
export async function listUploadFolders(modelsDir: string): Promise<Array<{ projectId: string; jobId: string; dir: string }>> {
  const out: Array<{ projectId: string; jobId: string; dir: string }> = [];
  let projects: string[];
  try {
    projects = await readdir(modelsDir);
  } catch {
    return out; // nothing trained here yet
  }
  for (const projectId of projects) {
    let jobs: string[];
    try {
      jobs = await readdir(join(modelsDir, projectId, UPLOADS_FOLDER));
    } catch {
      continue;
    }
    for (const jobId of jobs) out.push({ projectId, jobId, dir: join(modelsDir, projectId, UPLOADS_FOLDER, jobId) });
  }
  return out;
}
