/**
 * CSV tabular data for training: numeric columns as they are (missing values imputed with the training
 * mean), categorical columns one-hot encoded (missing → its own "(missing)" category), identifier-like
 * columns (a different value on every row, or more than `maxCategories`) dropped, and the target encoded as class indices or values. The
 * fitted encoding is JSON, saved beside a model so evaluation and prediction encode new rows the same way.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { NorthstarError } from '../../common/errors.js';
import { Tensor } from '../tensor.js';

/** How each input column is encoded. */
export type ColumnEncoding =
  | { name: string; kind: 'numeric'; fill: number }
  | { name: string; kind: 'categorical'; categories: string[] };

/** The fitted encoding of a table (JSON-serialisable). */
export interface TabularEncoding {
  columns: ColumnEncoding[];
  /** Names of the encoded features, e.g. `tenure`, `Contract=Two year`. */
  featureNames: string[];
  /** Columns left out, with the reason. */
  dropped: Array<{ name: string; reason: string }>;
  target: { name: string; task: 'classification'; classes: string[] } | { name: string; task: 'regression' };
}

/** Options for fitting an encoding. */
export interface TabularOptions {
  target: string;
  /** Default: classification when the target is non-numeric or has at most 20 distinct values. */
  task?: 'classification' | 'regression';
  /** Columns to leave out (ids, leaks). */
  drop?: readonly string[];
  /** A categorical column with more distinct values than this is dropped (default 50). */
  maxCategories?: number;
}

/** Encoded rows. */
export interface TabularData {
  x: Tensor;
  /** Class indices [n] (classification) or values [n, 1] (regression). */
  y: Tensor;
  /** Rows (1-based, excluding the header) that were skipped, with the reason. */
  skipped: Array<{ row: number; reason: string }>;
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
const isMissing = (v: string): boolean => MISSING.has(v.trim().toLowerCase());
const asNumber = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v));

/** Parses CSV text with a header row into trimmed string cells. */
export function parseCsvTable(text: string): { header: string[]; rows: string[][] } {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: true, bom: true }) as string[][];
  } catch (error) {
    throw new NorthstarError('NN_INVALID_DATA', `CSV could not be parsed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const [header, ...rows] = records;
  if (header === undefined || header.length === 0) throw new NorthstarError('NN_INVALID_DATA', 'the CSV has no header row');
  return { header: header.map((h) => h.trim()), rows };
}

/** Learns the encoding from training rows. */
export function fitTabularEncoding(header: readonly string[], rows: readonly string[][], options: TabularOptions): TabularEncoding {
  const t = header.indexOf(options.target);
  if (t < 0) throw new NorthstarError('NN_INVALID_DATA', `target column "${options.target}" is not in the CSV (columns: ${header.join(', ')})`);
  if (rows.length === 0) throw new NorthstarError('NN_INVALID_DATA', 'the CSV has no data rows');
  const maxCategories = options.maxCategories ?? 50;
  const drop = new Set(options.drop ?? []);
  const dropped: TabularEncoding['dropped'] = [];
  const columns: ColumnEncoding[] = [];
  header.forEach((name, i) => {
    if (i === t) return;
    if (drop.has(name)) return void dropped.push({ name, reason: 'dropped by option' });
    const present = rows.map((r) => r[i] ?? '').filter((v) => !isMissing(v));
    if (present.length === 0) return void dropped.push({ name, reason: 'no values' });
    if (present.every((v) => Number.isFinite(asNumber(v)))) {
      const mean = present.reduce((a, v) => a + asNumber(v), 0) / present.length;
      columns.push({ name, kind: 'numeric', fill: mean });
      return;
    }
    const distinct = [...new Set(present.map((v) => v.trim()))].sort();
    // Too many categories, or a different value on every row (an id), carries no learnable signal.
    if (distinct.length > maxCategories || (distinct.length === present.length && present.length > 2)) {
      return void dropped.push({ name, reason: `${distinct.length} distinct values (identifier-like)` });
    }
    const categories = present.length < rows.length ? [...distinct, '(missing)'] : distinct;
    columns.push({ name, kind: 'categorical', categories });
  });
  const targetValues = rows.map((r) => (r[t] ?? '').trim()).filter((v) => !isMissing(v));
  const numericTarget = targetValues.every((v) => Number.isFinite(asNumber(v)));
  const distinctTargets = [...new Set(targetValues)];
  const task = options.task ?? (!numericTarget || distinctTargets.length <= 20 ? 'classification' : 'regression');
  if (task === 'regression' && !numericTarget) throw new NorthstarError('NN_INVALID_DATA', `regression target "${options.target}" has non-numeric values`);
  const classes = numericTarget ? distinctTargets.sort((a, b) => asNumber(a) - asNumber(b)) : distinctTargets.sort();
  if (task === 'classification' && classes.length < 2) throw new NorthstarError('NN_INVALID_DATA', `target "${options.target}" has fewer than two classes`);
  const featureNames = columns.flatMap((c) => (c.kind === 'numeric' ? [c.name] : c.categories.map((v) => `${c.name}=${v}`)));
  return {
    columns,
    featureNames,
    dropped,
    target: task === 'classification' ? { name: options.target, task, classes } : { name: options.target, task },
  };
}

/**
 * Encodes rows with a fitted encoding. Rows whose target is missing, or (classification) a class the
 * encoding does not know, are skipped and reported; unknown feature categories encode as all zeros.
 */
export function encodeTabular(header: readonly string[], rows: readonly string[][], enc: TabularEncoding): TabularData {
  const index = new Map(header.map((h, i) => [h, i]));
  for (const c of enc.columns) if (!index.has(c.name)) throw new NorthstarError('NN_INVALID_DATA', `column "${c.name}" used by the model is missing from the CSV`);
  const t = index.get(enc.target.name);
  const width = enc.featureNames.length;
  const x: number[] = [];
  const y: number[] = [];
  const skipped: TabularData['skipped'] = [];
  rows.forEach((r, rowIndex) => {
    const raw = t === undefined ? '' : (r[t] ?? '').trim();
    let label: number;
    if (isMissing(raw)) return void skipped.push({ row: rowIndex + 1, reason: 'missing target' });
    if (enc.target.task === 'classification') {
      label = enc.target.classes.indexOf(raw);
      if (label < 0) return void skipped.push({ row: rowIndex + 1, reason: `label "${raw}" is not a training class` });
    } else {
      label = asNumber(raw);
      if (!Number.isFinite(label)) return void skipped.push({ row: rowIndex + 1, reason: `target "${raw}" is not a number` });
    }
    const features: number[] = [];
    for (const c of enc.columns) {
      const v = (r[index.get(c.name)!] ?? '').trim();
      if (c.kind === 'numeric') {
        const n = isMissing(v) ? c.fill : asNumber(v);
        features.push(Number.isFinite(n) ? n : c.fill);
      } else {
        const key = isMissing(v) ? '(missing)' : v;
        for (const cat of c.categories) features.push(cat === key ? 1 : 0);
      }
    }
    x.push(...features);
    y.push(label);
  });
  const n = y.length;
  if (n === 0) throw new NorthstarError('NN_INVALID_DATA', `no usable rows (${skipped.length} skipped)`);
  return {
    x: new Tensor(Float32Array.from(x), [n, width]),
    y: enc.target.task === 'classification' ? new Tensor(Float32Array.from(y), [n]) : new Tensor(Float32Array.from(y), [n, 1]),
    skipped,
  };
}

/** Reads a CSV file, fits the encoding on it (or uses `encoding`) and encodes every row. */
export async function loadCsv(file: string, options: TabularOptions, encoding?: TabularEncoding): Promise<TabularData & { encoding: TabularEncoding }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new NorthstarError('NN_INVALID_DATA', `cannot read CSV file ${file}`, { cause: error });
  }
  const { header, rows } = parseCsvTable(text);
  const enc = encoding ?? fitTabularEncoding(header, rows, options);
  return { ...encodeTabular(header, rows, enc), encoding: enc };
}
