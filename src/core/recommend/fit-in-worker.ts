import { isStateful } from '../../ml/recommend/model-state.js';
import { startWorkerJob } from '../jobs/worker-job.js';
import { fitTable, type FitTableInput, type FittedTable } from './fit-table.js';
import type { FitWorkerProgress, FitWorkerResult } from './fit-worker.js';
import { BUILT_IN_MODELS, createModel, parseModelSpec } from './model-registry.js';

const WORKER = new URL('./fit-worker.js', import.meta.url);

/** True when a spec can train in a worker: a built-in model (the worker has no runtime registrations) that can save its arrays. */
export function canFitInWorker(modelSpec: string, seed: number): boolean {
  const spec = parseModelSpec(modelSpec);
  return BUILT_IN_MODELS.includes(spec.name) && isStateful(createModel(spec, seed));
}

/**
 * Runs {@link fitTable} in a worker thread so the server's event loop keeps answering requests while a model
 * trains (evaluation and fit are seconds to minutes of synchronous CPU work). The model comes back as its
 * learned arrays and is rebuilt here with `loadState` (no refit). Models that cannot travel that way
 * (runtime-registered, or without `toState`) fit in the calling thread instead. A worker's coded error is
 * thrown as is; a crashed worker is JOB_WORKER_CRASHED.
 */
export async function fitInWorker(input: FitTableInput, onStage: (stage: 'evaluate' | 'fit') => void = () => undefined): Promise<FittedTable> {
  if (!canFitInWorker(input.modelSpec, input.seed)) return fitTable(input, onStage);
  const job = startWorkerJob<FitTableInput, FitWorkerProgress, FitWorkerResult>(WORKER, {
    input,
    onProgress: (p) => onStage(p.stage),
  });
  const outcome = await job.outcome;
  if (outcome.status === 'failed') throw outcome.error;
  if (outcome.status === 'cancelled') throw new Error('recommendation fit worker was cancelled');
  const { metrics, matrix, trending, state } = outcome.value;
  const model = createModel(parseModelSpec(input.modelSpec), input.seed);
  if (!isStateful(model)) throw new Error(`model ${input.modelSpec} lost its state support`);
  model.loadState(matrix, state);
  return { model, metrics, matrix, trending };
}
