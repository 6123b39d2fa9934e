import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { NorthstarError } from '../../common/errors.js';
import type { EventSource, SourceRecord } from './event-source.js';

const TOP_LEVEL = new Set(['event', 'distinct_id', 'timestamp', 'uuid']);

/** A parquet cell as a JSON value: INT64 → number (string when unsafe), TIMESTAMP → ISO-8601, bytes → base64. */
export function parquetValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(parquetValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, parquetValue(v)]));
  }
  return value;
}

/**
 * Maps a parquet row to the native event shape with the same column rules as CSV: `event`, `distinct_id`,
 * `timestamp`, `uuid` at the top level; `properties` as a JSON string or a struct is merged in; `prop_<name>`
 * and any other column become properties. Null cells are left out.
 */
export function parquetRowToEvent(row: Record<string, unknown>): Record<string, unknown> | string {
  const event: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    const value = parquetValue(raw);
    if (value === null || value === undefined) continue;
    if (TOP_LEVEL.has(column)) {
      event[column] = value;
    } else if (column === 'properties') {
      let parsed: unknown = value;
      if (typeof value === 'string') {
        try {
          parsed = JSON.parse(value);
        } catch {
          return JSON.stringify(parquetValue(row));
        }
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return JSON.stringify(parquetValue(row));
      Object.assign(properties, parsed);
    } else {
      properties[column.startsWith('prop_') ? column.slice(5) : column] = value;
    }
  }
  event['properties'] = properties;
  return event;
}

/** Streams a parquet file one row group at a time (uncompressed, snappy; other codecs are IMPORT_FORMAT). */
export async function parquetSource(file: string): Promise<EventSource> {
  const buffer = await asyncBufferFromFile(file);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new NorthstarError('IMPORT_FORMAT', `"${file}" is not a parquet file: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const total = Number(metadata.num_rows);
  let done = 0;
  async function* records(): AsyncGenerator<SourceRecord> {
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      let rows: Array<Record<string, unknown>>;
      try {
        rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd });
      } catch (error) {
        throw new NorthstarError('IMPORT_FORMAT', `cannot read "${file}" rows ${rowStart}-${rowEnd}: ${error instanceof Error ? error.message : String(error)}`, {
          hint: 'Write the parquet file uncompressed or with snappy compression.',
          cause: error,
        });
      }
      for (let i = 0; i < rows.length; i++) {
        done = rowStart + i + 1;
        yield { row: rowStart + i + 1, value: parquetRowToEvent(rows[i] ?? {}) };
      }
      rowStart = rowEnd;
    }
  }
  return { format: 'parquet', unit: 'rows', total, position: () => done, records: records() };
}
