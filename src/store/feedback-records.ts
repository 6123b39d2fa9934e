/** Feedback query shapes of the store (filters and daily summaries); rows are `FeedbackRecord` in records.ts. */

/** The sentiment of one product aspect in one piece of feedback (derived at write time). */
export interface FeedbackAspect {
  aspect: string;
  /** In [-1, 1]. */
  score: number;
  label: 'negative' | 'neutral' | 'positive';
}

/**
 * Which feedback a read covers; every field narrows (AND), list fields match any of their values (OR). Unset
 * means no restriction. `properties` compares string values of top-level keys (e.g. `{ category: 'Audio' }`).
 */
export interface FeedbackFilter {
  langs?: string[];
  sources?: string[];
  sentimentLabels?: string[];
  /** Items whose derived topics (aspect keys) contain this one. */
  topic?: string;
  /** Items with a negative sentiment on this aspect. */
  negativeAspect?: string;
  /** created_at ≥ since. */
  since?: Date;
  /** created_at < until. */
  until?: Date;
  /** Case-insensitive substring of the text. */
  search?: string;
  distinctIds?: string[];
  ids?: string[];
  properties?: Record<string, string>;
}

/** Grouping of {@link FeedbackSummaryRow}s besides the day. */
export type FeedbackGroupBy = 'none' | 'source' | 'lang' | { property: string };

/** Volume and sentiment of one (UTC day, group). */
export interface FeedbackSummaryRow {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** Group value (null for `none`, or when the property is missing). */
  group: string | null;
  count: number;
  negative: number;
  neutral: number;
  positive: number;
  /** Mean derived sentiment score of the items that have one; null when none has. */
  meanScore: number | null;
}
