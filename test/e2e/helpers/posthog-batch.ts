import { randomUUID } from 'node:crypto';
import type { Rng } from '../../../src/common/rng.js';

/** One event in PostHog's `/batch` wire shape, with a client-chosen uuid (the dedup key). */
export interface PostHogWireEvent {
  uuid: string;
  event: string;
  distinct_id: string;
  timestamp: string;
  properties: Record<string, unknown>;
  /** Person properties to set (PostHog `$set`), on some events. */
  $set?: Record<string, unknown>;
}

const EVENT_NAMES = ['$pageview', 'product_viewed', 'add_to_cart', 'checkout_started', 'purchase'] as const;

/** A batch of valid events with fresh uuids; names, users and properties drawn from `rng`. */
export function makeBatch(rng: Rng, size: number, client: string, now: Date = new Date()): PostHogWireEvent[] {
  const events: PostHogWireEvent[] = [];
  for (let i = 0; i < size; i++) {
    events.push({
      uuid: randomUUID(),
      event: rng.pick(EVENT_NAMES),
      distinct_id: `${client}-user-${rng.int(1, 500)}`,
      timestamp: new Date(now.getTime() - rng.int(0, 3_600_000)).toISOString(),
      properties: {
        $current_url: `https://shop.example/p/${rng.int(1, 500)}`,
        price: Math.round(rng.next() * 10_000) / 100,
        category: rng.pick(['books', 'garden', 'toys', '电子产品']),
        client,
      },
    });
  }
  return events;
}

/** The outcome of one POST: HTTP status and body, or the network error when no answer came. */
export type PostOutcome = { ok: true; status: number; body: unknown } | { ok: false; error: string };

/** POSTs a PostHog `/batch` body (`api_key` in the body, `sent_at` for skew correction). Never throws. */
export async function postBatch(
  baseUrl: string,
  token: string,
  batch: readonly PostHogWireEvent[],
  timeoutMs = 15_000,
): Promise<PostOutcome> {
  try {
    const response = await fetch(`${baseUrl}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: token, batch, sent_at: new Date().toISOString() }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { ok: true, status: response.status, body };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
