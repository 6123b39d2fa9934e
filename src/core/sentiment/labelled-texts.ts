/**
 * Reads a labelled CSV/TSV for `northstar sentiment eval|train`, per the CLI contract: the delimiter is
 * detected from the header line (tab, comma or semicolon, outside quotes); columns are named as in the header
 * or by 1-based position; `--labels` names the classes in the order of the numeric label values (0, 1[, 2]) or
 * lists the literal label strings. Two labels mean negative,positive; three mean negative,neutral,positive.
 * Without `--labels`, the values decide: 0/1 → two classes, 0/1/2 → three, or the usual names
 * (neg/negative/负面, neu/neutral/中性, pos/positive/正面).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { NorthstarError } from '../../common/errors.js';
import type { SentimentLabel } from '../../ml/text/sentiment-model.js';
import type { SentimentSample } from '../../ml/text/train-sentiment.js';

/** Where to find texts and labels. */
export interface LabelledTextsSpec {
  readonly file: string;
  readonly textCol: string;
  readonly labelCol: string;
  /** `--labels`, split on commas (2 or 3 entries), or undefined to infer. */
  readonly labels?: readonly string[];
}

/** The parsed file: samples whose label indexes `classes`. */
export interface LabelledTexts {
  readonly samples: SentimentSample[];
  readonly classes: readonly SentimentLabel[];
  /** The label strings as given (or inferred), in class order. */
  readonly labelNames: readonly string[];
  readonly delimiter: string;
}

const KNOWN: Readonly<Record<string, SentimentLabel>> = {
  neg: 'negative', negative: 'negative', 负面: 'negative', 消极: 'negative', bad: 'negative',
  neu: 'neutral', neutral: 'neutral', 中性: 'neutral',
  pos: 'positive', positive: 'positive', 正面: 'positive', 积极: 'positive', good: 'positive',
};

/** The delimiter of a header line: the most frequent of tab, comma, semicolon outside double quotes. */
export function detectDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { '\t': 0, ',': 0, ';': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  let best = ',';
  for (const d of ['\t', ';']) if (counts[d]! > counts[best]!) best = d;
  return best;
}

/** Index of a column given by header name (exact, then case-insensitive) or 1-based position. */
export function resolveColumn(header: readonly string[], ref: string, flag: string): number {
  const exact = header.indexOf(ref);
  if (exact >= 0) return exact;
  const lower = header.findIndex((h) => h.trim().toLowerCase() === ref.trim().toLowerCase());
  if (lower >= 0) return lower;
  if (/^\d+$/u.test(ref)) {
    const pos = Number(ref);
    if (pos >= 1 && pos <= header.length) return pos - 1;
  }
  throw new NorthstarError('UNKNOWN_COLUMN', `${flag} "${ref}" is not a column of the file`, {
    hint: `Name a header column (${header.slice(0, 12).join(', ')}) or give its 1-based position, e.g. ${flag} 2.`,
    details: { columns: header },
  });
}

function classesFor(count: number): SentimentLabel[] {
  return count === 3 ? ['negative', 'neutral', 'positive'] : ['negative', 'positive'];
}

/** Maps raw label values to class indices with explicit or inferred `--labels`. */
export function mapLabels(values: readonly string[], labels: readonly string[] | undefined): { indices: number[]; classes: SentimentLabel[]; names: string[] } {
  if (labels !== undefined) {
    if (labels.length !== 2 && labels.length !== 3) {
      throw new NorthstarError('INVALID_ARGUMENT', `--labels needs 2 or 3 names, got ${labels.length}`, { hint: 'Use --labels neg,pos or --labels neg,neu,pos (in the order of the numeric label values).' });
    }
    const names = labels.map((l) => l.trim());
    const lower = names.map((n) => n.toLowerCase());
    const indices = values.map((raw, row) => {
      const v = raw.trim();
      const byName = lower.indexOf(v.toLowerCase());
      if (byName >= 0) return byName;
      if (/^\d+(\.0+)?$/u.test(v) && Number(v) < names.length) return Number(v);
      throw new NorthstarError('INVALID_ARGUMENT', `label "${raw}" on data row ${row + 1} is neither 0..${names.length - 1} nor one of ${names.join(',')}`, {
        hint: '--labels lists the classes in the order of the numeric values (0, 1[, 2]) or the literal label strings.',
      });
    });
    return { indices, classes: classesFor(names.length), names };
  }
  const distinct = [...new Set(values.map((v) => v.trim().toLowerCase()))];
  if (distinct.every((v) => /^\d+(\.0+)?$/u.test(v))) {
    const max = Math.max(0, ...distinct.map(Number));
    if (max > 2) throw new NorthstarError('INVALID_ARGUMENT', `numeric labels go up to ${max}; sentiment has at most 3 classes`, { hint: 'Map the labels to 0/1 (neg,pos) or 0/1/2 (neg,neu,pos), or pass --labels.' });
    const classes = classesFor(max === 2 ? 3 : 2);
    return { indices: values.map((v) => Number(v.trim())), classes, names: classes.map((c) => c.slice(0, 3)) };
  }
  const unknown = distinct.find((v) => KNOWN[v] === undefined);
  if (unknown !== undefined) {
    throw new NorthstarError('INVALID_ARGUMENT', `label "${unknown}" is not a known sentiment name`, { hint: 'Pass --labels with your label strings in the order negative,positive or negative,neutral,positive.' });
  }
  const three = distinct.some((v) => KNOWN[v] === 'neutral');
  const classes = classesFor(three ? 3 : 2);
  return { indices: values.map((v) => classes.indexOf(KNOWN[v.trim().toLowerCase()]!)), classes, names: classes.map((c) => c.slice(0, 3)) };
}

/** Reads and validates the file; see the module comment. Missing file / column / bad label → coded errors. */
export function readLabelledTexts(spec: LabelledTextsSpec): LabelledTexts {
  let content: string;
  try {
    content = readFileSync(spec.file, 'utf8').replace(/^\uFEFF/u, '');
  } catch {
    throw new NorthstarError('NOT_FOUND', `cannot read ${spec.file}`, { hint: 'Check the path given to --csv.' });
  }
  const firstLine = content.slice(0, content.search(/\r?\n|$/u));
  const delimiter = detectDelimiter(firstLine);
  let rows: string[][];
  try {
    rows = parse(content, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, quote: delimiter === '\t' ? false : '"' }) as string[][];
  } catch (e) {
    throw new NorthstarError('INVALID_ARGUMENT', `${spec.file} is not a readable CSV/TSV: ${e instanceof Error ? e.message : String(e)}`, { hint: 'Use UTF-8 with a header line.' });
  }
  const header = rows[0] ?? [];
  const ti = resolveColumn(header, spec.textCol, '--text-col');
  const li = resolveColumn(header, spec.labelCol, '--label-col');
  const data = rows.slice(1).filter((r) => (r[li] ?? '').trim().length > 0);
  if (data.length === 0) throw new NorthstarError('INVALID_ARGUMENT', `${spec.file} has no labelled rows`, { hint: 'The file needs a header line and at least one row with a label.' });
  const { indices, classes, names } = mapLabels(data.map((r) => r[li] ?? ''), spec.labels);
  return { samples: data.map((r, i) => ({ text: r[ti] ?? '', label: indices[i]! })), classes, labelNames: names, delimiter };
}
