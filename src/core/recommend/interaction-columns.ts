import { NorthstarError } from '../../common/errors.js';

/** Which columns hold what; each is a header name or a 1-based position. */
export interface ColumnOptions {
  userCol?: string;
  itemCol?: string;
  ratingCol?: string;
  timeCol?: string;
  /** Column with the event name (view, cart, purchase…), weighted by `eventWeights`. */
  eventCol?: string;
  /** Weight per event name; events not listed are skipped. */
  eventWeights?: Readonly<Record<string, number>>;
}

/** A parsed column reference. */
export type ColumnSpec = { kind: 'name'; name: string } | { kind: 'position'; index: number } | undefined;

/** Zero-based column indices resolved against the file, and whether its first row is a header. */
export interface ResolvedColumns {
  hasHeader: boolean;
  user: number;
  item: number;
  rating: number | undefined;
  time: number | undefined;
  event: number | undefined;
}

/** "3" → position 3 (1-based), anything else → a header name. */
export function parseColumnSpec(value: string | undefined): ColumnSpec {
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) {
    const index = Number(value);
    if (index < 1) throw new NorthstarError('INVALID_ARGUMENT', `column positions are 1-based, got ${value}`);
    return { kind: 'position', index: index - 1 };
  }
  return { kind: 'name', name: value };
}

const GUESSES = {
  user: ['user', 'userid', 'user_id', 'distinct_id', 'customerid', 'customer_id', 'visitorid', 'visitor_id'],
  item: ['item', 'itemid', 'item_id', 'product', 'productid', 'product_id', 'stockcode', 'movieid', 'movie_id'],
  rating: ['rating', 'weight', 'score', 'value', 'quantity'],
  time: ['timestamp', 'time', 'ts', 'invoicedate', 'date', 'created_at'],
  event: ['event', 'event_type', 'action'],
} as const;

const isNumeric = (cell: string): boolean => cell !== '' && Number.isFinite(Number(cell));

/**
 * Resolves column references against the first record. The first row is a header when any column is given
 * by name, or when not every cell of it is numeric and no positions were given. Without a header and
 * without positions, the MovieLens layout is assumed: user, item, rating, time in columns 1-4.
 */
export function resolveColumns(first: readonly string[], specs: Record<keyof typeof GUESSES, ColumnSpec>): ResolvedColumns {
  const given = Object.values(specs).filter((s) => s !== undefined);
  const anyName = given.some((s) => s.kind === 'name');
  const anyPosition = given.some((s) => s.kind === 'position');
  const allNumeric = first.every(isNumeric);
  const hasHeader = anyName || (!allNumeric && !anyPosition);
  const lower = first.map((c) => c.toLowerCase());
  const resolve = (role: keyof typeof GUESSES, fallback: number | undefined): number | undefined => {
    const spec = specs[role];
    if (spec?.kind === 'position') {
      if (spec.index >= first.length) {
        throw new NorthstarError('UNKNOWN_COLUMN', `--${role}-col ${spec.index + 1} is past the last column (${first.length})`, {
          details: { role, position: spec.index + 1, columns: first.length },
        });
      }
      return spec.index;
    }
    if (spec?.kind === 'name') {
      const at = hasHeader ? first.indexOf(spec.name) : -1;
      const ci = at >= 0 ? at : lower.indexOf(spec.name.toLowerCase());
      if (ci < 0) {
        throw new NorthstarError('UNKNOWN_COLUMN', `no column named "${spec.name}" for --${role}-col`, {
          details: { role, name: spec.name, header: first },
        });
      }
      return ci;
    }
    if (hasHeader) {
      return GUESSES[role].map((g) => lower.indexOf(g)).find((i) => i >= 0);
    }
    return fallback !== undefined && fallback < first.length ? fallback : undefined;
  };
  const user = resolve('user', 0);
  const item = resolve('item', 1);
  if (user === undefined || item === undefined) {
    const missing = user === undefined ? 'user' : 'item';
    throw new NorthstarError('UNKNOWN_COLUMN', `cannot tell which column holds the ${missing}; pass --${missing}-col`, {
      details: { header: first },
    });
  }
  // With positions only, rating/time default to nothing rather than guessing columns 3-4.
  const positional = anyPosition;
  return {
    hasHeader,
    user,
    item,
    rating: resolve('rating', positional ? undefined : 2),
    time: resolve('time', positional ? undefined : 3),
    event: resolve('event', undefined),
  };
}
