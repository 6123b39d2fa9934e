/**
 * Opinion monitoring over stored feedback: complaint topics with quotes, aspect sentiment counts, topics rising
 * this week against last, and negative spikes found by the anomaly detectors. Reads go through the store's
 * feedback filter; topic grouping uses the keywords stored with each item, so no text is re-tokenised.
 */
import { finiteMedian } from '../../ml/anomaly/anomaly-point.js';
import { detectEsdAnomalies } from '../../ml/anomaly/generalized-esd.js';
import { groupTopics, type Topic, type TopicDocument } from '../../ml/text/topics.js';
import type { EventStore } from '../../store/event-store.js';
import type { FeedbackFilter } from '../../store/feedback-records.js';
import type { FeedbackRecord } from '../../store/records.js';
import { sentimentIndexSeries, type SentimentIndexPoint } from './sentiment-index.js';

/** Most items read for one topic grouping (newest first). */
export const MAX_TOPIC_ITEMS = 5_000;
const DAY_MS = 86_400_000;

/** A topic as the API returns it. */
export interface FeedbackTopic {
  id: string;
  label: string;
  keywords: string[];
  size: number;
  /** Share of the analysed items in this topic. */
  share: number;
  meanSentiment: number | null;
  quotes: Array<{ id: string; text: string }>;
}

/** Result of {@link feedbackTopics}. */
export interface FeedbackTopics {
  analysed: number;
  /** True when more items matched than were read ({@link MAX_TOPIC_ITEMS}). */
  truncated: boolean;
  unassigned: number;
  topics: FeedbackTopic[];
}

async function readAll(store: EventStore, projectId: string, filter: FeedbackFilter, max: number): Promise<FeedbackRecord[]> {
  const out: FeedbackRecord[] = [];
  while (out.length < max) {
    const page = await store.listFeedback(projectId, { limit: Math.min(1000, max - out.length), offset: out.length, filter });
    out.push(...page);
    if (page.length === 0 || page.length < 1000) break;
  }
  return out;
}

function toDocument(f: FeedbackRecord): TopicDocument {
  return { id: f.id, tokens: f.keywords ?? [], text: f.text, ...(f.sentiment === null || f.sentiment === undefined ? {} : { score: f.sentiment }) };
}

function toTopic(t: Topic, analysed: number): FeedbackTopic {
  return {
    id: t.id,
    label: t.label,
    keywords: t.keywords.map((k) => k.term),
    size: t.size,
    share: analysed === 0 ? 0 : t.size / analysed,
    meanSentiment: t.meanScore === null ? null : Math.round(t.meanScore * 1000) / 1000,
    quotes: [...t.quotes],
  };
}

/** Groups the feedback `filter` selects into topics (default: at most 10, 3 quotes each). */
export async function feedbackTopics(store: EventStore, projectId: string, filter: FeedbackFilter, options: { maxTopics?: number } = {}): Promise<FeedbackTopics> {
  const items = await readAll(store, projectId, filter, MAX_TOPIC_ITEMS + 1);
  const truncated = items.length > MAX_TOPIC_ITEMS;
  const docs = items.slice(0, MAX_TOPIC_ITEMS).map(toDocument);
  const grouping = groupTopics(docs, { maxTopics: options.maxTopics ?? 10 });
  return { analysed: docs.length, truncated, unassigned: grouping.unassigned, topics: grouping.topics.map((t) => toTopic(t, docs.length)) };
}

/** Counts of one aspect's sentiment labels. */
export interface AspectSummary {
  aspect: string;
  mentions: number;
  negative: number;
  neutral: number;
  positive: number;
  meanScore: number;
}

/** Aspect sentiment over the feedback `filter` selects, most mentioned first. */
export async function aspectSummary(store: EventStore, projectId: string, filter: FeedbackFilter): Promise<AspectSummary[]> {
  const items = await readAll(store, projectId, filter, MAX_TOPIC_ITEMS);
  const acc = new Map<string, AspectSummary>();
  for (const f of items) {
    for (const a of f.aspects ?? []) {
      const s = acc.get(a.aspect) ?? { aspect: a.aspect, mentions: 0, negative: 0, neutral: 0, positive: 0, meanScore: 0 };
      s.mentions += 1;
      s[a.label] += 1;
      s.meanScore += a.score;
      acc.set(a.aspect, s);
    }
  }
  const out = [...acc.values()].map((s) => ({ ...s, meanScore: Math.round((s.meanScore / s.mentions) * 1000) / 1000 }));
  return out.sort((a, b) => b.mentions - a.mentions || a.aspect.localeCompare(b.aspect));
}

/** A topic or aspect compared across two weeks. */
export interface RisingTopic {
  id: string;
  label: string;
  kind: 'topic' | 'aspect';
  thisWeek: number;
  lastWeek: number;
  change: number;
  quotes: Array<{ id: string; text: string }>;
}

/**
 * Complaint topics and negative aspects of the last 7 days against the 7 before (`now` excluded), growing ones
 * first. Topics are grouped once over both weeks, so a theme keeps one id across them.
 */
export async function risingComplaints(store: EventStore, projectId: string, filter: FeedbackFilter, now: Date, limit = 5): Promise<RisingTopic[]> {
  const split = new Date(now.getTime() - 7 * DAY_MS);
  const since = new Date(now.getTime() - 14 * DAY_MS);
  const items = await readAll(store, projectId, { ...filter, sentimentLabels: ['negative'], since, until: now }, MAX_TOPIC_ITEMS);
  const recent = new Set(items.filter((f) => f.createdAt.getTime() >= split.getTime()).map((f) => f.id));
  const grouping = groupTopics(items.map(toDocument), { maxTopics: 20 });
  const out: RisingTopic[] = grouping.topics.map((t) => {
    const thisWeek = t.documentIds.filter((id) => recent.has(id)).length;
    return { id: t.id, label: t.label, kind: 'topic', thisWeek, lastWeek: t.size - thisWeek, change: 2 * thisWeek - t.size, quotes: t.quotes.filter((q) => recent.has(q.id)) };
  });
  const aspects = new Map<string, { thisWeek: number; lastWeek: number; quotes: Array<{ id: string; text: string }> }>();
  for (const f of items) {
    for (const a of f.aspects ?? []) {
      if (a.label !== 'negative') continue;
      const s = aspects.get(a.aspect) ?? { thisWeek: 0, lastWeek: 0, quotes: [] };
      if (recent.has(f.id)) {
        s.thisWeek += 1;
        if (s.quotes.length < 3 && !s.quotes.some((q) => q.text === f.text)) s.quotes.push({ id: f.id, text: f.text });
      } else s.lastWeek += 1;
      aspects.set(a.aspect, s);
    }
  }
  for (const [aspect, s] of aspects) out.push({ id: `a:${aspect}`, label: aspect, kind: 'aspect', thisWeek: s.thisWeek, lastWeek: s.lastWeek, change: s.thisWeek - s.lastWeek, quotes: s.quotes });
  return out
    .filter((r) => r.change > 0)
    .sort((a, b) => b.change - a.change || b.thisWeek - a.thisWeek || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** A day whose negative feedback count is anomalously high. */
export interface NegativeSpike {
  day: string;
  negative: number;
  volume: number;
  expected: number;
  /** Detector score in [0, 1]. */
  score: number;
}

/**
 * Negative spikes over the last `days` days: the daily count of negative feedback through the generalised ESD
 * detector (median/MAD, or mean/sd when most days have the same count), keeping high outliers with at least
 * `minNegative` items.
 */
export async function negativeSpikes(
  store: EventStore,
  projectId: string,
  filter: FeedbackFilter,
  now: Date,
  options: { days?: number; minNegative?: number; alpha?: number } = {},
): Promise<{ series: SentimentIndexPoint[]; spikes: NegativeSpike[] }> {
  const days = options.days ?? 60;
  const until = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const series = await sentimentIndexSeries(store, projectId, filter, { since: new Date(until.getTime() - days * DAY_MS), until });
  const counts = series.map((p) => p.negative);
  // median/MAD is robust, but undefined on mostly-zero counts (MAD 0): fall back to Rosner's mean/sd test then
  const median = finiteMedian(counts);
  const robust = finiteMedian(counts.map((c) => Math.abs(c - median))) > 0;
  const points = detectEsdAnomalies(counts, { robust, alpha: options.alpha ?? 0.05 });
  const spikes: NegativeSpike[] = [];
  series.forEach((p, i) => {
    const pt = points[i];
    if (pt === undefined || pt.label !== 'high' || p.negative < (options.minNegative ?? 5)) return;
    spikes.push({ day: p.day, negative: p.negative, volume: p.volume, expected: Number.isFinite(pt.expected) ? Math.round(pt.expected * 10) / 10 : 0, score: Math.round(pt.score * 1000) / 1000 });
  });
  return { series, spikes };
}
