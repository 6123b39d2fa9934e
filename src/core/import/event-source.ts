import { stat } from 'node:fs/promises';
import path from 'node:path';
import { NorthstarError } from '../../common/errors.js';

/** File formats `northstar import` reads. */
export type ImportFormat = 'csv' | 'jsonl' | 'json' | 'parquet';

/** One raw record read from a file, before validation. `row` is 1-based (data rows; the CSV header is not one). */
export interface SourceRecord {
  row: number;
  /** The event as parsed; a string when the row could not be parsed (it will be quarantined as such). */
  value: unknown;
}

/**
 * Records of a file plus how far the reader got, in `unit`s of `total` (bytes for text files, rows for parquet),
 * so a progress bar can advance while the file streams.
 */
export interface EventSource {
  format: ImportFormat;
  unit: 'bytes' | 'rows';
  total: number;
  /** Units consumed so far; grows as `records` is iterated. */
  position(): number;
  records: AsyncIterable<SourceRecord>;
}

const EXTENSIONS: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.parquet': 'parquet',
};

/** The format implied by a file name; IMPORT_FORMAT for anything else. */
export function detectImportFormat(file: string): ImportFormat {
  const ext = path.extname(file).toLowerCase();
  const format = EXTENSIONS[ext];
  if (format === undefined) {
    throw new NorthstarError('IMPORT_FORMAT', `cannot import "${path.basename(file)}": unknown extension "${ext || '(none)'}"`, {
      details: { file, extension: ext, supported: Object.keys(EXTENSIONS) },
    });
  }
  return format;
}

/** The size of a regular file; IMPORT_FILE_NOT_FOUND when it is missing or not a file. */
export async function importFileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new NorthstarError('IMPORT_FILE_NOT_FOUND', `"${file}" is not a regular file`, { details: { file } });
    return info.size;
  } catch (error) {
    if (error instanceof NorthstarError) throw error;
    throw new NorthstarError('IMPORT_FILE_NOT_FOUND', `cannot read "${file}": no such file`, { details: { file }, cause: error });
  }
}
