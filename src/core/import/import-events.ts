import { noProgress, type Progress } from '../../common/progress.js';
import type { Capture } from '../ingest/capture.js';
import type { IndexedIssue } from '../ingest/ingestor.js';
import { csvSource } from './csv-source.js';
import { detectImportFormat, importFileSize, type EventSource, type ImportFormat } from './event-source.js';
import { jsonlSource, jsonSource } from './jsonl-source.js';
import { parquetSource } from './parquet-source.js';

/** Options of {@link importFile}. */
export interface ImportFileOptions {
  file: string;
  projectId: string;
  /** Events per ingest call. Default 5,000 (must not exceed the ingest batch limit). */
  batchSize?: number;
  /** Progress in the source's unit (bytes or rows). */
  progress?: Progress;
  /** Clock for the receive time and the timing. */
  now?: () => Date;
}

/** A rejected row: its 1-based row in the file and why it was quarantined. */
export interface ImportRejection {
  row: number;
  code: IndexedIssue['code'];
  message: string;
}

/** What an import did. Every row is exactly one of stored, duplicate or quarantined. */
export interface ImportSummary {
  file: string;
  format: ImportFormat;
  projectId: string;
  rows: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  /** Stored rows whose timestamp was replaced (unparseable, or far in the future). */
  warnings: number;
  batches: number;
  /** The first rejections (at most 20), to show what went wrong without flooding the terminal. */
  rejections: ImportRejection[];
  elapsedMs: number;
}

/** Opens the right reader for a file (checks that it exists and that its extension is known). */
export async function openEventSource(file: string): Promise<EventSource> {
  const format = detectImportFormat(file);
  const size = await importFileSize(file);
  switch (format) {
    case 'csv':
      return csvSource(file, size);
    case 'jsonl':
      return jsonlSource(file, size);
    case 'json':
      return jsonSource(file, size);
    case 'parquet':
      return parquetSource(file);
  }
}

/**
 * Streams a file into a project through the same ingest pipeline as HTTP (`Capture.native`: validation, dedup
 * on uuid, quarantine with reasons). No `sent_at` is sent, so historical timestamps are kept as they are (no
 * skew correction); rows without a timestamp get the import time. Batches go one at a time, which keeps the
 * ingestor under its back-pressure limit.
 */
export async function importFile(ingest: Pick<Capture, 'native'>, options: ImportFileOptions): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  const started = now().getTime();
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  const progress = options.progress ?? noProgress;
  const source = await openEventSource(options.file);
  const summary: ImportSummary = {
    file: options.file, format: source.format, projectId: options.projectId, rows: 0, stored: 0, duplicates: 0,
    quarantined: 0, warnings: 0, batches: 0, rejections: [], elapsedMs: 0,
  };
  progress.start(source.total, source.unit);
  let reported = 0;
  let batch: unknown[] = [];
  let rows: number[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const { result } = await ingest.native(options.projectId, batch, { receivedAt: now() });
    summary.batches += 1;
    summary.stored += result.accepted;
    summary.duplicates += result.duplicates;
    summary.quarantined += result.rejected.length;
    summary.warnings += result.warnings.length;
    for (const issue of result.rejected) {
      if (summary.rejections.length >= 20) break;
      summary.rejections.push({ row: rows[issue.index] ?? issue.index + 1, code: issue.code, message: issue.message });
    }
    batch = [];
    rows = [];
    const position = source.position();
    progress.tick(position - reported, { stored: summary.stored, quarantined: summary.quarantined });
    reported = position;
  };
  for await (const record of source.records) {
    summary.rows += 1;
    batch.push(record.value);
    rows.push(record.row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  summary.elapsedMs = now().getTime() - started;
  progress.finish({ stored: summary.stored, duplicates: summary.duplicates, quarantined: summary.quarantined });
  return summary;
}
