/**
 * The feedback API paths the page requests, free of DOM and fetch so the e2e test asks the API the very same
 * URLs the page does.
 */

/** The page's filters. */
export interface FeedbackFilters {
  since: string;
  /** '' = every language. */
  lang: string;
  /** '' = every source. */
  source: string;
}

/** A drill-down into items: an aspect topic, or a keyword search among complaints. */
export type FeedbackDrill = { kind: 'aspect'; aspect: string } | { kind: 'keyword'; keyword: string } | null;

/** Query string of the filters (and a drill-down). */
export function feedbackParams(f: FeedbackFilters, drill: FeedbackDrill = null): URLSearchParams {
  const params = new URLSearchParams({ since: f.since });
  if (f.lang !== '') params.set('lang', f.lang);
  if (f.source !== '') params.set('source', f.source);
  if (drill?.kind === 'aspect') params.set('topic', drill.aspect);
  if (drill?.kind === 'keyword') {
    params.set('q', drill.keyword);
    params.set('sentiment', 'negative');
  }
  return params;
}

/** `/api/projects/<id>/feedback/overview?...`. */
export function overviewPath(projectId: string, f: FeedbackFilters): string {
  return `/api/projects/${encodeURIComponent(projectId)}/feedback/overview?${feedbackParams(f).toString()}`;
}

/** Items the page lists per request. */
export const ITEMS_PAGE = 20;

/** `/api/projects/<id>/feedback?...` for the drill-down list. */
export function itemsPath(projectId: string, f: FeedbackFilters, drill: FeedbackDrill): string {
  const params = feedbackParams(f, drill);
  params.set('limit', String(ITEMS_PAGE));
  return `/api/projects/${encodeURIComponent(projectId)}/feedback?${params.toString()}`;
}
