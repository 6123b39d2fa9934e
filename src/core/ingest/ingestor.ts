import type { ErrorCode } from '../../common/error-codes.js';
import { NorthstarError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { EventStore } from '../../store/event-store.js';
import type { NewEvent, QuarantineRecord } from '../../store/records.js';
import { buildEvent, isPlainObject, mergePersonUpdates, toPersonRecord, type BuiltEvent, type WireEvent } from './build-event.js';
import { measureEvent, sameProperties } from './event-size.js';
import { fromNative } from './native-event.js';
import { fromPostHog } from './posthog-event.js';
import { fromSegment, type SegmentType } from './segment-event.js';
import { repairSurrogates } from './surrogates.js';

/** Size and load limits of ingestion (the `ingest` section of the config). */
export interface IngestLimits {
  /** Largest request body, after decompression. */
  readonly maxBodyBytes: number;
  /** Largest single event (serialised JSON). */
  readonly maxEventBytes: number;
  /** Most events per request. */
  readonly maxBatchEvents: number;
  /** Events waiting for the store beyond which new requests are refused with OVERLOADED. */
  readonly maxPendingEvents: number;
}

/** Which wire format the events are in. */
export type IngestFormat = 'posthog' | 'segment' | 'native';

/** One ingest call: the events of one request, for one project. */
export interface IngestRequest {
  projectId: string;
  format: IngestFormat;
  events: unknown[];
  /** Server receive time of the request (the base of the skew correction). */
  receivedAt: Date;
  /** Request-level `sent_at` / `sentAt`, when the body has one. */
  sentAt?: unknown;
  /** True when the body was one event rather than a batch: an oversize event is then a 413, not a quarantine row. */
  single?: boolean;
  /** Import of historical data: every `sent_at` is ignored, as `$ignore_sent_at` does per event. */
  ignoreSentAt?: boolean;
  /**
   * Set when the events come from {@link decodeRequestBody}: `bytes` is the decoded body size (when it is at
   * most `maxEventBytes`, no event can exceed it and the per-event size check is skipped) and lone surrogates
   * are already repaired. Other callers (imports) leave it unset and every event is checked and repaired here.
   */
  decoded?: { bytes: number };
  /** Segment only: the type implied by the route and the batch-level `context`. */
  segment?: { routeType?: SegmentType; context?: unknown };
}

/** A per-index remark in an {@link IngestResult}. */
export interface IndexedIssue {
  index: number;
  code: ErrorCode;
  message: string;
}

/**
 * The answer to an ingest call, also the HTTP body. `status: 1` keeps posthog SDKs happy. Every event of
 * the request is exactly one of: accepted (newly stored), a duplicate of a stored uuid, or rejected
 * (quarantined with its reason). `warnings` lists stored events whose timestamp was replaced.
 */
export interface IngestResult {
  status: 1;
  accepted: number;
  duplicates: number;
  rejected: IndexedIssue[];
  warnings: IndexedIssue[];
}

/** Seconds clients are told to wait (Retry-After) when the store is overloaded or failing. */
export const RETRY_AFTER_OVERLOADED_S = 1;
export const RETRY_AFTER_STORE_S = 5;
/** Longest raw payload kept in a quarantine row. */
export const QUARANTINE_PAYLOAD_MAX = 64 * 1024;

/** The ingestion use-case: validate, quarantine, write durably, update persons, with back-pressure. */
export interface Ingestor {
  ingest(request: IngestRequest): Promise<IngestResult>;
  /** Events accepted for writing whose write has not resolved yet. */
  readonly pendingEvents: number;
  /** False while shedding load (pending at the limit) or after a failed write until the next success. */
  readonly accepting: boolean;
  /** True after a failed store write, until a write succeeds again. */
  readonly failing: boolean;
}

function mapWire(raw: Record<string, unknown>, request: IngestRequest): WireEvent {
  switch (request.format) {
    case 'posthog':
      return fromPostHog(raw, request.sentAt);
    case 'native':
      return fromNative(raw, request.sentAt);
    case 'segment':
      return fromSegment(raw, request.segment?.routeType, { sentAt: request.sentAt, context: request.segment?.context });
  }
}

function toWire(raw: Record<string, unknown>, request: IngestRequest): WireEvent {
  const wire = mapWire(raw, request);
  if (request.ignoreSentAt === true) wire.sentAt = undefined;
  return wire;
}

function truncate(text: string): string {
  return text.length > QUARANTINE_PAYLOAD_MAX ? text.slice(0, QUARANTINE_PAYLOAD_MAX) : text;
}

/** Creates the {@link Ingestor} over a store. */
export function createIngestor(deps: { store: EventStore; logger: Logger; limits: IngestLimits }): Ingestor {
  const { store, logger, limits } = deps;
  let pending = 0;
  let failing = false;

  const unavailable = (error: unknown, what: string): NorthstarError => {
    failing = true;
    logger.error(`ingest: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
    return new NorthstarError('STORE_UNAVAILABLE', `the store could not ${what}; nothing of this request was acknowledged`, {
      details: { retryAfterSeconds: RETRY_AFTER_STORE_S },
      cause: error,
    });
  };

  async function ingest(request: IngestRequest): Promise<IngestResult> {
    const total = request.events.length;
    if (total === 0) throw new NorthstarError('EMPTY_BATCH', 'the request contains no events');
    if (total > limits.maxBatchEvents) {
      throw new NorthstarError('BATCH_TOO_LARGE', `${total} events in one request; at most ${limits.maxBatchEvents} are accepted`, {
        details: { events: total, maxBatchEvents: limits.maxBatchEvents },
      });
    }
    const events: NewEvent[] = [];
    const quarantine: QuarantineRecord[] = [];
    const rejected: IndexedIssue[] = [];
    const warnings: IndexedIssue[] = [];
    const persons: NonNullable<BuiltEvent['person']>[] = [];
    const sizeCheck = request.decoded === undefined || request.decoded.bytes > limits.maxEventBytes;
    const repair = request.decoded === undefined;
    request.events.forEach((input, index) => {
      const raw: unknown = repair ? repairSurrogates(input) : input;
      // Measured only for large bodies. The properties' JSON from the measurement is handed to the store
      // (when the built properties are the same), so each event is serialised once, not twice.
      const size = sizeCheck ? measureEvent(raw) : undefined;
      const bytes = size?.bytes ?? 0;
      let outcome: ReturnType<typeof buildEvent>;
      if (bytes > limits.maxEventBytes) {
        if (request.single === true) {
          throw new NorthstarError('PAYLOAD_TOO_LARGE', `the event is ${bytes} bytes; at most ${limits.maxEventBytes} are accepted`, {
            details: { eventBytes: bytes, maxEventBytes: limits.maxEventBytes },
          });
        }
        outcome = { ok: false, error: { code: 'EVENT_TOO_LARGE', message: `the event is ${bytes} bytes; at most ${limits.maxEventBytes} are accepted` } };
      } else if (!isPlainObject(raw)) {
        outcome = { ok: false, error: { code: 'EVENT_INVALID_TYPE', message: 'each event must be a JSON object' } };
      } else {
        outcome = buildEvent(toWire(raw, request), request.receivedAt);
      }
      if (!outcome.ok) {
        const payload = JSON.stringify(raw) ?? 'null';
        rejected.push({ index, ...outcome.error });
        quarantine.push({ reason: outcome.error.code, batchIndex: index, payload: truncate(payload), receivedAt: request.receivedAt, details: outcome.error.message });
        return;
      }
      const event = outcome.value.event;
      const sourceProperties = isPlainObject(raw) ? raw['properties'] : undefined;
      if (size?.propertiesJson !== undefined && isPlainObject(sourceProperties) && sameProperties(event.properties, sourceProperties)) {
        event.propertiesJson = size.propertiesJson;
      }
      events.push(event);
      if (outcome.value.warning !== undefined) warnings.push({ index, ...outcome.value.warning });
      if (outcome.value.person !== undefined) persons.push(outcome.value.person);
    });

    if (pending + total > limits.maxPendingEvents) {
      throw new NorthstarError('OVERLOADED', `${pending} events are waiting for the store; retry shortly`, {
        details: { retryAfterSeconds: RETRY_AFTER_OVERLOADED_S, pendingEvents: pending },
      });
    }
    pending += total;
    try {
      let result;
      try {
        result = await store.writeEvents({ projectId: request.projectId, events, quarantine });
      } catch (error) {
        throw unavailable(error, 'write the events');
      }
      if (persons.length > 0) {
        try {
          await upsertPersons(store, request.projectId, persons, events);
        } catch (error) {
          // The events are durable; a retry dedups them and repeats the person update.
          throw unavailable(error, 'update persons');
        }
      }
      failing = false;
      return { status: 1, accepted: result.stored, duplicates: result.duplicates, rejected, warnings };
    } finally {
      pending -= total;
    }
  }

  return {
    ingest,
    get pendingEvents() {
      return pending;
    },
    get accepting() {
      return pending < limits.maxPendingEvents && !failing;
    },
    get failing() {
      return failing;
    },
  };
}

/**
 * Writes the person updates of one request. First/last seen span every stored event of the request by that
 * distinct id, not only the ones carrying `$set`, so a batch `[$identify, view, buy]` records the whole range.
 */
async function upsertPersons(
  store: EventStore,
  projectId: string,
  updates: NonNullable<BuiltEvent['person']>[],
  events: NewEvent[],
): Promise<void> {
  const merged = mergePersonUpdates(updates);
  const byId = new Map(merged.map((m) => [m.distinctId, m]));
  for (const event of events) {
    const person = byId.get(event.distinctId);
    if (person === undefined) continue;
    if (event.timestamp < person.firstSeen) person.firstSeen = event.timestamp;
    if (event.timestamp > person.lastSeen) person.lastSeen = event.timestamp;
  }
  await store.upsertPersons(projectId, merged.map(toPersonRecord));
}
