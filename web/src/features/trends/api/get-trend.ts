import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { TrendResult, TrendSpecInput } from '../../../../../src/store/insights/spec.js';
import { postInsight } from '../../../lib/insight-api.js';

/** A trend spec as the dashboard sends it (the server fills defaults). */
export type TrendQuery = Omit<TrendSpecInput, 'kind'>;

/** Runs `POST /api/projects/:id/insights/trend`. */
export function getTrend(projectId: string, spec: TrendQuery, signal?: AbortSignal): Promise<TrendResult> {
  return postInsight(projectId, 'trend', spec, signal);
}

/** Query options for a trend; the spec is part of the key, so each distinct question is cached once. */
export function trendQueryOptions(projectId: string, spec: TrendQuery) {
  return queryOptions({
    queryKey: ['insight', projectId, 'trend', spec],
    queryFn: ({ signal }) => getTrend(projectId, spec, signal),
    placeholderData: keepPreviousData,
  });
}

/** A trend result; disabled until `spec` is known (e.g. while event names load). */
export function useTrend(projectId: string, spec: TrendQuery | undefined) {
  return useQuery({ ...trendQueryOptions(projectId, spec ?? { series: [] }), enabled: spec !== undefined });
}
