import { isPlainObject, type WireEvent } from './build-event.js';
import { fromPostHog } from './posthog-event.js';

/**
 * The native event shape (`POST /api/projects/:id/events`, `northstar import`): the PostHog capture shape,
 * also accepting camelCase `distinctId` / `sentAt` so JSONL written by other tools maps without renaming.
 */
export function fromNative(e: Record<string, unknown>, batchSentAt: unknown): WireEvent {
  return fromPostHog({ ...e, distinct_id: e['distinct_id'] ?? e['distinctId'], sent_at: e['sent_at'] ?? e['sentAt'] }, batchSentAt);
}

/** A native body split into events: a JSON array, `{ events: [...] }` / `{ batch: [...] }`, or one event. */
export function splitNativeBody(body: unknown): { events: unknown[]; sentAt: unknown; single: boolean } | undefined {
  if (Array.isArray(body)) return { events: body, sentAt: undefined, single: false };
  if (!isPlainObject(body)) return undefined;
  const list = Array.isArray(body['events']) ? body['events'] : Array.isArray(body['batch']) ? body['batch'] : undefined;
  if (list !== undefined) return { events: list, sentAt: body['sent_at'] ?? body['sentAt'], single: false };
  return { events: [body], sentAt: undefined, single: true };
}
