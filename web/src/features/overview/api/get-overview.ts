import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';
import { parseOverview } from '../overview-model.js';
import type { Overview } from '../overview-model.js';

/** Fetches `GET /api/projects/:id/overview`. */
export async function getOverview(projectId: string, signal?: AbortSignal): Promise<Overview> {
  return parseOverview(await apiGet<unknown>(projectPath(projectId, 'overview'), signal));
}

/** Query options for the overview KPIs. */
export function overviewQueryOptions(projectId: string) {
  return queryOptions({ queryKey: ['overview', projectId], queryFn: ({ signal }) => getOverview(projectId, signal) });
}

/** The overview KPIs of a project. */
export function useOverview(projectId: string) {
  return useQuery(overviewQueryOptions(projectId));
}
