import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { EventSource, SourceRecord } from './event-source.js';

/** Columns with a meaning of their own; every other column becomes an event property. */
const TOP_LEVEL = new Set(['event', 'distinct_id', 'timestamp', 'uuid']);

/**
 * A CSV cell as a JSON value: numbers and booleans are recognised (CSV has no types), empty cells are left out,
 * everything else stays a string. Leading zeros (`007`, zip codes) stay strings.
 */
export function csvValue(text: string): unknown {
  if (text === '') return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/**
 * Maps one CSV row (header → cell) to the native event shape (docs/cli.md "CSV columns"): `event`, `distinct_id`,
 * `timestamp`, `uuid` at the top level; a `properties` column holding a JSON object is merged in; `prop_<name>`
 * columns become property `<name>`; any other column becomes a property under its own name. A `properties` cell
 * that is not a JSON object makes the row a string (it is then quarantined with the raw text).
 */
export function csvRowToEvent(row: Record<string, string>): Record<string, unknown> | string {
  const event: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (TOP_LEVEL.has(column)) {
      if (cell !== '') event[column] = cell;
    } else if (column === 'properties') {
      if (cell === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(cell);
      } catch {
        return JSON.stringify(row);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return JSON.stringify(row);
      Object.assign(properties, parsed);
    } else {
      const value = csvValue(cell);
      if (value !== undefined) properties[column.startsWith('prop_') ? column.slice(5) : column] = value;
    }
  }
  event['properties'] = properties;
  return event;
}

/** Streams a CSV file with a header row as events. Ragged rows become strings (quarantined), not failures. */
export function csvSource(file: string, size: number): EventSource {
  let bytes = 0;
  async function* records(): AsyncGenerator<SourceRecord> {
    const parser = createReadStream(file).pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: false }),
    );
    let row = 0;
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { bytes: number; invalid_field_length: number } }>) {
      row += 1;
      bytes = item.info.bytes;
      // A row with more or fewer cells than the header is kept raw so it lands in quarantine with its text.
      yield { row, value: item.info.invalid_field_length > 0 ? JSON.stringify(item.record) : csvRowToEvent(item.record) };
    }
    bytes = size;
  }
  return { format: 'csv', unit: 'bytes', total: size, position: () => bytes, records: records() };
}
