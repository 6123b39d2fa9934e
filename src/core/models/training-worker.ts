/**
 * Entry of the training worker thread (started by `training-jobs.ts` through `startWorkerJob`): runs one
 * tabular or image job, posting each epoch and log line as progress, and the trained model's summary as
 * the result. Heavy work (decoding images, forward/backward passes, saving) happens here, off the server's
 * event loop.
 */
import { serveWorkerJob } from '../jobs/worker-job-port.js';
import { runImageJob } from './image-job.js';
import { runTabularJob } from './tabular-job.js';
import type { TrainedModelResult, TrainingProgress, TrainingWorkerInput } from './training-job-types.js';

serveWorkerJob<TrainingWorkerInput, TrainingProgress, TrainedModelResult>((input, progress) =>
  input.kind === 'tabular' ? runTabularJob(input, progress) : runImageJob(input, progress),
);
