import type { ErrorCode } from '../../common/error-codes.js';
import { uuidv7 } from '../../common/ids.js';
import type { NewEvent, PersonRecord } from '../../store/records.js';
import { resolveTimestamp } from './timestamps.js';

/** Longest event name / distinct id / client id accepted (PostHog's limit for names and ids). */
export const MAX_NAME_LENGTH = 200;

/**
 * The fields every wire format (PostHog, Segment, native) is mapped to before validation. Values are still
 * unvalidated (`unknown`): {@link buildEvent} checks them all in one place, so every format gets the same
 * reason codes.
 */
export interface WireEvent {
  /** Client id for exact dedup: PostHog `uuid`, Segment `messageId`, or `properties.$insert_id`. */
  id: unknown;
  event: unknown;
  distinctId: unknown;
  properties: unknown;
  timestamp: unknown;
  sentAt: unknown;
  offset: unknown;
  /** Person properties to set (`$set`, Segment identify traits). */
  set?: unknown;
  /** Person properties to set only when absent (`$set_once`). */
  setOnce?: unknown;
  /** Extra properties the mapper adds (e.g. Segment `$context`); merged over `properties`. */
  extra?: Record<string, unknown>;
}

/** Why an event was not stored: a per-event code from the error table plus a message for people. */
export interface EventRejection {
  code: ErrorCode;
  message: string;
}

/** A non-fatal remark about a stored event (clamped or replaced timestamp). */
export interface EventWarning {
  code: ErrorCode;
  message: string;
}

/** A validated event, the person update it implies, and an optional warning. */
export interface BuiltEvent {
  event: NewEvent;
  /** Present when the event carries `$set` / `$set_once` / identify traits. */
  person?: { distinctId: string; set: Record<string, unknown>; setOnce: Record<string, unknown>; seenAt: Date };
  warning?: EventWarning;
  /** Whether the uuid was minted here (no client id: a retry of this event would be stored twice). */
  generatedId: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a plain JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reject(code: ErrorCode, message: string): { ok: false; error: EventRejection } {
  return { ok: false, error: { code, message } };
}

/**
 * Normalises a client event id: UUIDs are lower-cased (so dedup is case-insensitive, as a UUID column would
 * be); other strings (Segment `ajs-…` message ids, Mixpanel-style `$insert_id`) are kept verbatim.
 */
export function normalizeEventId(id: unknown): { ok: true; value: string | undefined } | { ok: false; error: EventRejection } {
  if (id === undefined || id === null) return { ok: true, value: undefined };
  if (typeof id !== 'string') return reject('EVENT_INVALID_UUID', `the event id must be a string, got ${typeof id}`);
  const trimmed = id.trim();
  if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) {
    return reject('EVENT_INVALID_UUID', `the event id must have 1 to ${MAX_NAME_LENGTH} characters`);
  }
  return { ok: true, value: UUID.test(trimmed) ? trimmed.toLowerCase() : trimmed };
}

function idString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // PostHog accepts numeric distinct ids and stores them as text.
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Validates a mapped wire event and builds the row to store. Pure apart from minting a uuidv7 when the
 * client sent no id. `receivedAt` is the server's receive time of the request.
 */
export function buildEvent(wire: WireEvent, receivedAt: Date): { ok: true; value: BuiltEvent } | { ok: false; error: EventRejection } {
  if (wire.event === undefined || wire.event === null || wire.event === '') {
    return reject('EVENT_MISSING_NAME', 'the event has no name ("event")');
  }
  if (typeof wire.event !== 'string') return reject('EVENT_INVALID_TYPE', `"event" must be a string, got ${typeof wire.event}`);
  if (wire.event.length > MAX_NAME_LENGTH) {
    return reject('EVENT_INVALID_TYPE', `"event" is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (wire.distinctId === undefined || wire.distinctId === null || wire.distinctId === '') {
    return reject('EVENT_MISSING_DISTINCT_ID', 'the event has no distinct_id');
  }
  const distinctId = idString(wire.distinctId);
  if (distinctId === undefined) {
    return reject('EVENT_INVALID_TYPE', `distinct_id must be a string or number, got ${typeof wire.distinctId}`);
  }
  if (distinctId.trim() === '') return reject('EVENT_MISSING_DISTINCT_ID', 'the distinct_id is blank');
  if (distinctId.length > MAX_NAME_LENGTH) {
    return reject('EVENT_INVALID_TYPE', `distinct_id is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (wire.properties !== undefined && wire.properties !== null && !isPlainObject(wire.properties)) {
    return reject('EVENT_INVALID_TYPE', '"properties" must be an object');
  }
  for (const [name, value] of [['$set', wire.set], ['$set_once', wire.setOnce]] as const) {
    if (value !== undefined && value !== null && !isPlainObject(value)) {
      return reject('EVENT_INVALID_TYPE', `"${name}" must be an object`);
    }
  }
  const id = normalizeEventId(wire.id);
  if (!id.ok) return id;

  const properties: Record<string, unknown> = { ...(wire.properties ?? {}), ...wire.extra };
  const resolved = resolveTimestamp({
    timestamp: wire.timestamp,
    sentAt: wire.sentAt,
    offset: wire.offset,
    ignoreSentAt: properties['$ignore_sent_at'] === true,
    receivedAt,
  });
  let warning: EventWarning | undefined;
  if (resolved.warning === 'clamped_future') {
    properties['$timestamp_clamped'] = true;
    properties['$timestamp_original'] = wire.timestamp;
    warning = { code: 'EVENT_INVALID_TIMESTAMP', message: 'timestamp more than 23 h in the future; stored with the receive time' };
  } else if (resolved.warning === 'invalid') {
    properties['$timestamp_invalid'] = true;
    properties['$timestamp_original'] = wire.timestamp;
    warning = { code: 'EVENT_INVALID_TIMESTAMP', message: 'timestamp unparseable or outside 2000-2100; stored with the receive time' };
  }

  const sessionId = typeof properties['$session_id'] === 'string' ? properties['$session_id'] : null;
  const set = isPlainObject(wire.set) ? wire.set : undefined;
  const setOnce = isPlainObject(wire.setOnce) ? wire.setOnce : undefined;
  if (set !== undefined) properties['$set'] = set;
  if (setOnce !== undefined) properties['$set_once'] = setOnce;

  const built: BuiltEvent = {
    event: {
      uuid: id.value ?? uuidv7(receivedAt.getTime()),
      event: wire.event,
      distinctId,
      timestamp: resolved.timestamp,
      receivedAt,
      properties,
      sessionId,
    },
    generatedId: id.value === undefined,
  };
  if (warning !== undefined) built.warning = warning;
  if (set !== undefined || setOnce !== undefined || wire.event === '$identify') {
    built.person = { distinctId, set: set ?? {}, setOnce: setOnce ?? {}, seenAt: resolved.timestamp };
  }
  return { ok: true, value: built };
}

/** Merges the person updates of one batch (later `$set` wins, earliest `$set_once` wins) per distinct id. */
export function mergePersonUpdates(updates: NonNullable<BuiltEvent['person']>[]): Array<{
  distinctId: string;
  set: Record<string, unknown>;
  setOnce: Record<string, unknown>;
  firstSeen: Date;
  lastSeen: Date;
}> {
  const byId = new Map<string, { distinctId: string; set: Record<string, unknown>; setOnce: Record<string, unknown>; firstSeen: Date; lastSeen: Date }>();
  for (const u of updates) {
    const current = byId.get(u.distinctId);
    if (current === undefined) {
      byId.set(u.distinctId, { distinctId: u.distinctId, set: { ...u.set }, setOnce: { ...u.setOnce }, firstSeen: u.seenAt, lastSeen: u.seenAt });
      continue;
    }
    // Spreads, not Object.assign: a "__proto__" key of client JSON must stay a data key.
    current.set = { ...current.set, ...u.set };
    current.setOnce = { ...u.setOnce, ...current.setOnce };
    if (u.seenAt < current.firstSeen) current.firstSeen = u.seenAt;
    if (u.seenAt > current.lastSeen) current.lastSeen = u.seenAt;
  }
  return [...byId.values()];
}

/**
 * The person row for a merged update: `$set` as properties, `$set_once` left to the store, which applies it
 * only to keys the stored person lacks, inside its upsert (no read-then-write race between requests).
 */
export function toPersonRecord(update: ReturnType<typeof mergePersonUpdates>[number]): PersonRecord {
  const record: PersonRecord = { distinctId: update.distinctId, properties: update.set, firstSeen: update.firstSeen, lastSeen: update.lastSeen };
  if (Object.keys(update.setOnce).length > 0) record.setOnce = update.setOnce;
  return record;
}
