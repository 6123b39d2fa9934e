import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { PathsResult, PathsSpecInput } from '../../../../../src/store/insights/spec.js';
import { postInsight } from '../../../lib/insight-api.js';

/** A paths spec as the dashboard sends it. */
export type PathsQuery = Omit<PathsSpecInput, 'kind'>;

/** Runs `POST /api/projects/:id/insights/paths`. */
export function getPaths(projectId: string, spec: PathsQuery, signal?: AbortSignal): Promise<PathsResult> {
  return postInsight(projectId, 'paths', spec, signal);
}

/** Query options for paths. */
export function pathsQueryOptions(projectId: string, spec: PathsQuery) {
  return queryOptions({
    queryKey: ['insight', projectId, 'paths', spec],
    queryFn: ({ signal }) => getPaths(projectId, spec, signal),
    placeholderData: keepPreviousData,
  });
}

/** A paths result; disabled while `spec` is undefined. */
export function usePaths(projectId: string, spec: PathsQuery | undefined) {
  return useQuery({ ...pathsQueryOptions(projectId, spec ?? { event: '-' }), enabled: spec !== undefined });
}
