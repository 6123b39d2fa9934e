import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';
import type { SimilarItems } from './types.js';

/** Fetches `GET /api/projects/:id/similar-items?item_id=&k=`. */
export function getSimilarItems(projectId: string, itemId: string, k: number, signal?: AbortSignal): Promise<SimilarItems> {
  const params = new URLSearchParams({ item_id: itemId, k: String(k) });
  return apiGet<SimilarItems>(projectPath(projectId, `similar-items?${params.toString()}`), signal);
}

/** Query options for one item's neighbours. */
export function similarItemsQueryOptions(projectId: string, itemId: string, k: number) {
  return queryOptions({
    queryKey: ['recommendations', projectId, 'similar', itemId, k],
    queryFn: ({ signal }) => getSimilarItems(projectId, itemId, k, signal),
  });
}

/** Items like `itemId`; disabled without one. */
export function useSimilarItems(projectId: string, itemId: string | null, k = 10) {
  return useQuery({ ...similarItemsQueryOptions(projectId, itemId ?? '', k), enabled: itemId !== null });
}
