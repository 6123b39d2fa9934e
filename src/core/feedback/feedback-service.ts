/**
 * The feedback use-case the API and the CLI share: items in (validated per item, analysed at write time,
 * idempotent on id), filtered reads, and opinion monitoring (sentiment index, topics, aspects, rising
 * complaints, negative spikes) over a {@link FeedbackQuery}. The analyzer (sentiment model + jieba) loads lazily
 * on first use, so a server that never sees feedback never pays for it.
 */
import { silentLogger, type Logger } from '../../common/logger.js';
import type { EventStore } from '../../store/event-store.js';
import type { FeedbackFilter } from '../../store/feedback-records.js';
import type { FeedbackRecord } from '../../store/records.js';
import { analyseRecord, createFeedbackAnalyzer, type FeedbackAnalyzer } from './feedback-analyzer.js';
import { parseFeedbackBody, parseFeedbackItem, type FeedbackDraft, type FeedbackIssue } from './feedback-input.js';
import { startFeedbackSync, type DeriveFromEventsResult, type FeedbackSync } from './feedback-sync.js';
import { parseFeedbackQuery, resolveFeedbackFilter, resolveWhen, type FeedbackQuery } from './feedback-query.js';
import { aspectSummary, feedbackTopics, negativeSpikes, risingComplaints, type AspectSummary, type FeedbackTopics, type NegativeSpike, type RisingTopic } from './opinion-monitor.js';
import { indexPoint, sentimentIndexByGroup, sentimentIndexSeries, type SentimentGroupSeries, type SentimentIndexPoint } from './sentiment-index.js';

/** What a submission did; `ids[i]` is the id of item i, null when it was rejected. */
export interface FeedbackSubmitResult {
  received: number;
  stored: number;
  duplicates: number;
  rejected: number;
  ids: Array<string | null>;
  issues: FeedbackIssue[];
}

/** A page of feedback. */
export interface FeedbackPage {
  total: number;
  limit: number;
  offset: number;
  items: FeedbackRecord[];
}

/** The dashboard's view of a query: totals, daily index, per-source/lang breakdowns, aspects, topics, spikes. */
export interface FeedbackOverview {
  since: string;
  until: string;
  model: string;
  totals: SentimentIndexPoint;
  series: SentimentIndexPoint[];
  bySource: SentimentGroupSeries[];
  byLang: SentimentGroupSeries[];
  aspects: AspectSummary[];
  topics: FeedbackTopics;
  rising: RisingTopic[];
  spikes: NegativeSpike[];
}

export type { DeriveFromEventsResult } from './feedback-sync.js';

/** Options of {@link FeedbackService.deriveFromEvents}. */
export interface DeriveFromEventsOptions {
  /** Event names that carry feedback text (default `review_submitted`, `feedback_submitted`, `survey_answered`). */
  events?: string[];
  /** Properties holding the text, first non-empty wins (default `text`, `comment`, `review`, `feedback`, `message`). */
  textProperties?: string[];
  since?: Date;
  until?: Date;
  /** Only events the server received at or after this time (the background sync's watermark). */
  receivedSince?: Date;
}


/** The feedback use-case. */
export interface FeedbackService {
  /** Name of the sentiment model in use (loads the analyzer). */
  modelName(): string;
  analyzer(): FeedbackAnalyzer;
  submit(projectId: string, body: unknown, now: Date): Promise<FeedbackSubmitResult>;
  /** Stores already-validated drafts (import, events) after analysis. */
  storeDrafts(projectId: string, drafts: FeedbackDraft[]): Promise<{ stored: number; duplicates: number }>;
  list(projectId: string, query: unknown, page: { limit: number; offset?: number }, now: Date): Promise<FeedbackPage>;
  series(projectId: string, query: unknown, now: Date): Promise<SentimentIndexPoint[]>;
  /** The daily index per source, language or property (`category`, `product_id`, ...), largest groups first. */
  seriesByGroup(projectId: string, query: unknown, now: Date, groupBy: 'source' | 'lang' | { property: string }, limit?: number): Promise<SentimentGroupSeries[]>;
  topics(projectId: string, query: unknown, now: Date, options?: { maxTopics?: number; allSentiments?: boolean }): Promise<FeedbackTopics>;
  overview(projectId: string, query: unknown, now: Date): Promise<FeedbackOverview>;
  /** Turns text-carrying events into feedback items (`evt:<uuid>` ids: idempotent, already-stored ones are not re-analysed). */
  deriveFromEvents(projectId: string, options: DeriveFromEventsOptions): Promise<DeriveFromEventsResult>;
  /** Starts the background pass that derives feedback from new events in every project (`serve` does). */
  startSync(tickMs?: number): FeedbackSync;
  /** Stops that pass and waits for the one in flight (no-op when not started). */
  stopSync(): Promise<void>;
}

/** Default window of monitoring reads without `since`. */
export const DEFAULT_WINDOW = '-30d';
const DEFAULT_EVENTS = ['review_submitted', 'feedback_submitted', 'survey_answered'];
const DEFAULT_TEXT_PROPS = ['text', 'comment', 'review', 'feedback', 'message'];

/** Creates the {@link FeedbackService}. */
export function createFeedbackService(deps: { store: EventStore; analyzer?: () => FeedbackAnalyzer; logger?: Logger }): FeedbackService {
  const { store } = deps;
  let analyzer: FeedbackAnalyzer | undefined;
  let sync: FeedbackSync | undefined;
  const getAnalyzer = (): FeedbackAnalyzer => (analyzer ??= deps.analyzer?.() ?? createFeedbackAnalyzer());

  const analyse = (d: FeedbackDraft): FeedbackRecord =>
    analyseRecord(getAnalyzer(), { id: d.id, source: d.source, distinctId: d.distinctId, text: d.text, rating: d.rating, lang: null, createdAt: d.createdAt, properties: d.properties });
  const storeDrafts = (projectId: string, drafts: FeedbackDraft[]): Promise<{ stored: number; duplicates: number }> =>
    store.insertFeedback(projectId, drafts.map(analyse));

  const window = (q: FeedbackQuery, now: Date): { since: Date; until: Date } => ({
    since: resolveWhen(q.since ?? DEFAULT_WINDOW, now),
    until: q.until === undefined ? now : resolveWhen(q.until, now),
  });
  const resolve = async (projectId: string, query: unknown, now: Date): Promise<{ q: FeedbackQuery; filter: FeedbackFilter }> => {
    const q = parseFeedbackQuery(query);
    return { q, filter: await resolveFeedbackFilter(store, projectId, q, now) };
  };
  const topicFilter = (q: FeedbackQuery, filter: FeedbackFilter, all: boolean): FeedbackFilter =>
    // complaint topics by default: negative items, unless the query asked for sentiments itself
    all || q.sentiments !== undefined ? filter : { ...filter, sentimentLabels: ['negative'] };

  const service: FeedbackService = {
    modelName: () => getAnalyzer().modelName,
    analyzer: getAnalyzer,
    async submit(projectId, body, now) {
      const parsed = parseFeedbackBody(body, now);
      const ids: Array<string | null> = new Array<string | null>(parsed.received).fill(null);
      for (const { index, draft } of parsed.drafts) ids[index] = draft.id;
      const result = parsed.drafts.length === 0 ? { stored: 0, duplicates: 0 } : await storeDrafts(projectId, parsed.drafts.map((d) => d.draft));
      return { received: parsed.received, stored: result.stored, duplicates: result.duplicates, rejected: parsed.issues.length, ids, issues: parsed.issues };
    },
    storeDrafts,
    async list(projectId, query, page, now) {
      const { filter } = await resolve(projectId, query, now);
      const offset = page.offset ?? 0;
      const [total, items] = await Promise.all([store.countFeedback(projectId, filter), store.listFeedback(projectId, { limit: page.limit, offset, filter })]);
      return { total, limit: page.limit, offset, items };
    },
    async series(projectId, query, now) {
      const { q, filter } = await resolve(projectId, query, now);
      return sentimentIndexSeries(store, projectId, filter, window(q, now));
    },
    async seriesByGroup(projectId, query, now, groupBy, limit = 10) {
      const { q, filter } = await resolve(projectId, query, now);
      return sentimentIndexByGroup(store, projectId, filter, window(q, now), groupBy, limit);
    },
    async topics(projectId, query, now, options = {}) {
      const { q, filter } = await resolve(projectId, query, now);
      const w = window(q, now);
      return feedbackTopics(store, projectId, { ...topicFilter(q, filter, options.allSentiments === true), ...w }, options.maxTopics === undefined ? {} : { maxTopics: options.maxTopics });
    },
    async overview(projectId, query, now) {
      const { q, filter } = await resolve(projectId, query, now);
      const w = window(q, now);
      const windowed = { ...filter, ...w };
      const [series, bySource, byLang, aspects, topics, rising, spikes] = await Promise.all([
        sentimentIndexSeries(store, projectId, filter, w),
        sentimentIndexByGroup(store, projectId, filter, w, 'source'),
        sentimentIndexByGroup(store, projectId, filter, w, 'lang'),
        aspectSummary(store, projectId, windowed),
        feedbackTopics(store, projectId, topicFilter(q, windowed, false)),
        risingComplaints(store, projectId, filter, w.until),
        negativeSpikes(store, projectId, filter, w.until, { days: Math.max(14, Math.round((w.until.getTime() - w.since.getTime()) / 86_400_000)) }),
      ]);
      const sum = series.reduce((acc, p) => ({ count: acc.count + p.volume, negative: acc.negative + p.negative, neutral: acc.neutral + p.neutral, positive: acc.positive + p.positive }), { count: 0, negative: 0, neutral: 0, positive: 0 });
      return {
        since: w.since.toISOString(),
        until: w.until.toISOString(),
        model: getAnalyzer().modelName,
        totals: indexPoint('', sum),
        series,
        bySource,
        byLang,
        aspects,
        topics,
        rising,
        spikes: spikes.spikes,
      };
    },
    async deriveFromEvents(projectId, options) {
      const events = options.events ?? DEFAULT_EVENTS;
      const props = options.textProperties ?? DEFAULT_TEXT_PROPS;
      const totals: DeriveFromEventsResult = { events: 0, stored: 0, duplicates: 0, skipped: 0, lastReceivedAt: null };
      for (let offset = 0; ; offset += 2000) {
        const page = await store.readEvents(projectId, {
          events,
          limit: 2000,
          offset,
          ...(options.since === undefined ? {} : { after: options.since }),
          ...(options.until === undefined ? {} : { before: options.until }),
          ...(options.receivedSince === undefined ? {} : { receivedSince: options.receivedSince }),
        });
        // analysis is the expensive part: items stored by an earlier pass are counted, not analysed again
        const known = await store.existingFeedbackIds(projectId, page.map((e) => `evt:${e.uuid}`));
        const drafts: FeedbackDraft[] = [];
        for (const e of page) {
          totals.events += 1;
          if (totals.lastReceivedAt === null || e.receivedAt > totals.lastReceivedAt) totals.lastReceivedAt = e.receivedAt;
          if (known.has(`evt:${e.uuid}`)) {
            totals.duplicates += 1;
            continue;
          }
          const prop = props.find((p) => typeof e.properties[p] === 'string' && (e.properties[p] as string).trim() !== '');
          const rating = e.properties['rating'];
          const rest = Object.fromEntries(Object.entries(e.properties).filter(([k]) => k !== prop));
          const raw = { id: `evt:${e.uuid}`, text: prop === undefined ? '' : e.properties[prop], source: e.event, distinct_id: e.distinctId, created_at: e.timestamp.getTime(), properties: rest, ...(typeof rating === 'number' && rating >= 0 && rating <= 10 ? { rating } : {}) };
          const parsed = parseFeedbackItem(raw, 0, e.timestamp);
          if ('draft' in parsed) drafts.push(parsed.draft);
          else totals.skipped += 1;
        }
        if (drafts.length > 0) {
          const r = await storeDrafts(projectId, drafts);
          totals.stored += r.stored;
          totals.duplicates += r.duplicates;
        }
        if (page.length < 2000) break;
      }
      return totals;
    },
    startSync(tickMs) {
      sync ??= startFeedbackSync({ feedback: service, listProjectIds: async () => (await store.listProjects()).map((p) => p.id), logger: deps.logger ?? silentLogger }, tickMs);
      return sync;
    },
    async stopSync() {
      const s = sync;
      sync = undefined;
      await s?.stop();
    },
  };
  return service;
}
