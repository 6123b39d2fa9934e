import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { LifecycleResult, LifecycleSpecInput } from '../../../../../src/store/insights/spec.js';
import { postInsight } from '../../../lib/insight-api.js';

/** A lifecycle spec as the dashboard sends it. */
export type LifecycleQuery = Omit<LifecycleSpecInput, 'kind'>;

/** Runs `POST /api/projects/:id/insights/lifecycle`. */
export function getLifecycle(projectId: string, spec: LifecycleQuery, signal?: AbortSignal): Promise<LifecycleResult> {
  return postInsight(projectId, 'lifecycle', spec, signal);
}

/** Query options for a lifecycle chart. */
export function lifecycleQueryOptions(projectId: string, spec: LifecycleQuery) {
  return queryOptions({
    queryKey: ['insight', projectId, 'lifecycle', spec],
    queryFn: ({ signal }) => getLifecycle(projectId, spec, signal),
    placeholderData: keepPreviousData,
  });
}

/** A lifecycle result; disabled while `spec` is undefined. */
export function useLifecycle(projectId: string, spec: LifecycleQuery | undefined) {
  return useQuery({ ...lifecycleQueryOptions(projectId, spec ?? { event: null }), enabled: spec !== undefined });
}
