/** Shapes of the feedback API's answers as the dashboard reads them (docs/feedback.md). */

/** One day of the sentiment index. */
export interface IndexPoint {
  day: string;
  volume: number;
  negative: number;
  neutral: number;
  positive: number;
  index: number | null;
  negativeShare: number | null;
}

/** A complaint topic. */
export interface TopicView {
  id: string;
  label: string;
  keywords: string[];
  size: number;
  share: number;
  meanSentiment: number | null;
  quotes: Array<{ id: string; text: string }>;
}

/** `GET .../feedback/overview`. */
export interface FeedbackOverview {
  since: string;
  until: string;
  model: string;
  totals: IndexPoint;
  series: IndexPoint[];
  bySource: Array<{ group: string | null; volume: number; index: number | null }>;
  byLang: Array<{ group: string | null; volume: number; index: number | null }>;
  aspects: Array<{ aspect: string; mentions: number; negative: number; neutral: number; positive: number; meanScore: number }>;
  topics: { analysed: number; truncated: boolean; unassigned: number; topics: TopicView[] };
  rising: Array<{ id: string; label: string; kind: 'topic' | 'aspect'; thisWeek: number; lastWeek: number; change: number }>;
  spikes: Array<{ day: string; negative: number; volume: number; expected: number; score: number }>;
}

/** One stored feedback item. */
export interface FeedbackItem {
  id: string;
  source: string;
  distinctId: string | null;
  text: string;
  rating: number | null;
  lang: string | null;
  createdAt: string;
  sentiment?: number | null;
  sentimentLabel?: string | null;
  topics?: string[] | null;
}

/** `GET .../feedback`. */
export interface FeedbackPage {
  total: number;
  limit: number;
  offset: number;
  items: FeedbackItem[];
}
