import { isPlainObject, type WireEvent } from './build-event.js';

/**
 * The PostHog capture shape (posthog-js, posthog-node, the capture API):
 * `{ event, distinct_id | properties.distinct_id | $distinct_id, uuid, properties, timestamp, sent_at,
 * offset, $set, $set_once }`. `properties.$insert_id` is a dedup id when there is no `uuid`.
 */
export function fromPostHog(e: Record<string, unknown>, batchSentAt: unknown): WireEvent {
  const props = isPlainObject(e['properties']) ? e['properties'] : undefined;
  return {
    id: e['uuid'] ?? props?.['$insert_id'],
    event: e['event'],
    distinctId: e['distinct_id'] ?? props?.['distinct_id'] ?? e['$distinct_id'] ?? props?.['$distinct_id'],
    properties: e['properties'],
    timestamp: e['timestamp'],
    sentAt: e['sent_at'] ?? batchSentAt,
    offset: e['offset'],
    // posthog-node sends $set inside properties; the HTTP API docs also show it at the top level.
    set: e['$set'] ?? props?.['$set'],
    setOnce: e['$set_once'] ?? props?.['$set_once'],
  };
}

/** A PostHog request body split into its events and the request-level fields. */
export interface PostHogBody {
  events: unknown[];
  /** Project token: `api_key` / `token` at the top level or in the first event (posthog-js puts it in properties). */
  token: string | undefined;
  sentAt: unknown;
  /** True when the body was one event rather than a batch. */
  single: boolean;
  /** posthog `historical_migration: true` (imports): timestamps are taken as is, `sent_at` is ignored. */
  historical: boolean;
}

function tokenOf(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const props = isPlainObject(value['properties']) ? value['properties'] : {};
  for (const candidate of [value['api_key'], value['token'], props['token'], props['api_key']]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return undefined;
}

/**
 * Splits a parsed capture body: an array of events, `{ batch: [...] }` (`/batch`, posthog-node), `{ data: [...] }`,
 * or a single event object. Returns `undefined` when the shape is none of these.
 */
export function splitPostHogBody(body: unknown): PostHogBody | undefined {
  if (Array.isArray(body)) {
    return { events: body, token: tokenOf(body[0]), sentAt: undefined, single: false, historical: false };
  }
  if (!isPlainObject(body)) return undefined;
  const historical = body['historical_migration'] === true;
  // A `batch` that is not a list is a malformed batch (400), not one event that happens to lack a name.
  if (body['batch'] !== undefined && body['batch'] !== null && !Array.isArray(body['batch'])) return undefined;
  const list = Array.isArray(body['batch']) ? body['batch'] : Array.isArray(body['data']) ? body['data'] : undefined;
  if (list !== undefined) {
    return { events: list, token: tokenOf(body) ?? tokenOf(list[0]), sentAt: body['sent_at'], single: false, historical };
  }
  if (isPlainObject(body['data'])) {
    const inner = body['data'];
    return { events: [inner], token: tokenOf(body) ?? tokenOf(inner), sentAt: body['sent_at'], single: true, historical };
  }
  return { events: [body], token: tokenOf(body), sentAt: body['sent_at'], single: true, historical };
}
