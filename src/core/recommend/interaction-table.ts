/** One row as read from a file, before ids are indexed and numbers parsed. */
export interface RawInteraction {
  user: string;
  item: string;
  rating: string | undefined;
  time: string | undefined;
  event: string | undefined;
}

/**
 * An interaction log with users and items mapped to dense indices (in order of first appearance).
 * `weights` are ratings or event weights; `times` are seconds since the epoch (absent when the file had
 * no time column).
 */
export interface InteractionTable {
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly users: Int32Array;
  readonly items: Int32Array;
  readonly weights: Float32Array;
  readonly times: Float64Array | undefined;
  /** Rows dropped: empty ids, non-positive or non-numeric weight, unparsable time, unweighted event. */
  readonly skipped: number;
}

/** Default weights when an event column is read (Northstar's e-commerce event names and common aliases). */
export const DEFAULT_EVENT_WEIGHTS: Readonly<Record<string, number>> = {
  view: 1,
  product_viewed: 1,
  $pageview: 1,
  cart: 3,
  add_to_cart: 3,
  product_added: 3,
  purchase: 5,
  order_completed: 5,
};

/** Options of {@link buildInteractionTable}. */
export interface BuildTableOptions {
  eventWeights?: Readonly<Record<string, number>>;
}

/**
 * Parses times as epoch seconds: numbers above 10^11 are taken as milliseconds; other strings go through
 * Date.parse (ISO dates, "YYYY-MM-DD HH:MM:SS" read as UTC).
 */
export function parseTime(value: string): number {
  if (value === '') return Number.NaN;
  const n = Number(value);
  if (Number.isFinite(n)) return n > 1e11 ? n / 1000 : n;
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  return Date.parse(iso) / 1000;
}

/** Indexes ids and parses numbers; see {@link InteractionTable}. */
export function buildInteractionTable(rows: readonly RawInteraction[], options: BuildTableOptions = {}): InteractionTable {
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const users = new Int32Array(rows.length);
  const items = new Int32Array(rows.length);
  const weights = new Float32Array(rows.length);
  const hasTime = rows.length > 0 && rows[0]!.time !== undefined;
  const times = hasTime ? new Float64Array(rows.length) : undefined;
  const eventWeights = options.eventWeights ?? DEFAULT_EVENT_WEIGHTS;
  let n = 0;
  let skipped = 0;
  for (const row of rows) {
    // Float-formatted ids ("17850.0") name the same user as "17850".
    const user = normaliseId(row.user);
    const item = normaliseId(row.item);
    let weight = row.rating === undefined || row.rating === '' ? 1 : Number(row.rating);
    if (row.event !== undefined) weight *= eventWeights[row.event] ?? Number.NaN;
    const time = times === undefined ? 0 : parseTime(row.time ?? '');
    if (user === '' || item === '' || !(weight > 0) || !Number.isFinite(weight) || !Number.isFinite(time)) {
      skipped++;
      continue;
    }
    let u = userIndex.get(user);
    if (u === undefined) userIndex.set(user, (u = userIndex.size));
    let i = itemIndex.get(item);
    if (i === undefined) itemIndex.set(item, (i = itemIndex.size));
    users[n] = u;
    items[n] = i;
    weights[n] = weight;
    if (times !== undefined) times[n] = time;
    n++;
  }
  return {
    userIds: [...userIndex.keys()],
    itemIds: [...itemIndex.keys()],
    users: users.slice(0, n),
    items: items.slice(0, n),
    weights: weights.slice(0, n),
    times: times?.slice(0, n),
    skipped,
  };
}

function normaliseId(id: string): string {
  return /^-?\d+\.0+$/.test(id) ? id.slice(0, id.indexOf('.')) : id;
}
