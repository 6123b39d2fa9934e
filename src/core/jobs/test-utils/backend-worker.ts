/** A worker for worker-job.test.ts: answers with the name of the nn backend it computes on. */
import { getBackend } from '../../../nn/backends/registry.js';
import { serveWorkerJob } from '../worker-job-port.js';

serveWorkerJob<null, never, string>(async () => getBackend().name);
