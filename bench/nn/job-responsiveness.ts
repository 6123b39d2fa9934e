/**
 * How responsive the server's event loop stays while an image model trains: the same image-folder job
 * (3 classes × 60 PNGs, 32×32, arch `small`, 3 epochs) run (a) as the Models page runs it, in a worker thread
 * through the job registry, and (b) inline on the main thread by calling `trainImageModel` directly (the
 * pre-worker design, which only yields between batches). The main thread's event-loop delay is sampled with
 * `perf_hooks.monitorEventLoopDelay` during each run; p99 and max are what a /health request would wait.
 *
 *   npx tsx bench/nn/job-responsiveness.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { trainImageModel } from '../../src/core/models/train-image.js';
import { makeImageSet, writeFiles, zipFiles } from '../../src/core/models/test-utils/image-set.js';
import { createModelTrainingService } from '../../src/core/models/training-jobs.js';
import { createDuckDbStore } from '../../src/store/index.js';

const EPOCHS = 3;
const SIZE = 32;

async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  h.disable();
  const p = (q: number) => (h.percentile(q) / 1e6).toFixed(1);
  console.log(`${label.padEnd(28)} wall ${(ms / 1000).toFixed(2)} s   loop delay p50 ${p(50)} ms  p99 ${p(99)} ms  max ${(h.max / 1e6).toFixed(1)} ms`);
}

const dir = await mkdtemp(join(tmpdir(), 'ns-bench-jobs-'));
try {
  const files = await makeImageSet({ perClass: { red: 60, green: 60, blue: 60 }, size: SIZE, seed: 1 });
  await writeFiles(join(dir, 'folder'), files);
  const zip = zipFiles(files);
  // job records go to the store (training jobs survive restarts); an in-memory one is enough here
  const store = await createDuckDbStore({ path: ':memory:' });
  await store.createProject({ id: 'bench', name: 'bench', token: 'phc_bench' });
  const service = createModelTrainingService({ modelsDir: join(dir, 'models'), store });
  await measure('worker thread (job registry)', async () => {
    const job = await service.startImage('bench', { zip, epochs: EPOCHS, imageSize: SIZE, batchSize: 16, arch: 'small' });
    const done = await service.wait(job.id);
    if (done.status !== 'succeeded') throw new Error(`job ${done.status}: ${done.error?.message ?? ''}`);
  });
  await measure('inline (main thread)', () =>
    trainImageModel({
      data: join(dir, 'folder'), out: join(dir, 'inline'), epochs: EPOCHS, batchSize: 16, validationSplit: 0.2, augment: false,
      arch: 'small', imageSize: SIZE, seed: 42, log: () => {}, warn: () => {},
    }),
  );
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
