import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { NorthstarError } from '../../common/errors.js';
import { csrFromState, csrToState, isStateful, type ModelState, type StateArray } from '../../ml/recommend/model-state.js';
import { createModel, parseModelSpec } from './model-registry.js';
import type { TrainedModel } from './train-from-store.js';

/** A version as the registry holds it (serving-registry.ts's ModelVersion; restated to avoid an import cycle). */
type ModelVersion = TrainedModel & { version: number };

/** Format of `model.json` / `arrays.bin`; a folder of another format is NN_MODEL_FORMAT. */
export const MODEL_FILES_FORMAT = 1;

const TYPES = { f32: Float32Array, f64: Float64Array, i32: Int32Array } as const;
type TypeName = keyof typeof TYPES;

interface ArrayEntry {
  name: string;
  type: TypeName;
  /** Byte offset in `arrays.bin` (8-byte aligned). */
  offset: number;
  length: number;
}

/** What `active.json` of a project folder holds. */
export interface ActiveFile {
  format: number;
  active: number;
  next: number;
}

const typeName = (a: StateArray): TypeName => (a instanceof Float32Array ? 'f32' : a instanceof Float64Array ? 'f64' : 'i32');

function formatError(path: string, message: string, details: Record<string, unknown> = {}): NorthstarError {
  return new NorthstarError('NN_MODEL_FORMAT', `recommendation model files at ${path}: ${message}`, {
    hint: 'Delete the version folder (or the whole <dataDir>/recommend/<project> folder) and retrain (docs/recommendations.md, "Serving").',
    details: { path, ...details },
  });
}

/** Writes `data` to `path` through a temp file and a rename, so readers never see half a file. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** The folder of a project under the registry folder (project ids are escaped into one path segment). */
export function projectDir(root: string, projectId: string): string {
  return join(root, encodeURIComponent(projectId));
}

/** The version's arrays packed into one buffer (8-byte aligned) and its model.json text; undefined when it cannot be saved. */
function serializeVersion(v: ModelVersion): { bin: Uint8Array; json: string } | undefined {
  if (!isStateful(v.model)) return undefined;
  const arrays: Record<string, StateArray> = {};
  for (const [key, a] of Object.entries(v.model.toState())) arrays[`model.${key}`] = a;
  Object.assign(arrays, csrToState('matrix', v.matrix), { trending: v.trending });
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    entries.push({ name, type: typeName(a), offset, length: a.length });
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const bin = new Uint8Array(offset);
  for (const e of entries) {
    const a = arrays[e.name]!;
    bin.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), e.offset);
  }
  const json = {
    format: MODEL_FILES_FORMAT,
    version: v.version,
    modelSpec: v.modelSpec,
    config: v.model.getConfig(),
    trainedAt: v.trainedAt,
    metrics: v.metrics,
    itemIds: v.itemIds,
    userIds: v.userIds,
    categories: v.categories.map((c) => c ?? null),
    titles: v.titles,
    eventWeights: v.eventWeights,
    halfLifeDays: v.halfLifeDays,
    dataEnd: Number.isFinite(v.dataEnd) ? v.dataEnd : null,
    counts: v.counts,
    arrays: entries,
  };
  return { bin, json: JSON.stringify(json) };
}

/**
 * Saves one version as `v<N>/model.json` (ids, spec, metrics, …) and `v<N>/arrays.bin` (the model's arrays
 * in their own element type, the training matrix and the trending scores). The folder is built under a temp
 * name and renamed, so a crash leaves either the whole version or none. False when the model cannot be saved.
 */
export function saveModelVersion(dir: string, v: ModelVersion): boolean {
  const data = serializeVersion(v);
  if (data === undefined) return false;
  const final = join(dir, `v${v.version}`);
  const tmp = `${final}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'arrays.bin'), data.bin);
  writeFileSync(join(tmp, 'model.json'), data.json);
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
  return true;
}

/**
 * {@link saveModelVersion} with the file writes on the thread pool (an EASE version of 5,000 items is a
 * 100 MB file): only the serialisation into one buffer runs on the caller's thread.
 */
export async function saveModelVersionAsync(dir: string, v: ModelVersion): Promise<boolean> {
  const data = serializeVersion(v);
  if (data === undefined) return false;
  const final = join(dir, `v${v.version}`);
  const tmp = `${final}.tmp-${process.pid}`;
  await fsp.rm(tmp, { recursive: true, force: true });
  await fsp.mkdir(tmp, { recursive: true });
  await fsp.writeFile(join(tmp, 'arrays.bin'), data.bin);
  await fsp.writeFile(join(tmp, 'model.json'), data.json);
  await fsp.rm(final, { recursive: true, force: true });
  await fsp.rename(tmp, final);
  return true;
}

function readJson(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw formatError(path, `cannot be read (${(error as Error).message})`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw formatError(path, `is not valid JSON (${(error as Error).message})`);
  }
}

function checkFormat(path: string, json: Record<string, unknown>): void {
  if (json['format'] !== MODEL_FILES_FORMAT) {
    throw formatError(path, `has format ${String(json['format'])}, this Northstar reads format ${MODEL_FILES_FORMAT}`, { format: json['format'] });
  }
}

/** Loads a version saved by {@link saveModelVersion}; a missing, corrupt or other-format folder is NN_MODEL_FORMAT. */
export function loadModelVersion(versionDir: string): ModelVersion {
  const jsonPath = join(versionDir, 'model.json');
  const j = readJson(jsonPath);
  checkFormat(jsonPath, j);
  const binPath = join(versionDir, 'arrays.bin');
  try {
    const bin = readFileSync(binPath);
    const state: ModelState = {};
    for (const e of j['arrays'] as ArrayEntry[]) {
      const Type = TYPES[e.type];
      const bytes = e.length * Type.BYTES_PER_ELEMENT;
      if (Type === undefined || e.offset % 8 !== 0 || e.offset + bytes > bin.byteLength) throw new Error(`array ${e.name} lies outside arrays.bin`);
      // Copy into a fresh, aligned buffer (Node's file buffer may sit at any offset of a pooled slab).
      const copy = new Uint8Array(bytes);
      copy.set(bin.subarray(e.offset, e.offset + bytes));
      state[e.name] = new Type(copy.buffer);
    }
    const modelState: ModelState = {};
    for (const [k, a] of Object.entries(state)) if (k.startsWith('model.')) modelState[k.slice(6)] = a;
    const matrix = csrFromState('matrix', state);
    const modelSpec = j['modelSpec'] as string;
    const model = createModel(parseModelSpec(modelSpec), 0);
    if (!isStateful(model)) throw new Error(`model ${modelSpec} cannot be loaded`);
    model.loadState(matrix, modelState);
    const itemIds = j['itemIds'] as string[];
    const userIds = j['userIds'] as string[];
    const trending = state['trending'];
    if (!(trending instanceof Float32Array) || trending.length !== itemIds.length || matrix.nCols !== itemIds.length) {
      throw new Error('array sizes do not match the item ids');
    }
    return {
      version: j['version'] as number,
      modelSpec,
      model,
      trainedAt: j['trainedAt'] as string,
      metrics: j['metrics'] as ModelVersion['metrics'],
      itemIds,
      userIds,
      itemIndex: new Map(itemIds.map((id, i) => [id, i])),
      userIndex: new Map(userIds.map((id, u) => [id, u])),
      categories: (j['categories'] as Array<string | null>).map((c) => c ?? undefined),
      titles: j['titles'] as ModelVersion['titles'],
      matrix,
      trending,
      eventWeights: j['eventWeights'] as ModelVersion['eventWeights'],
      halfLifeDays: j['halfLifeDays'] as number,
      dataEnd: typeof j['dataEnd'] === 'number' ? j['dataEnd'] : -Infinity,
      counts: j['counts'] as ModelVersion['counts'],
    };
  } catch (error) {
    if (error instanceof NorthstarError && error.code === 'NN_MODEL_FORMAT') throw error;
    throw formatError(versionDir, `cannot be loaded (${(error as Error).message})`);
  }
}

/** Saved version numbers of a project folder, ascending (temp folders of interrupted saves are ignored). */
export function savedVersions(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => (/^v\d+$/.test(name) ? [Number(name.slice(1))] : []))
    .sort((a, b) => a - b);
}

/** Reads `active.json`; undefined when the project has none. */
export function readActiveFile(dir: string): ActiveFile | undefined {
  const path = join(dir, 'active.json');
  if (!existsSync(path)) return undefined;
  const j = readJson(path);
  checkFormat(path, j);
  const { active, next } = j;
  if (typeof active !== 'number' || typeof next !== 'number') throw formatError(path, 'lacks "active" or "next"');
  return { format: MODEL_FILES_FORMAT, active, next };
}

/** Writes `active.json` atomically. */
export function writeActiveFile(dir: string, active: number, next: number): void {
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, 'active.json'), JSON.stringify({ format: MODEL_FILES_FORMAT, active, next }));
}

