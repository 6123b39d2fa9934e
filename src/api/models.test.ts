import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../common/rng.js';
import { evaluateModel } from '../core/models/evaluate-model.js';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

/** Two separable classes around (+1.5, +1.5) and (-1.5, -1.5), plus a weakly informative category. */
function separableCsv(seed: number, rows: number): string {
  const rng = createRng(seed);
  const lines = ['x1,x2,colour,label'];
  for (let i = 0; i < rows; i++) {
    const yes = i % 2 === 0;
    const c = yes ? 1.5 : -1.5;
    lines.push(`${rng.normal(c, 0.7).toFixed(3)},${rng.normal(c, 0.7).toFixed(3)},${rng.pick(['red', 'blue'])},${yes ? 'churn' : 'stay'}`);
  }
  return `${lines.join('\n')}\n`;
}

let t: TestApp;
let dir: string;
let base: string;
let auth: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-models-'));
  t = await makeTestApp({ deps: { modelsDir: dir } });
  base = `/api/projects/${t.project.id}/models`;
  auth = bearer(t.project.apiKey);
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const upload = (query: string, csv: string) =>
  t.app.inject({ method: 'POST', url: `${base}/tabular?${query}`, headers: { ...auth, 'content-type': 'text/csv' }, payload: csv });

async function waitForJob(jobId: string): Promise<Record<string, unknown>> {
  const seen: number[] = [];
  for (;;) {
    const res = await t.app.inject({ method: 'GET', url: `${base}/jobs/${jobId}`, headers: auth });
    expect(res.statusCode).toBe(200);
    const job = res.json();
    seen.push(job.epochs.length);
    if (job.status !== 'running') return { ...job, seen };
    // Training runs in a worker thread; a short pause between polls leaves the CPU to it.
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('models over HTTP', () => {
  it('lists no models before training', async () => {
    const res = await t.app.inject({ method: 'GET', url: base, headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ models: [] });
  });

  it('trains a classifier from an uploaded CSV, records epochs, and lists it with its metrics', async () => {
    const started = await upload('target=label&epochs=12&seed=3', separableCsv(7, 200));
    expect(started.statusCode).toBe(202);
    const job = await waitForJob(started.json().jobId);
    expect(job.status).toBe('succeeded');
    const epochs = job.epochs as Array<{ epoch: number; metrics: Record<string, number> }>;
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) expect(Number.isFinite(epochs[11]!.metrics[key])).toBe(true);
    // The job was polled while training: some polls saw a partial epoch list (the worker reports each epoch).
    expect((job.seen as number[]).some((n) => n > 0 && n < 12)).toBe(true);
    const model = job.model as { id: string; metrics: { accuracy: number; classes: string[]; confusionMatrix: number[][]; perClass: unknown[]; validationRows: number } };
    expect(model.metrics.classes).toEqual(['churn', 'stay']);
    expect(model.metrics.accuracy).toBeGreaterThan(0.85);
    const cm = model.metrics.confusionMatrix;
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(model.metrics.validationRows);
    expect((cm[0]![0]! + cm[1]![1]!) / model.metrics.validationRows).toBeCloseTo(model.metrics.accuracy, 10);
    expect(model.metrics.perClass).toHaveLength(2);

    const list = (await t.app.inject({ method: 'GET', url: base, headers: auth })).json();
    expect(list.models).toHaveLength(1); // before the regression test below adds one
    expect(list.models[0]).toMatchObject({ id: model.id, target: 'label', metrics: { accuracy: model.metrics.accuracy } });

    // The saved folder is a regular `northstar train` model: the CLI's evaluate reads it.
    const csvFile = join(dir, 'holdout.csv');
    await writeFile(csvFile, separableCsv(99, 60));
    const evaluation = await evaluateModel({ model: join(dir, t.project.id, model.id), csv: csvFile });
    expect(evaluation).toMatchObject({ task: 'classification', classes: ['churn', 'stay'], samples: 60 });

    // Saved under the models folder: a new app over the same folder (a restart) still lists it.
    const again = await makeTestApp({ deps: { modelsDir: dir } });
    try {
      const res = await again.app.inject({ method: 'GET', url: `/api/projects/${again.project.id}/models`, headers: bearer(again.project.apiKey) });
      expect(res.json().models.map((m: { id: string }) => m.id)).toEqual([model.id]);
    } finally {
      await again.close();
    }
  });

  it('trains a regression when asked, reporting RMSE instead of a confusion matrix', async () => {
    const rng = createRng(11);
    const rows = Array.from({ length: 80 }, () => {
      const x = rng.normal(0, 1);
      return `${x.toFixed(3)},${(3 * x + 10 + rng.normal(0, 0.1)).toFixed(3)}`;
    });
    const started = await upload('target=y&task=regression&epochs=30', `x,y\n${rows.join('\n')}\n`);
    expect(started.statusCode).toBe(202);
    const job = await waitForJob(started.json().jobId);
    const metrics = (job.model as { metrics: { task: string; rmse: number; confusionMatrix?: unknown } }).metrics;
    expect(metrics.task).toBe('regression');
    expect(metrics.confusionMatrix).toBeUndefined();
    // y has a standard deviation of about 3; a fitted model does much better than predicting the mean.
    expect(metrics.rmse).toBeLessThan(1.5);
    expect((job.epochs as Array<{ metrics: Record<string, number> }>)[0]!.metrics['accuracy']).toBeUndefined();
  });

  it('rejects a CSV without the target, one with a single class, an empty body and bad epochs with coded errors', async () => {
    const noTarget = await upload('target=missing', separableCsv(1, 20));
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().error.code).toBe('UNKNOWN_COLUMN');

    const oneClass = await upload('target=label', 'x,label\n1,a\n2,a\n3,a\n4,a\n5,a\n6,a\n7,a\n8,a\n9,a\n10,a\n');
    expect(oneClass.statusCode).toBe(400);
    expect(oneClass.json().error.code).toBe('NN_INVALID_DATA');

    const broken = await upload('target=label', 'x,label\n"1,a\n');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('NN_INVALID_DATA');

    const empty = await upload('target=label', '');
    expect(empty.json().error.code).toBe('NN_INVALID_DATA');

    const epochs = await upload('target=label&epochs=0', separableCsv(1, 20));
    expect(epochs.statusCode).toBe(400);
    expect(epochs.json().error.code).toBe('INVALID_ARGUMENT');
  });

  it('answers NOT_FOUND for an unknown job', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/jobs/nope`, headers: auth });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
