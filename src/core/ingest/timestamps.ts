/**
 * Event time resolution with clock-skew correction, following PostHog's rules (posthog.com/docs/data/timestamps,
 * plugin-server `timestamps.ts`) which Segment's formula (`receivedAt − (sentAt − timestamp)`) agrees with:
 *
 * 1. `timestamp` given and a valid `sent_at` given (and `$ignore_sent_at` not set):
 *    `timestamp + (received_at − sent_at)` — the device clock's error cancels out.
 * 2. `timestamp` given, no usable `sent_at`: `timestamp` as is.
 * 3. no `timestamp` but `offset` (ms before sending): `received_at − offset`.
 * 4. nothing: `received_at`.
 *
 * Then: more than 23 h in the future → clamped to `received_at` (a warning, the event is kept); unparseable,
 * before 2000-01-01 or after 2100-01-01 → `received_at` (a warning, the event is kept, as PostHog does for
 * `ignored_invalid_timestamp`). Both are reported per index in the ingest response and marked in properties.
 */

/** Earliest accepted event time; older ones are treated as garbage (device clocks reset to 1970, etc.). */
export const MIN_EVENT_TIME = Date.UTC(2000, 0, 1);
/** Latest accepted event time before clamping kicks in at all (a sanity bound for parsing). */
export const MAX_EVENT_TIME = Date.UTC(2100, 0, 1);
/** Events further in the future than this (after skew correction) are clamped to the receive time. */
export const FUTURE_TOLERANCE_MS = 23 * 3600 * 1000;

/** Inputs of {@link resolveTimestamp}, as found on the wire (unvalidated). */
export interface TimestampInput {
  timestamp?: unknown;
  sentAt?: unknown;
  offset?: unknown;
  ignoreSentAt?: boolean;
  receivedAt: Date;
}

/** Why the resolved time differs from what the client said, when it does for a reason worth reporting. */
export type TimestampWarning = 'clamped_future' | 'invalid';

/** Resolved time plus an optional warning. */
export interface ResolvedTimestamp {
  timestamp: Date;
  warning?: TimestampWarning;
}

// ISO-8601 date or date-time; the offset is optional (then UTC, unlike Date.parse which would use local time).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO-8601 string or epoch milliseconds (number, or a string of digits) to epoch ms; `undefined`
 * when it is neither. Strings without an offset are UTC.
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const fast = parseCanonicalUtc(text);
  if (fast !== undefined) return fast;
  if (/^\d{10,16}(\.\d+)?$/.test(text)) return Number(text);
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = Number((frac + '000').slice(0, 3));
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Date.UTC rolls over invalid fields (Feb 30 → Mar 2); reject those instead of guessing.
  const check = new Date(base);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23) return undefined;
  if (zone === undefined || zone.toUpperCase() === 'Z') return base;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  return base - sign * offsetMin * 60_000;
}

/**
 * Fast path for what SDKs send (`new Date().toISOString()`: `YYYY-MM-DDTHH:MM:SS.sssZ`): V8 parses that form
 * exactly, but rolls over impossible days (Feb 30 → Mar 2), so the day is checked after parsing.
 */
function parseCanonicalUtc(text: string): number | undefined {
  if (text.length < 20 || text.length > 30 || text.charCodeAt(text.length - 1) !== 90 /* Z */ || text[10] !== 'T' || text[4] !== '-') {
    return undefined;
  }
  const ms = Date.parse(text);
  if (!Number.isFinite(ms) || new Date(ms).getUTCDate() !== Number(text.slice(8, 10))) return undefined;
  return ms;
}

function inRange(ms: number): boolean {
  return ms >= MIN_EVENT_TIME && ms < MAX_EVENT_TIME;
}

/** Applies the rules in this module's header. Pure: the receive time is an input. */
export function resolveTimestamp(input: TimestampInput): ResolvedTimestamp {
  const received = input.receivedAt.getTime();
  const hasTimestamp = input.timestamp !== undefined && input.timestamp !== null && input.timestamp !== '';
  let resolved: number;
  if (hasTimestamp) {
    const ts = parseTime(input.timestamp);
    if (ts === undefined || !inRange(ts)) return { timestamp: new Date(received), warning: 'invalid' };
    const sent = input.ignoreSentAt === true ? undefined : parseTime(input.sentAt);
    resolved = sent !== undefined && inRange(sent) ? ts + (received - sent) : ts;
  } else if (typeof input.offset === 'number' && Number.isFinite(input.offset)) {
    resolved = received - input.offset;
  } else {
    return { timestamp: new Date(received) };
  }
  if (resolved > received + FUTURE_TOLERANCE_MS) return { timestamp: new Date(received), warning: 'clamped_future' };
  if (!inRange(resolved)) return { timestamp: new Date(received), warning: 'invalid' };
  return { timestamp: new Date(resolved) };
}
