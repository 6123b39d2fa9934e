import { NorthstarError } from '../../common/errors.js';

/**
 * Readers for result rows. Every plan casts its output columns to DOUBLE or VARCHAR, so adapters hand back
 * numbers (or bigints, if a driver widens), strings and nulls only.
 */

/** One result set: the rows of one planned query. */
export type Rows = ReadonlyArray<Record<string, unknown>>;

/** A numeric column, `null` when SQL NULL. */
export function numOrNull(row: Record<string, unknown>, key: string): number | null {
  const value = row[key];
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new NorthstarError('INTERNAL', `column ${key} is not numeric: ${typeof value}`);
}

/** A numeric column, 0 when SQL NULL. */
export function num(row: Record<string, unknown>, key: string): number {
  return numOrNull(row, key) ?? 0;
}

/** A text column, `null` when SQL NULL. */
export function text(row: Record<string, unknown>, key: string): string | null {
  const value = row[key];
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  throw new NorthstarError('INTERNAL', `column ${key} is not text: ${typeof value}`);
}

/** The rows of query `index`, failing loudly when an adapter returned fewer result sets than planned. */
export function resultSet(rows: ReadonlyArray<Rows>, index: number): Rows {
  const set = rows[index];
  if (set === undefined) throw new NorthstarError('INTERNAL', `missing result set ${index} (got ${rows.length})`);
  return set;
}
