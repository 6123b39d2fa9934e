/**
 * Reads a folder laid out like numenta/NAB: `data/<category>/<file>.csv` (timestamp,value),
 * `labels/combined_windows.json`, `config/profiles.json`, and optionally `config/thresholds.json` and
 * `results/<detector>/...` (published raw outputs and per-file score summaries).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NorthstarError } from '../../common/errors.js';
import type { CostMatrix } from '../../ml/anomaly/nab-sweeper.js';

/** One NAB series. */
export interface NabSeries {
  /** `category/file.csv`, the key used by the label file. */
  readonly name: string;
  readonly timestamps: number[];
  readonly values: number[];
  /** Anomaly windows as [start, end] epoch ms. */
  readonly windows: Array<[number, number]>;
}

/** NAB profile names in the order NAB reports them. */
export const NAB_PROFILES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;
/** One of NAB's three application profiles. */
export type NabProfileName = (typeof NAB_PROFILES)[number];

const costSchema = z.object({ tpWeight: z.number(), fpWeight: z.number(), fnWeight: z.number(), tnWeight: z.number().optional() });
const profilesSchema = z.record(z.string(), z.object({ CostMatrix: costSchema }));
const windowsSchema = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])));
const thresholdsSchema = z.record(z.string(), z.record(z.string(), z.object({ threshold: z.number(), score: z.number() })));

/** Parses NAB's `YYYY-MM-DD HH:MM:SS[.ffffff]` (no zone; read as UTC, which keeps equality exact) to epoch ms. */
export function parseNabTimestamp(text: string): number {
  const ms = Date.parse(`${text.trim().slice(0, 19).replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) throw new NorthstarError('IMPORT_FORMAT', `not a NAB timestamp: "${text}"`, { hint: 'NAB timestamps look like 2014-04-10 07:15:00' });
  return ms;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new NorthstarError('NOT_FOUND', `missing ${file}`, { hint: 'Point --data at a NAB-layout folder (data/, labels/combined_windows.json, config/profiles.json).' });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new NorthstarError('INVALID_JSON', `${file} is not valid JSON: ${(e as Error).message}`);
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new NorthstarError('IMPORT_FORMAT', `${file} does not have NAB's layout: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}

/** Reads a CSV with a header into columns by header name (NAB files have no quoted fields). */
export function readCsvColumns(file: string): Map<string, string[]> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',');
  const cols = new Map<string, string[]>(header.map((h) => [h, []]));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    header.forEach((h, j) => cols.get(h)!.push(cells[j] ?? ''));
  }
  return cols;
}

/** The three profiles' cost matrices from `config/profiles.json`. */
export function readNabProfiles(dir: string): Record<NabProfileName, CostMatrix> {
  const file = path.join(dir, 'config', 'profiles.json');
  const p = parseOrThrow(profilesSchema, readJson(file), file);
  const out = {} as Record<NabProfileName, CostMatrix>;
  for (const name of NAB_PROFILES) {
    const m = p[name];
    if (m === undefined) throw new NorthstarError('IMPORT_FORMAT', `${file} lacks the "${name}" profile`);
    out[name] = { tpWeight: m.CostMatrix.tpWeight, fpWeight: m.CostMatrix.fpWeight, fnWeight: m.CostMatrix.fnWeight };
  }
  return out;
}

/** Published thresholds per detector and profile (`config/thresholds.json`), or {} when absent. */
export function readNabThresholds(dir: string): Record<string, Record<string, { threshold: number; score: number }>> {
  const file = path.join(dir, 'config', 'thresholds.json');
  if (!existsSync(file)) return {};
  return parseOrThrow(thresholdsSchema, readJson(file), file);
}

/** Every series under `data/` that the label file lists, sorted by name, with its windows. */
export function readNabCorpus(dir: string): NabSeries[] {
  const labelFile = path.join(dir, 'labels', 'combined_windows.json');
  const labels = parseOrThrow(windowsSchema, readJson(labelFile), labelFile);
  const dataDir = path.join(dir, 'data');
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new NorthstarError('NOT_FOUND', `missing ${dataDir}`, { hint: 'A NAB folder has data/<category>/<file>.csv' });
  const out: NabSeries[] = [];
  for (const category of readdirSync(dataDir).sort()) {
    const catDir = path.join(dataDir, category);
    if (!statSync(catDir).isDirectory()) continue;
    for (const f of readdirSync(catDir).sort()) {
      const name = `${category}/${f}`;
      const w = labels[name];
      if (!f.endsWith('.csv') || w === undefined) continue;
      const cols = readCsvColumns(path.join(catDir, f));
      const ts = cols.get('timestamp');
      const vs = cols.get('value');
      if (ts === undefined || vs === undefined) throw new NorthstarError('IMPORT_FORMAT', `${name} needs timestamp,value columns`);
      out.push({ name, timestamps: ts.map(parseNabTimestamp), values: vs.map(Number), windows: w.map(([a, b]) => [parseNabTimestamp(a), parseNabTimestamp(b)]) });
    }
  }
  if (out.length === 0) throw new NorthstarError('NOT_FOUND', `no labelled series under ${dataDir}`);
  return out;
}

/** A published detector's raw anomaly_score column for one series (`results/<det>/<cat>/<det>_<file>`), if present. */
export function readPublishedRawScores(dir: string, detector: string, seriesName: string): number[] | undefined {
  const [category, file] = seriesName.split('/');
  const p = path.join(dir, 'results', detector, category ?? '', `${detector}_${file ?? ''}`);
  if (!existsSync(p)) return undefined;
  const col = readCsvColumns(p).get('anomaly_score');
  return col?.map(Number);
}

/** Published per-file raw scores of a detector for a profile (`results/<det>/<det>_<profile>_scores.csv`). */
export function readPublishedFileScores(dir: string, detector: string, profile: NabProfileName): Map<string, number> | undefined {
  const p = path.join(dir, 'results', detector, `${detector}_${profile}_scores.csv`);
  if (!existsSync(p)) return undefined;
  const cols = readCsvColumns(p);
  const files = cols.get('File') ?? [];
  const scores = cols.get('Score') ?? [];
  const out = new Map<string, number>();
  files.forEach((f, i) => {
    if (f !== '' && f !== 'Totals') out.set(f, Number(scores[i]));
  });
  return out;
}

/** Detectors with a published scores folder under `results/`. */
export function listPublishedDetectors(dir: string): string[] {
  const r = path.join(dir, 'results');
  if (!existsSync(r)) return [];
  return readdirSync(r).filter((d) => existsSync(path.join(r, d, `${d}_standard_scores.csv`))).sort();
}
