/**
 * The daily sentiment index of opinion monitoring: per UTC day, volume, label counts and the index
 * (positive − negative) / volume × 100 in [-100, 100] (a net score, like NPS; null on days without feedback).
 * {@link sentimentIndexSeries} is what dashboards and the alerting engine watch; {@link sentimentIndexProvider}
 * adapts it to the alert service's series-provider shape.
 */
import type { EventStore } from '../../store/event-store.js';
import type { FeedbackFilter, FeedbackGroupBy, FeedbackSummaryRow } from '../../store/feedback-records.js';

const DAY_MS = 86_400_000;

/** One day of the index. */
export interface SentimentIndexPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  volume: number;
  negative: number;
  neutral: number;
  positive: number;
  /** (positive − negative) / volume × 100, one decimal; null when volume is 0. */
  index: number | null;
  /** negative / volume, null when volume is 0. */
  negativeShare: number | null;
}

/** The days from `since` (inclusive) to `until` (exclusive), UTC. */
export function dayGrid(since: Date, until: Date): string[] {
  const days: string[] = [];
  const start = Math.floor(since.getTime() / DAY_MS) * DAY_MS;
  for (let t = start; t < until.getTime(); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Index point of a day's counts. */
export function indexPoint(day: string, c: { count: number; negative: number; neutral: number; positive: number }): SentimentIndexPoint {
  const volume = c.count;
  return {
    day,
    volume,
    negative: c.negative,
    neutral: c.neutral,
    positive: c.positive,
    index: volume === 0 ? null : Math.round(((c.positive - c.negative) / volume) * 1000) / 10,
    negativeShare: volume === 0 ? null : c.negative / volume,
  };
}

/** Fills a day grid from summary rows (summed over groups). */
export function fillDays(rows: readonly FeedbackSummaryRow[], days: readonly string[]): SentimentIndexPoint[] {
  const byDay = new Map<string, { count: number; negative: number; neutral: number; positive: number }>();
  for (const r of rows) {
    const acc = byDay.get(r.day) ?? { count: 0, negative: 0, neutral: 0, positive: 0 };
    acc.count += r.count;
    acc.negative += r.negative;
    acc.neutral += r.neutral;
    acc.positive += r.positive;
    byDay.set(r.day, acc);
  }
  return days.map((d) => indexPoint(d, byDay.get(d) ?? { count: 0, negative: 0, neutral: 0, positive: 0 }));
}

/** The daily sentiment index over [since, until) for the feedback `filter` selects (its own since/until are replaced). */
export async function sentimentIndexSeries(
  store: EventStore,
  projectId: string,
  filter: FeedbackFilter,
  window: { since: Date; until: Date },
): Promise<SentimentIndexPoint[]> {
  const rows = await store.summarizeFeedback(projectId, { filter: { ...filter, since: window.since, until: window.until } });
  return fillDays(rows, dayGrid(window.since, window.until));
}

/** One group's index series. */
export interface SentimentGroupSeries {
  group: string | null;
  volume: number;
  index: number | null;
  points: SentimentIndexPoint[];
}

/** The daily index per group (source, lang, or a property such as `category` / `product_id`), largest first. */
export async function sentimentIndexByGroup(
  store: EventStore,
  projectId: string,
  filter: FeedbackFilter,
  window: { since: Date; until: Date },
  groupBy: Exclude<FeedbackGroupBy, 'none'>,
  limit = 10,
): Promise<SentimentGroupSeries[]> {
  const rows = await store.summarizeFeedback(projectId, { filter: { ...filter, since: window.since, until: window.until }, groupBy });
  const days = dayGrid(window.since, window.until);
  const groups = new Map<string | null, FeedbackSummaryRow[]>();
  for (const r of rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  const out = [...groups].map(([group, list]) => {
    const total = list.reduce((acc, r) => ({ count: acc.count + r.count, negative: acc.negative + r.negative, neutral: acc.neutral + r.neutral, positive: acc.positive + r.positive }), { count: 0, negative: 0, neutral: 0, positive: 0 });
    return { group, volume: total.count, index: indexPoint('', total).index, points: fillDays(list, days) };
  });
  out.sort((a, b) => b.volume - a.volume || String(a.group).localeCompare(String(b.group)));
  return out.slice(0, limit);
}

/** The alert service's series-provider request (structurally; see core/alerts/metric-series.ts). */
export interface SeriesRequest {
  interval: string;
  buckets: string[];
  now: Date;
  params: Record<string, unknown>;
}

/**
 * A series provider for monitors (`sentiment_index`): one value per daily bucket. `params.metric` picks
 * `index` (default), `negative_share` or `negative_count`; `params.lang` / `params.source` / `params.category`
 * narrow the feedback. Days without feedback are left out (missing, not zero). Non-daily intervals get nothing.
 */
export function sentimentIndexProvider(store: EventStore): (projectId: string, request: SeriesRequest) => Promise<Array<{ bucket: string; value: number }>> {
  return async (projectId, request) => {
    if (request.interval !== 'day' || request.buckets.length === 0) return [];
    const first = new Date(request.buckets[0] ?? '');
    const last = new Date(request.buckets.at(-1) ?? '');
    const filter: FeedbackFilter = {};
    const p = request.params;
    if (typeof p['lang'] === 'string') filter.langs = [p['lang']];
    if (typeof p['source'] === 'string') filter.sources = [p['source']];
    if (typeof p['category'] === 'string') filter.properties = { category: p['category'] };
    const points = await sentimentIndexSeries(store, projectId, filter, { since: first, until: new Date(last.getTime() + DAY_MS) });
    const metric = typeof p['metric'] === 'string' ? p['metric'] : 'index';
    const byDay = new Map(points.map((pt) => [pt.day, pt]));
    const out: Array<{ bucket: string; value: number }> = [];
    for (const bucket of request.buckets) {
      const pt = byDay.get(bucket.slice(0, 10));
      if (pt === undefined || pt.volume === 0) continue;
      const value = metric === 'negative_count' ? pt.negative : metric === 'negative_share' ? (pt.negativeShare ?? 0) : (pt.index ?? 0);
      out.push({ bucket, value });
    }
    return out;
  };
}
