import { DuckDBTimestampValue } from '@duckdb/node-api';

/**
 * Conversions between JS values and DuckDB values. TIMESTAMP columns hold UTC wall time as microseconds
 * since the epoch; going through `Date.getTime()` (always UTC) on the way in and the micros on the way out
 * means no local-timezone shift can creep in, whatever TZ the process runs under.
 */

/** A JS Date as a DuckDB TIMESTAMP (UTC, microseconds). */
export function toTimestampValue(date: Date): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(date.getTime()) * 1000n);
}

/** A DuckDB TIMESTAMP (or a Date from the JS converters) as a JS Date; null stays null. */
export function fromTimestamp(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (value instanceof DuckDBTimestampValue) return new Date(Number(value.micros / 1000n));
  if (typeof value === 'string') return new Date(value.endsWith('Z') ? value : `${value.replace(' ', 'T')}Z`);
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

/** Like {@link fromTimestamp} for NOT NULL columns. */
export function requireTimestamp(value: unknown): Date {
  const date = fromTimestamp(value);
  if (date === null) throw new TypeError('unexpected NULL timestamp');
  return date;
}

/** Parses a JSON column read back as text; NULL becomes `fallback`. */
export function parseJsonColumn<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'string') return value as T;
  return JSON.parse(value) as T;
}

/** A string column value, or null. */
export function optionalString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A numeric column value (DOUBLE, INTEGER, BIGINT, HUGEINT, DECIMAL) as a JS number, or null. */
export function optionalNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return Number(value);
}

/**
 * A query result cell as a plain value for insight assembly: numbers for every numeric type (BIGINT
 * converted), strings for text, ISO-8601 strings for timestamps and dates, null for NULL.
 */
export function toPlainCell(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlainCell);
  return value;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The string with lone UTF-16 surrogates replaced by U+FFFD. JS strings may hold them, UTF-8 cannot: the
 * driver would replace them anyway on the way in, so doing it first keeps uuids and names consistent.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

function sanitise(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (value === null || typeof value !== 'object') return value;
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return sanitise(withToJson.toJSON());
  if (Array.isArray(value)) return value.map(sanitise);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[wellFormed(key)] = sanitise(item);
  return out;
}

/**
 * JSON text DuckDB accepts. `JSON.stringify` writes a lone surrogate as a `\udXXX` escape, which DuckDB's
 * JSON reader rejects ("no low surrogate"), and one such value would fail a whole group commit or every
 * later query on the row; those (rare) values are rewritten with U+FFFD first. `serialised`, when given, is
 * `JSON.stringify(value)` already computed by the caller and is used instead of serialising again.
 */
export function toJsonText(value: unknown, serialised?: string): string {
  const text = serialised ?? JSON.stringify(value) ?? 'null';
  return /\\u[dD][89a-fA-F]/.test(text) ? (JSON.stringify(sanitise(value)) ?? 'null') : text;
}
