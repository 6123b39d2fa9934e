import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/common/rng.js';
import { createProject, tempDataDir } from './helpers/cli.js';
import type { CreatedProject } from './helpers/cli.js';
import { startServerProcess } from './helpers/server-process.js';
import type { ServerProcess } from './helpers/server-process.js';

/**
 * Training jobs across real process deaths (issue 3, "nothing that was accepted is ever lost"), on the real
 * CLI (`northstar serve`): a CSV job is accepted, the server is SIGKILLed mid-training and restarted on the
 * same data directory; the job is listed as interrupted with its curve so far and retries from the upload the
 * server kept. The retry is then stopped by SIGTERM (a clean shutdown) mid-training and is interrupted too.
 */

interface Job {
  id: string;
  status: string;
  epochs: unknown[];
  retryable: boolean;
  retryOf: string | null;
  retriedAs: string | null;
  updatedAt: string;
  error: { code: string; message: string; hint?: string } | null;
}

function csv(seed: number, rows: number): string {
  const rng = createRng(seed);
  const lines = ['spend,visits,plan,churned'];
  for (let i = 0; i < rows; i++) {
    const yes = i % 2 === 0;
    lines.push(`${rng.normal(yes ? 20 : 80, 10).toFixed(1)},${rng.int(yes ? 1 : 6, yes ? 5 : 12)},${rng.pick(['免费', 'pro'])},${yes ? 'yes' : 'no'}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('training jobs across kill -9 and SIGTERM (live server, real CLI)', () => {
  let data: { dir: string; remove: () => Promise<void> };
  let project: CreatedProject;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    data = await tempDataDir('training-restart');
    project = await createProject(data.dir, 'Churn lab');
  });
  afterAll(async () => {
    await server?.kill();
    await data.remove();
  });

  const call = async <T>(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; json: T }> => {
    const res = await fetch(`${server?.url ?? ''}/api/projects/${project.id}/models${path}`, {
      method,
      headers: { authorization: `Bearer ${project.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'text/csv' }) },
      ...(body === undefined ? {} : { body }),
    });
    return { status: res.status, json: (await res.json()) as T };
  };
  const until = async (jobId: string, done: (job: Job) => boolean): Promise<Job> => {
    for (;;) {
      const { json } = await call<Job>('GET', `/jobs/${jobId}`);
      if (done(json)) return json;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('a job running at kill -9 is interrupted after the restart, and retries from the kept upload', async () => {
    server = await startServerProcess({ dataDir: data.dir });
    const started = await call<{ jobId: string }>('POST', '/tabular?target=churned&epochs=500', csv(3, 4000));
    expect(started.status).toBe(202);
    const jobId = started.json.jobId;
    // Progress is written at most once a second: wait until the record was written twice after an epoch
    // (`updatedAt` moves with each write), so the curve the kill interrupts is on disk.
    const seen = await until(jobId, (j) => j.epochs.length >= 1);
    const once = await until(jobId, (j) => j.updatedAt !== seen.updatedAt);
    const twice = await until(jobId, (j) => j.updatedAt !== once.updatedAt || j.status !== 'running');
    expect(twice.status).toBe('running'); // still training: the data is sized for that (about 10 s)
    await server.kill('SIGKILL');

    server = await startServerProcess({ dataDir: data.dir, port: server.port });
    const { json: after } = await call<Job>('GET', `/jobs/${jobId}`);
    expect(after).toMatchObject({ status: 'interrupted', retryable: true, error: { code: 'JOB_INTERRUPTED' } });
    expect(after.error?.hint).toMatch(/start it again/);
    expect(after.epochs.length).toBeGreaterThan(0);
    expect(existsSync(join(data.dir, 'models', project.id, '.uploads', jobId, 'data.csv'))).toBe(true);

    const retried = await call<{ jobId: string; job: Job }>('POST', `/jobs/${jobId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.json.job).toMatchObject({ status: 'running', retryOf: jobId });
    const retryId = retried.json.jobId;
    await until(retryId, (j) => j.epochs.length >= 1);

    // a clean stop (SIGTERM) records the running retry as interrupted before the process exits
    expect(await server.stop()).toBe(0);
    server = await startServerProcess({ dataDir: data.dir, port: server.port });
    const { json: list } = await call<{ jobs: Job[] }>('GET', '/jobs');
    expect(list.jobs.map((j) => [j.id, j.status, j.retryable])).toEqual([
      [retryId, 'interrupted', true],
      [jobId, 'interrupted', false],
    ]);
    expect(list.jobs[1]?.retriedAs).toBe(retryId);
    expect(list.jobs[0]?.error?.message).toMatch(/shut down/);
  });
});
