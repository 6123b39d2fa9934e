import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';
import { parseNorthStar } from '../overview-model.js';
import type { NorthStarSetting } from '../overview-model.js';

/** Fetches `GET /api/projects/:id/north-star`: the project's north-star spec and whether it is the default. */
export async function getNorthStar(projectId: string, signal?: AbortSignal): Promise<NorthStarSetting> {
  return parseNorthStar(await apiGet<unknown>(projectPath(projectId, 'north-star'), signal));
}

/** Query options for the north-star setting. */
export function northStarQueryOptions(projectId: string) {
  return queryOptions({ queryKey: ['north-star', projectId], queryFn: ({ signal }) => getNorthStar(projectId, signal), staleTime: 60_000 });
}

/** The project's north-star setting. */
export function useNorthStar(projectId: string) {
  return useQuery(northStarQueryOptions(projectId));
}
