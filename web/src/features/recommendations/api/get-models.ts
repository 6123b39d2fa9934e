import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';
import type { ModelList } from './types.js';

/** Fetches `GET /api/projects/:id/recommendations/models`. */
export function getModels(projectId: string, signal?: AbortSignal): Promise<ModelList> {
  return apiGet<ModelList>(projectPath(projectId, 'recommendations/models'), signal);
}

/** Query options for the project's model versions. */
export function modelsQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: ['recommendations', projectId, 'models'],
    queryFn: ({ signal }) => getModels(projectId, signal),
  });
}

/** The project's model versions; re-read every second while a training job runs (one started elsewhere too). */
export function useModels(projectId: string) {
  return useQuery({ ...modelsQueryOptions(projectId), refetchInterval: (q) => (q.state.data?.training ? 1000 : false) });
}
