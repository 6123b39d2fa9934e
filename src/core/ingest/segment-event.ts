import { isPlainObject, type WireEvent } from './build-event.js';

/** Segment call types Northstar accepts (HTTP Tracking API). */
export const SEGMENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
/** One of {@link SEGMENT_TYPES}. */
export type SegmentType = (typeof SEGMENT_TYPES)[number];

function isSegmentType(value: unknown): value is SegmentType {
  return typeof value === 'string' && (SEGMENT_TYPES as readonly string[]).includes(value);
}

/**
 * Maps a Segment call onto the event model (docs/ingestion.md "Segment"):
 * - `track` → its `event`; `page` → `$pageview` (`$current_url` from `properties.url`, `$page_name` from `name`);
 *   `screen` → `$screen` (`$screen_name`); `identify` → `$identify` with `traits` as `$set`;
 *   `group` → `$groupidentify` (`$group_key`, `$group_set`); `alias` → `$create_alias` (`alias` = previousId).
 * - `messageId` → uuid; `userId ?? anonymousId` → distinct_id (`$anon_distinct_id` keeps the anonymous id when
 *   both are set); `timestamp ?? originalTimestamp` with `sentAt` for the skew correction.
 * - `context` is kept whole under `$context`; `context.library` also fills `$lib` / `$lib_version`.
 *
 * `routeType` is the type implied by the endpoint (`/v1/track` → track); a `type` in the body wins in batches.
 */
export function fromSegment(e: Record<string, unknown>, routeType: SegmentType | undefined, batch: { sentAt: unknown; context: unknown }): WireEvent {
  const type: SegmentType | undefined = isSegmentType(e['type']) ? e['type'] : routeType;
  const props: Record<string, unknown> = isPlainObject(e['properties']) ? { ...e['properties'] } : {};
  const extra: Record<string, unknown> = {};
  const context = isPlainObject(e['context']) ? { ...(isPlainObject(batch.context) ? batch.context : {}), ...e['context'] } : batch.context;
  if (isPlainObject(context)) {
    extra['$context'] = context;
    const lib = context['library'];
    if (isPlainObject(lib)) {
      if (typeof lib['name'] === 'string') extra['$lib'] = lib['name'];
      if (typeof lib['version'] === 'string') extra['$lib_version'] = lib['version'];
    }
  }
  const userId = e['userId'];
  const anonymousId = e['anonymousId'];
  const hasUser = userId !== undefined && userId !== null && userId !== '';
  if (hasUser && anonymousId !== undefined && anonymousId !== null && anonymousId !== '') extra['$anon_distinct_id'] = anonymousId;

  let event: unknown = e['event'];
  let set: unknown;
  const name = e['name'];
  switch (type) {
    case 'track':
      break;
    case 'page':
      event = '$pageview';
      if (typeof props['url'] === 'string') extra['$current_url'] = props['url'];
      if (typeof name === 'string') extra['$page_name'] = name;
      break;
    case 'screen':
      event = '$screen';
      if (typeof name === 'string') extra['$screen_name'] = name;
      break;
    case 'identify':
      event = '$identify';
      set = e['traits'] ?? {};
      break;
    case 'group':
      event = '$groupidentify';
      extra['$group_key'] = e['groupId'];
      if (e['traits'] !== undefined) extra['$group_set'] = e['traits'];
      break;
    case 'alias':
      event = '$create_alias';
      extra['alias'] = e['previousId'];
      break;
    case undefined:
      // No type in the body and none implied by the route (/v1/batch item without "type"): treat as track.
      break;
  }
  return {
    id: e['messageId'] ?? props['$insert_id'],
    event,
    distinctId: hasUser ? userId : anonymousId,
    properties: props,
    timestamp: e['timestamp'] ?? e['originalTimestamp'],
    sentAt: e['sentAt'] ?? batch.sentAt,
    offset: undefined,
    set,
    extra,
  };
}

/** A Segment request body split into its calls and the request-level fields. */
export interface SegmentBody {
  events: unknown[];
  /** `writeKey` from the body (HTTP Basic auth is read by the API layer). */
  writeKey: string | undefined;
  sentAt: unknown;
  context: unknown;
  single: boolean;
}

/** Splits a `/v1/batch` (`{ batch: [...] }`) or single-call body; `undefined` when it is neither. */
export function splitSegmentBody(body: unknown): SegmentBody | undefined {
  if (!isPlainObject(body)) return undefined;
  const writeKey = typeof body['writeKey'] === 'string' ? body['writeKey'] : undefined;
  if (Array.isArray(body['batch'])) {
    const first: unknown = body['batch'][0];
    const firstKey = isPlainObject(first) && typeof first['writeKey'] === 'string' ? first['writeKey'] : undefined;
    return { events: body['batch'], writeKey: writeKey ?? firstKey, sentAt: body['sentAt'], context: body['context'], single: false };
  }
  return { events: [body], writeKey, sentAt: undefined, context: undefined, single: true };
}
