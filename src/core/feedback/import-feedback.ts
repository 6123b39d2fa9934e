/**
 * `northstar feedback import FILE`: feedback from CSV, JSON Lines or JSON files, read with the event import's
 * sources (same format detection, streaming and error codes), mapped column → field, validated per row like the
 * API, analysed and stored in batches. Rejected rows are counted and the first ones reported with their row.
 */
import { NorthstarError } from '../../common/errors.js';
import { csvSource } from '../import/csv-source.js';
import { detectImportFormat, importFileSize, type EventSource } from '../import/event-source.js';
import { jsonlSource, jsonSource } from '../import/jsonl-source.js';
import { parseFeedbackItem, type FeedbackDraft, type FeedbackIssue } from './feedback-input.js';
import type { FeedbackService } from './feedback-service.js';

/** Which column holds which field; only `textCol` is needed (default `text`). */
export interface FeedbackColumns {
  textCol?: string;
  idCol?: string;
  userCol?: string;
  timeCol?: string;
  ratingCol?: string;
  sourceCol?: string;
}

/** Options of {@link importFeedbackFile}. */
export interface ImportFeedbackOptions extends FeedbackColumns {
  file: string;
  projectId: string;
  /** Source of rows without a source column (default `import`). */
  source?: string;
  batchSize?: number;
  now?: Date;
}

/** What an import did. */
export interface ImportFeedbackSummary {
  file: string;
  rows: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** The first 20 rejected rows (1-based data rows). */
  rejections: Array<{ row: number; code: string; message: string }>;
}

/** A CSV row arrives in the event shape (top-level columns + properties); flatten it back to columns. */
function columnsOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const props = typeof v['properties'] === 'object' && v['properties'] !== null && !Array.isArray(v['properties']) ? (v['properties'] as Record<string, unknown>) : {};
  const { properties: _p, ...top } = v;
  return { ...props, ...top };
}

/** Maps one row to an API-shaped item using the column names. */
export function rowToItem(row: Record<string, unknown>, cols: FeedbackColumns, source: string): Record<string, unknown> {
  const textCol = cols.textCol ?? 'text';
  const used = new Set([textCol, cols.idCol ?? 'id', cols.userCol ?? 'distinct_id', cols.timeCol ?? 'created_at', cols.ratingCol ?? 'rating', cols.sourceCol ?? 'source']);
  const pick = (name: string): unknown => row[name];
  const str = (x: unknown): string | undefined => (x === undefined || x === null || x === '' ? undefined : String(x));
  const item: Record<string, unknown> = { text: typeof pick(textCol) === 'number' ? String(pick(textCol)) : pick(textCol) };
  const id = str(pick(cols.idCol ?? 'id'));
  if (id !== undefined) item['id'] = id;
  const user = str(pick(cols.userCol ?? 'distinct_id'));
  if (user !== undefined) item['distinct_id'] = user;
  const time = pick(cols.timeCol ?? 'created_at');
  if (typeof time === 'string' || typeof time === 'number') item['created_at'] = time;
  const rating = pick(cols.ratingCol ?? 'rating');
  if (rating !== undefined && rating !== '') item['rating'] = typeof rating === 'string' ? Number(rating) : rating;
  item['source'] = str(pick(cols.sourceCol ?? 'source')) ?? source;
  item['properties'] = Object.fromEntries(Object.entries(row).filter(([k, v]) => !used.has(k) && v !== undefined));
  return item;
}

/** Imports a feedback file into a project. */
export async function importFeedbackFile(service: FeedbackService, options: ImportFeedbackOptions): Promise<ImportFeedbackSummary> {
  const format = detectImportFormat(options.file);
  if (format === 'parquet') throw new NorthstarError('IMPORT_FORMAT', 'feedback import reads .csv, .jsonl/.ndjson and .json files', { details: { file: options.file } });
  const size = await importFileSize(options.file);
  const source: EventSource = format === 'csv' ? csvSource(options.file, size) : format === 'jsonl' ? jsonlSource(options.file, size) : jsonSource(options.file, size);
  const now = options.now ?? new Date();
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const summary: ImportFeedbackSummary = { file: options.file, rows: 0, stored: 0, duplicates: 0, rejected: 0, rejections: [] };
  let batch: FeedbackDraft[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const r = await service.storeDrafts(options.projectId, batch);
    summary.stored += r.stored;
    summary.duplicates += r.duplicates;
    batch = [];
  };
  const reject = (row: number, issue: Pick<FeedbackIssue, 'code' | 'message'>): void => {
    summary.rejected += 1;
    if (summary.rejections.length < 20) summary.rejections.push({ row, code: issue.code, message: issue.message });
  };
  for await (const record of source.records) {
    summary.rows += 1;
    const columns = columnsOf(record.value);
    if (columns === undefined) {
      reject(record.row, { code: 'INVALID_PAYLOAD', message: 'the row is not an object (or has the wrong number of cells)' });
      continue;
    }
    const parsed = parseFeedbackItem(rowToItem(columns, options, options.source ?? 'import'), record.row, now);
    if ('issue' in parsed) reject(record.row, parsed.issue);
    else batch.push(parsed.draft);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}
