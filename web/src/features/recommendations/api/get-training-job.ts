import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';
import type { TrainingJob } from './types.js';

/** Fetches `GET /api/projects/:id/recommendations/jobs/:jobId`. */
export function getTrainingJob(projectId: string, jobId: string, signal?: AbortSignal): Promise<TrainingJob> {
  return apiGet<TrainingJob>(projectPath(projectId, `recommendations/jobs/${encodeURIComponent(jobId)}`), signal);
}

/** Query options for one job. */
export function trainingJobQueryOptions(projectId: string, jobId: string) {
  return queryOptions({
    queryKey: ['recommendations', projectId, 'job', jobId],
    queryFn: ({ signal }) => getTrainingJob(projectId, jobId, signal),
  });
}

/** A job, polled every half second until it has finished; disabled without an id. */
export function useTrainingJob(projectId: string, jobId: string | null) {
  return useQuery({
    ...trainingJobQueryOptions(projectId, jobId ?? ''),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' || q.state.data === undefined ? 500 : false),
  });
}
