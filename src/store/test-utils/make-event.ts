import { uuidv7 } from '../../common/ids.js';
import type { FeedbackRecord, NewEvent, QuarantineRecord, WriteBatch } from '../records.js';

/** Fixed instant the builders default to, so tests do not depend on the clock. */
export const BASE_TIME = new Date('2024-03-01T12:00:00.000Z');

/** A valid event; override any field. The uuid is fresh unless given. */
export function makeEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    uuid: uuidv7(BASE_TIME.getTime()),
    event: 'page_view',
    distinctId: 'user-1',
    timestamp: BASE_TIME,
    receivedAt: BASE_TIME,
    properties: { $current_url: 'https://example.com/' },
    sessionId: null,
    ...overrides,
  };
}

/** A quarantine row as ingestion would produce for a rejected event. */
export function makeQuarantine(overrides: Partial<QuarantineRecord> = {}): QuarantineRecord {
  return {
    reason: 'EVENT_MISSING_NAME',
    batchIndex: 0,
    payload: '{"distinct_id":"user-1"}',
    receivedAt: BASE_TIME,
    ...overrides,
  };
}

/** A write batch for a project; events and quarantine default to none. */
export function makeBatch(projectId: string, events: NewEvent[], quarantine: QuarantineRecord[] = []): WriteBatch {
  return { projectId, events, quarantine };
}

/** A piece of feedback; override any field. */
export function makeFeedback(overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return {
    id: `fb-${uuidv7(BASE_TIME.getTime())}`,
    source: 'survey',
    distinctId: 'user-1',
    text: '结账流程太慢了 / checkout is slow',
    rating: 2,
    lang: 'zh',
    createdAt: BASE_TIME,
    ...overrides,
  };
}

/** `n` events of one user spaced `stepMs` apart from `start`, named by `names` in turn. */
export function makeEventSeries(
  n: number,
  options: { distinctId?: string; start?: Date; stepMs?: number; names?: string[] } = {},
): NewEvent[] {
  const start = options.start ?? BASE_TIME;
  const step = options.stepMs ?? 1000;
  const names = options.names ?? ['page_view'];
  return Array.from({ length: n }, (_, i) =>
    makeEvent({
      event: names[i % names.length] ?? 'page_view',
      distinctId: options.distinctId ?? 'user-1',
      timestamp: new Date(start.getTime() + i * step),
      properties: { i },
    }),
  );
}
