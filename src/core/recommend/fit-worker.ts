/**
 * Worker-thread entry of a recommendation training (started by `fit-in-worker.ts` through the shared
 * `startWorkerJob`): runs {@link fitTable} and answers with the metrics, the training matrix, the trending
 * list and the model's learned arrays (`toState`), from which the server's thread rebuilds the model without
 * refitting. Stages come back as progress messages.
 */
import { isStateful, type ModelState } from '../../ml/recommend/model-state.js';
import { serveWorkerJob } from '../jobs/worker-job-port.js';
import type { CsrMatrix } from '../../ml/recommend/csr-matrix.js';
import type { ModelReport } from './evaluate.js';
import { fitTable, type FitTableInput } from './fit-table.js';

/** A progress message of the fit worker. */
export interface FitWorkerProgress {
  stage: 'evaluate' | 'fit';
}

/** The fit worker's answer (structured clone of typed arrays). */
export interface FitWorkerResult {
  metrics: ModelReport | null;
  matrix: CsrMatrix;
  trending: Float32Array;
  state: ModelState;
}

serveWorkerJob<FitTableInput, FitWorkerProgress, FitWorkerResult>(async (input, progress) => {
  const fitted = fitTable(input, (stage) => progress({ stage }));
  if (!isStateful(fitted.model)) throw new Error(`model ${input.modelSpec} cannot hand its arrays back from a worker`);
  return { metrics: fitted.metrics, matrix: fitted.matrix, trending: fitted.trending, state: fitted.model.toState() };
});
