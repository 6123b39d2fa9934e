import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateModel } from '../core/models/evaluate-model.js';
import { makeImageSet, writeFiles, zipFiles } from '../core/models/test-utils/image-set.js';
import { MAX_IMAGE_UPLOAD_BYTES } from './routes/models.js';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

interface Job {
  id: string;
  kind: string;
  status: string;
  epochs: Array<{ epoch: number; metrics: Record<string, number> }>;
  logs: string[];
  model: { id: string; kind: string; target: string; metrics: Record<string, unknown> & { accuracy: number; classes: string[]; confusionMatrix: number[][]; validationRows: number; skippedRows: number } } | null;
  error: { code: string; message: string } | null;
}

let t: TestApp;
let dir: string;
let base: string;
let auth: Record<string, string>;
let images: Record<string, Uint8Array>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-model-images-'));
  t = await makeTestApp({ deps: { modelsDir: dir } });
  base = `/api/projects/${t.project.id}/models`;
  auth = bearer(t.project.apiKey);
  images = await makeImageSet({ perClass: { red: 10, green: 10, blue: 10 }, seed: 5 });
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const uploadZip = (query: string, zip: Uint8Array) =>
  t.app.inject({ method: 'POST', url: `${base}/images?${query}`, headers: { ...auth, 'content-type': 'application/zip' }, payload: Buffer.from(zip) });
const getJob = async (id: string): Promise<Job> => (await t.app.inject({ method: 'GET', url: `${base}/jobs/${id}`, headers: auth })).json();
const nextPoll = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 25));

async function until(id: string, done: (job: Job) => boolean): Promise<Job> {
  for (;;) {
    const job = await getJob(id);
    if (done(job) || job.status !== 'running') return job;
    await nextPoll();
  }
}

describe('image-folder training over HTTP', () => {
  it('trains from a zipped folder: epochs, confusion matrix, skipped files counted, model listed, upload removed', async () => {
    const zip = zipFiles({ ...images, 'red/notes.txt': strToU8('not an image'), 'green/broken.png': strToU8('\x89PNG truncated') }, 'colours');
    const started = await uploadZip('epochs=8&imageSize=12&batchSize=8&seed=3&name=colours', zip);
    expect(started.statusCode).toBe(202);
    const jobId = started.json().jobId as string;
    const job = await until(jobId, () => false);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.kind).toBe('image');
    expect(job.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Number.isFinite(job.epochs[7]!.metrics['val_accuracy'])).toBe(true);
    expect(job.logs.some((l) => l.startsWith('Epoch 8/8'))).toBe(true);
    const m = job.model!.metrics;
    expect(job.model).toMatchObject({ kind: 'image', target: 'class', name: 'colours' });
    expect(m.classes).toEqual(['blue', 'green', 'red']);
    expect(m.skippedRows).toBe(2);
    expect(m.confusionMatrix).toHaveLength(3);
    expect(m.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(m.validationRows);
    expect(m.validationRows).toBe(6); // 20% of 10 per class, stratified
    expect(m.accuracy).toBeGreaterThan(0.8); // colours are easy
    const list = (await t.app.inject({ method: 'GET', url: base, headers: auth })).json() as { models: Array<{ id: string }> };
    expect(list.models.map((x) => x.id)).toContain(job.model!.id);
    expect(existsSync(join(dir, t.project.id, '.uploads', jobId))).toBe(false);

    // The saved folder is a regular `northstar train image` model: the CLI's evaluate reads it.
    const holdout = join(dir, 'holdout');
    await writeFiles(holdout, await makeImageSet({ perClass: { red: 3, green: 3, blue: 3 }, seed: 77 }));
    const evaluation = await evaluateModel({ model: join(dir, t.project.id, job.model!.id), data: holdout });
    expect(evaluation).toMatchObject({ task: 'classification', classes: ['blue', 'green', 'red'], samples: 9 });
  });

  it('answers other requests while a model trains in its worker, and cancel stops the worker', async () => {
    const started = await uploadZip('epochs=500&imageSize=16&batchSize=4', zipFiles(images));
    expect(started.statusCode).toBe(202);
    const jobId = started.json().jobId as string;
    const first = await until(jobId, (j) => j.epochs.length > 0);
    expect(first.status).toBe('running');
    // Between the first epoch and the end of training, the server answers: health, the job, the model list.
    for (let i = 0; i < 3; i++) {
      const health = await t.app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
      expect((await getJob(jobId)).status).toBe('running');
    }
    const cancelled = await t.app.inject({ method: 'POST', url: `${base}/jobs/${jobId}/cancel`, headers: auth });
    expect(cancelled.statusCode).toBe(200);
    const after = cancelled.json() as Job;
    expect(after.status).toBe('cancelled');
    expect(after.epochs.length).toBeLessThan(500);
    // The worker is gone: no epoch arrives after the cancel, nothing is listed, the upload is removed.
    await nextPoll();
    expect((await getJob(jobId)).epochs).toHaveLength(after.epochs.length);
    expect(existsSync(join(dir, t.project.id, '.uploads', jobId))).toBe(false);
    const folders = await readdir(join(dir, t.project.id));
    const list = (await t.app.inject({ method: 'GET', url: base, headers: auth })).json() as { models: unknown[] };
    expect(folders.filter((f) => f !== '.uploads')).toHaveLength(list.models.length);
    // Cancelling a finished job returns it unchanged.
    expect((await t.app.inject({ method: 'POST', url: `${base}/jobs/${jobId}/cancel`, headers: auth })).json().status).toBe('cancelled');
  });

  it('refuses zip-slip paths, non-zip bodies, a single class, bad settings and oversize bodies with coded errors', async () => {
    const png = images['red/0.png']!;
    const slip = await uploadZip('', zipSync({ 'red/0.png': png, 'green/0.png': png, '../../etc/evil.png': png }));
    expect(slip.statusCode).toBe(400);
    expect(slip.json().error.code).toBe('UPLOAD_UNSAFE_PATH');

    const notZip = await uploadZip('', strToU8('a,b\n1,2\n'));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json().error.code).toBe('UPLOAD_INVALID_ARCHIVE');

    const single = await uploadZip('', zipFiles({ 'red/0.png': png, 'red/1.png': png }, 'top'));
    expect(single.statusCode).toBe(400);
    expect(single.json().error.code).toBe('NN_INVALID_DATA');

    const arch = await uploadZip('arch=resnet', zipFiles(images));
    expect(arch.statusCode).toBe(400);
    expect(arch.json().error.code).toBe('INVALID_ARGUMENT');

    const empty = await uploadZip('', new Uint8Array(0));
    expect(empty.json().error.code).toBe('NN_INVALID_DATA');

    const huge = await uploadZip('', new Uint8Array(MAX_IMAGE_UPLOAD_BYTES + 1));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
