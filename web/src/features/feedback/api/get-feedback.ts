import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.js';
import { itemsPath, overviewPath, type FeedbackDrill, type FeedbackFilters } from './feedback-paths.js';
import type { FeedbackOverview, FeedbackPage } from './types.js';

/** Fetches the overview (index, topics, aspects, rising complaints, spikes) for the filters. */
export function getFeedbackOverview(projectId: string, f: FeedbackFilters, signal?: AbortSignal): Promise<FeedbackOverview> {
  return apiGet<FeedbackOverview>(overviewPath(projectId, f), signal);
}

/** Query options of the overview; the filters are part of the key. */
export function feedbackOverviewQueryOptions(projectId: string, f: FeedbackFilters) {
  return queryOptions({ queryKey: ['feedback', projectId, 'overview', f], queryFn: ({ signal }) => getFeedbackOverview(projectId, f, signal), placeholderData: keepPreviousData });
}

/** The overview of the current filters. */
export function useFeedbackOverview(projectId: string, f: FeedbackFilters) {
  return useQuery(feedbackOverviewQueryOptions(projectId, f));
}

/** Fetches the newest items for the filters and drill-down. */
export function getFeedbackItems(projectId: string, f: FeedbackFilters, drill: FeedbackDrill, signal?: AbortSignal): Promise<FeedbackPage> {
  return apiGet<FeedbackPage>(itemsPath(projectId, f, drill), signal);
}

/** The drill-down list. */
export function useFeedbackItems(projectId: string, f: FeedbackFilters, drill: FeedbackDrill) {
  return useQuery({ queryKey: ['feedback', projectId, 'items', f, drill], queryFn: ({ signal }) => getFeedbackItems(projectId, f, drill, signal), placeholderData: keepPreviousData });
}
