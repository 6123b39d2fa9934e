import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { RetentionResult, RetentionSpecInput } from '../../../../../src/store/insights/spec.js';
import { postInsight } from '../../../lib/insight-api.js';

/** A retention spec as the dashboard sends it. */
export type RetentionQuery = Omit<RetentionSpecInput, 'kind'>;

/** Runs `POST /api/projects/:id/insights/retention`. */
export function getRetention(projectId: string, spec: RetentionQuery, signal?: AbortSignal): Promise<RetentionResult> {
  return postInsight(projectId, 'retention', spec, signal);
}

/** Query options for a retention table. */
export function retentionQueryOptions(projectId: string, spec: RetentionQuery) {
  return queryOptions({
    queryKey: ['insight', projectId, 'retention', spec],
    queryFn: ({ signal }) => getRetention(projectId, spec, signal),
    placeholderData: keepPreviousData,
  });
}

/** A retention result; disabled while `spec` is undefined. */
export function useRetention(projectId: string, spec: RetentionQuery | undefined) {
  const fallback: RetentionQuery = { startEvent: { event: '-' }, returnEvent: { event: '-' } };
  return useQuery({ ...retentionQueryOptions(projectId, spec ?? fallback), enabled: spec !== undefined });
}
