import { existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { NorthstarError } from '../../common/errors.js';
import { parseColumnSpec, resolveColumns, type ColumnOptions } from './interaction-columns.js';
import { buildInteractionTable, type InteractionTable, type RawInteraction } from './interaction-table.js';

/** Options for {@link readInteractions}. */
export interface ReadInteractionsOptions extends ColumnOptions {
  /** Field separator; sniffed from the first line when absent (tab, comma, semicolon or pipe). */
  sep?: string;
}

/**
 * Reads a CSV/TSV (optionally .gz) of interactions into an {@link InteractionTable}. Columns are named or
 * given as 1-based positions; a file without a header (MovieLens `u.data`) is detected when no column is
 * named and the first row's cells are numeric. Rows with an empty user or item, or a non-positive or
 * non-numeric weight, are skipped and counted.
 */
export function readInteractions(path: string, options: ReadInteractionsOptions = {}): InteractionTable {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new NorthstarError('IMPORT_FILE_NOT_FOUND', `interactions file not found: ${path}`, { details: { path } });
  }
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  if (text.trim() === '') throw new NorthstarError('NO_INTERACTIONS', `interactions file is empty: ${path}`, { details: { path } });
  const sep = options.sep === undefined ? sniffSeparator(text) : unescapeSep(options.sep);
  let records: string[][];
  try {
    records = parse(text, { delimiter: sep, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw new NorthstarError('INVALID_ARGUMENT', `cannot parse ${path} as delimited text: ${(error as Error).message}`, {
      hint: 'Pass the field separator with --sep (for example --sep "\\t" or --sep ",").',
      cause: error,
    });
  }
  const first = records[0];
  if (first === undefined) throw new NorthstarError('NO_INTERACTIONS', `interactions file is empty: ${path}`);
  const specs = {
    user: parseColumnSpec(options.userCol),
    item: parseColumnSpec(options.itemCol),
    rating: parseColumnSpec(options.ratingCol),
    time: parseColumnSpec(options.timeCol),
    event: parseColumnSpec(options.eventCol),
  };
  const cols = resolveColumns(first, specs);
  const rows: RawInteraction[] = [];
  for (let r = cols.hasHeader ? 1 : 0; r < records.length; r++) {
    const rec = records[r]!;
    rows.push({
      user: rec[cols.user] ?? '',
      item: rec[cols.item] ?? '',
      rating: cols.rating === undefined ? undefined : rec[cols.rating],
      time: cols.time === undefined ? undefined : rec[cols.time],
      event: cols.event === undefined ? undefined : rec[cols.event],
    });
  }
  const table = buildInteractionTable(rows, options.eventWeights === undefined ? {} : { eventWeights: options.eventWeights });
  if (table.users.length === 0) {
    throw new NorthstarError('NO_INTERACTIONS', `no usable interactions in ${path} (${table.skipped} rows skipped)`, {
      details: { path, skipped: table.skipped },
    });
  }
  return table;
}

function unescapeSep(sep: string): string {
  if (sep === '\\t' || sep.toLowerCase() === 'tab') return '\t';
  if (sep.length !== 1) throw new NorthstarError('INVALID_ARGUMENT', `--sep must be one character, got "${sep}"`);
  return sep;
}

/** The most frequent candidate separator on the first line. */
export function sniffSeparator(text: string): string {
  const end = text.indexOf('\n');
  const line = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const c of ['\t', ',', ';', '|']) {
    const count = line.split(c).length - 1;
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}
