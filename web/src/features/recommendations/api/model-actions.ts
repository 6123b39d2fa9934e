import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost, projectPath } from '../../../lib/api-client.js';
import type { ModelVersionSummary, TrainingJob } from './types.js';
import { modelsQueryOptions } from './get-models.js';

/** Starts a training job with the server's defaults (`POST .../recommendations/train`); answers the running one if any. */
export function startTraining(projectId: string): Promise<{ jobId: string; job: TrainingJob }> {
  return apiPost<{ jobId: string; job: TrainingJob }>(projectPath(projectId, 'recommendations/train'), {});
}

/** Makes a version the serving one (`POST .../recommendations/models/:version/activate`): a switch or a rollback. */
export function activateVersion(projectId: string, version: number): Promise<ModelVersionSummary> {
  return apiPost<ModelVersionSummary>(projectPath(projectId, `recommendations/models/${version}/activate`), {});
}

/** The Train button's mutation; the model list is re-read so it shows the running job. */
export function useStartTraining(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => startTraining(projectId),
    onSuccess: () => client.invalidateQueries({ queryKey: modelsQueryOptions(projectId).queryKey }),
  });
}

/** An Activate button's mutation; every recommendation answer is stale afterwards. */
export function useActivateVersion(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => activateVersion(projectId, version),
    onSuccess: () => client.invalidateQueries({ queryKey: ['recommendations', projectId] }),
  });
}
