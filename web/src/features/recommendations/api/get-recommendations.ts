import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';
import type { RecommendationList } from './types.js';

/** The list length the page asks for (the e2e test asks the API the same). */
export const LOOKUP_K = 10;

/** One recommendation request as the page sends it. */
export interface RecommendationQuery {
  distinctId: string;
  k: number;
  excludePurchased: boolean;
}

/** The request's path with its query string (the e2e test asks the API the very same URL). */
export function recommendationsPath(projectId: string, q: RecommendationQuery): string {
  const params = new URLSearchParams({ distinct_id: q.distinctId, k: String(q.k), exclude_purchased: String(q.excludePurchased) });
  return projectPath(projectId, `recommendations?${params.toString()}`);
}

/** Fetches `GET /api/projects/:id/recommendations`. */
export function getRecommendations(projectId: string, q: RecommendationQuery, signal?: AbortSignal): Promise<RecommendationList> {
  return apiGet<RecommendationList>(recommendationsPath(projectId, q), signal);
}

/** Query options for one user's list. */
export function recommendationsQueryOptions(projectId: string, q: RecommendationQuery) {
  return queryOptions({
    queryKey: ['recommendations', projectId, 'for', q],
    queryFn: ({ signal }) => getRecommendations(projectId, q, signal),
  });
}

/** A user's recommendations; disabled without a user. */
export function useRecommendations(projectId: string, q: RecommendationQuery | null) {
  return useQuery({ ...recommendationsQueryOptions(projectId, q ?? { distinctId: '', k: 10, excludePurchased: true }), enabled: q !== null });
}
