import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';
import { parseNorthStar } from '../overview-model.js';
import type { NorthStar } from '../overview-model.js';

/** Fetches `GET /api/projects/:id/north-star`: the project's north-star spec and its current result. */
export async function getNorthStar(projectId: string, signal?: AbortSignal): Promise<NorthStar> {
  return parseNorthStar(await apiGet<unknown>(projectPath(projectId, 'north-star'), signal));
}

/** Query options for the north-star metric. */
export function northStarQueryOptions(projectId: string) {
  return queryOptions({ queryKey: ['north-star', projectId], queryFn: ({ signal }) => getNorthStar(projectId, signal) });
}

/** The project's north-star metric. */
export function useNorthStar(projectId: string) {
  return useQuery(northStarQueryOptions(projectId));
}
