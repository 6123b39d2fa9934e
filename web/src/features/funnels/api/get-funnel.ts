import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FunnelResult, FunnelSpecInput } from '../../../../../src/store/insights/spec.js';
import { postInsight } from '../../../lib/insight-api.js';

/** A funnel spec as the dashboard sends it. */
export type FunnelQuery = Omit<FunnelSpecInput, 'kind'>;

/** Runs `POST /api/projects/:id/insights/funnel`. */
export function getFunnel(projectId: string, spec: FunnelQuery, signal?: AbortSignal): Promise<FunnelResult> {
  return postInsight(projectId, 'funnel', spec, signal);
}

/** Query options for a funnel. */
export function funnelQueryOptions(projectId: string, spec: FunnelQuery) {
  return queryOptions({
    queryKey: ['insight', projectId, 'funnel', spec],
    queryFn: ({ signal }) => getFunnel(projectId, spec, signal),
    placeholderData: keepPreviousData,
  });
}

/** A funnel result; disabled while `spec` is undefined. */
export function useFunnel(projectId: string, spec: FunnelQuery | undefined) {
  return useQuery({ ...funnelQueryOptions(projectId, spec ?? { steps: [] }), enabled: spec !== undefined });
}
