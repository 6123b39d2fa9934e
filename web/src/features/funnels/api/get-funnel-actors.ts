import { queryOptions, useQuery } from '@tanstack/react-query';
import type { FunnelActorsResult } from '../../../../../src/store/insights/spec.js';
import { postInsight } from '../../../lib/insight-api.js';
import type { FunnelQuery } from './get-funnel.js';

/** Which users behind which step (1-based, as the API counts). */
export interface FunnelActorsQuery {
  funnel: FunnelQuery;
  step: number;
  status: 'completed' | 'dropped';
  limit: number;
}

/** Runs `POST /api/projects/:id/insights/funnel-actors`. */
export function getFunnelActors(projectId: string, query: FunnelActorsQuery, signal?: AbortSignal): Promise<FunnelActorsResult> {
  return postInsight(projectId, 'funnel_actors', { ...query, funnel: { kind: 'funnel', ...query.funnel } }, signal);
}

/** Query options for a drill-down list. */
export function funnelActorsQueryOptions(projectId: string, query: FunnelActorsQuery) {
  return queryOptions({
    queryKey: ['insight', projectId, 'funnel_actors', query],
    queryFn: ({ signal }) => getFunnelActors(projectId, query, signal),
  });
}

/** The users behind a funnel step. */
export function useFunnelActors(projectId: string, query: FunnelActorsQuery) {
  return useQuery(funnelActorsQueryOptions(projectId, query));
}
