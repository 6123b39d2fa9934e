import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { NorthstarError } from '../../common/errors.js';
import type { EventSource, SourceRecord } from './event-source.js';

/**
 * Streams a JSON Lines file: one event per line. A line that is not valid JSON is passed on as its text, so the
 * ingest pipeline quarantines it (with its row) while the other lines are stored.
 */
export function jsonlSource(file: string, size: number): EventSource {
  let bytes = 0;
  async function* records(): AsyncGenerator<SourceRecord> {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let row = 0;
    for await (const line of lines) {
      bytes += Buffer.byteLength(line, 'utf8') + 1;
      if (line.trim() === '') continue;
      row += 1;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = line;
      }
      yield { row, value };
    }
    bytes = size;
  }
  return { format: 'jsonl', unit: 'bytes', total: size, position: () => Math.min(bytes, size), records: records() };
}

/**
 * Reads a `.json` file: an array of events, or `{ "events": [...] }` / `{ "batch": [...] }`. The whole file is
 * parsed at once (use JSONL for files larger than memory); invalid JSON is IMPORT_FORMAT.
 */
export function jsonSource(file: string, size: number): EventSource {
  let done = 0;
  async function* records(): AsyncGenerator<SourceRecord> {
    let body: unknown;
    try {
      body = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new NorthstarError('IMPORT_FORMAT', `"${file}" is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
        hint: 'A .json file holds one array of events (or { "events": [...] }); use .jsonl for one event per line.',
        cause: error,
      });
    }
    const list = Array.isArray(body)
      ? body
      : typeof body === 'object' && body !== null && Array.isArray((body as Record<string, unknown>)['events'])
        ? ((body as Record<string, unknown>)['events'] as unknown[])
        : typeof body === 'object' && body !== null && Array.isArray((body as Record<string, unknown>)['batch'])
          ? ((body as Record<string, unknown>)['batch'] as unknown[])
          : [body];
    for (let i = 0; i < list.length; i++) {
      done = Math.round(((i + 1) / list.length) * size);
      yield { row: i + 1, value: list[i] };
    }
    done = size;
  }
  return { format: 'json', unit: 'bytes', total: size, position: () => done, records: records() };
}
