/**
 * The edge of feedback ingestion: a body of one item, an array, or `{ feedback: [...] }` is validated item by
 * item with zod. A bad item is reported with its index and a code (like event ingestion's quarantine reasons)
 * while the good ones go on; nothing accepted is dropped silently.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { NorthstarError } from '../../common/errors.js';
import type { ErrorCode } from '../../common/error-codes.js';
import { uuidv7 } from '../../common/ids.js';
import { stripHtml } from '../../ml/text/keywords.js';

/** Longest feedback text stored, in characters. */
export const MAX_FEEDBACK_CHARS = 20_000;
/** Most items per request. */
export const MAX_FEEDBACK_BATCH = 1_000;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** One item as a client sends it (snake_case, like the event APIs). */
export const feedbackItemSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  text: z.string({ error: (issue) => (issue.input === undefined ? 'text is required' : 'text must be a string') }),
  source: z.string().min(1).max(100).optional(),
  distinct_id: z.string().min(1).max(200).nullable().optional(),
  rating: z.number().finite().min(0).max(10).nullable().optional(),
  created_at: z.union([z.string().max(64), z.number().finite()]).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

/** A valid item, before analysis. */
export interface FeedbackDraft {
  id: string;
  text: string;
  source: string;
  distinctId: string | null;
  rating: number | null;
  createdAt: Date;
  properties: Record<string, unknown>;
}

/** A rejected item. */
export interface FeedbackIssue {
  index: number;
  code: ErrorCode;
  message: string;
}

/** The items of a body, in order, each valid or rejected. */
export interface ParsedFeedback {
  drafts: Array<{ index: number; draft: FeedbackDraft }>;
  issues: FeedbackIssue[];
  received: number;
}

/** The list of raw items in a body; INVALID_PAYLOAD / EMPTY_BATCH / BATCH_TOO_LARGE for the body as a whole. */
export function feedbackItems(body: unknown): unknown[] {
  let items: unknown;
  if (Array.isArray(body)) items = body;
  else if (typeof body === 'object' && body !== null && Array.isArray((body as { feedback?: unknown }).feedback)) items = (body as { feedback: unknown[] }).feedback;
  else if (typeof body === 'object' && body !== null) items = [body];
  else throw new NorthstarError('INVALID_PAYLOAD', 'send one feedback object, an array of them, or { "feedback": [...] }');
  const list = items as unknown[];
  if (list.length === 0) throw new NorthstarError('EMPTY_BATCH', 'the request holds no feedback items');
  if (list.length > MAX_FEEDBACK_BATCH) {
    throw new NorthstarError('BATCH_TOO_LARGE', `at most ${MAX_FEEDBACK_BATCH} feedback items per request, got ${list.length}`, { details: { max: MAX_FEEDBACK_BATCH } });
  }
  return list;
}

/** True when a text has something to analyse: a letter, digit or emoji once markup is gone. */
export function hasContent(text: string): boolean {
  return /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(stripHtml(text));
}

/** Parses a time as ISO-8601 text or epoch milliseconds within 2000-2100; undefined when invalid. */
export function parseFeedbackTime(value: string | number): Date | undefined {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) && ms >= EARLIEST && ms < LATEST ? new Date(ms) : undefined;
}

/** Validates one raw item; `now` stamps items without `created_at`. */
export function parseFeedbackItem(raw: unknown, index: number, now: Date): { draft: FeedbackDraft } | { issue: FeedbackIssue } {
  const parsed = feedbackItemSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined || first.path.length === 0 ? '' : `${first.path.join('.')}: `;
    return { issue: { index, code: 'INVALID_PAYLOAD', message: `${where}${first?.message ?? 'invalid item'}` } };
  }
  const item = parsed.data;
  if (item.text.length > MAX_FEEDBACK_CHARS) {
    return { issue: { index, code: 'FEEDBACK_TEXT_TOO_LARGE', message: `text has ${item.text.length} characters; at most ${MAX_FEEDBACK_CHARS} are accepted` } };
  }
  if (!hasContent(item.text)) return { issue: { index, code: 'FEEDBACK_EMPTY_TEXT', message: 'text is empty (or only whitespace, punctuation and markup)' } };
  let createdAt = now;
  if (item.created_at !== undefined) {
    const at = parseFeedbackTime(item.created_at);
    if (at === undefined) return { issue: { index, code: 'INVALID_PAYLOAD', message: `created_at "${String(item.created_at)}" is not an ISO-8601 time or epoch milliseconds between 2000 and 2100` } };
    createdAt = at;
  }
  return {
    draft: {
      id: item.id ?? (item.created_at === undefined ? uuidv7(now.getTime()) : contentId(item.source ?? 'api', item.distinct_id ?? null, createdAt, item.text)),
      text: item.text,
      source: item.source ?? 'api',
      distinctId: item.distinct_id ?? null,
      rating: item.rating ?? null,
      createdAt,
      properties: item.properties ?? {},
    },
  };
}

/**
 * The id of an item sent without one but with its own `created_at`: a hash of what identifies it, so a client
 * that retries a request after a lost response does not store the item twice. Without `created_at` the item's
 * time is the arrival time, which differs between retries, so such items get a fresh uuidv7 instead.
 */
export function contentId(source: string, distinctId: string | null, createdAt: Date, text: string): string {
  const h = createHash('sha256').update(JSON.stringify([source, distinctId, createdAt.getTime(), text])).digest('hex');
  return `fb_${h.slice(0, 32)}`;
}

/** Validates every item of a body. */
export function parseFeedbackBody(body: unknown, now: Date): ParsedFeedback {
  const items = feedbackItems(body);
  const drafts: ParsedFeedback['drafts'] = [];
  const issues: FeedbackIssue[] = [];
  items.forEach((raw, index) => {
    const r = parseFeedbackItem(raw, index, now);
    if ('draft' in r) drafts.push({ index, draft: r.draft });
    else issues.push(r.issue);
  });
  return { drafts, issues, received: items.length };
}
