import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createRng } from '../../src/common/rng.js';
import { loadConfig } from '../../src/config.js';
import { zhCN } from '../../web/src/i18n/zh-cn.js';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser.js';

/**
 * The Models page after a server restart, in Chromium and in Chinese: a job the server stopped during is
 * listed as 已中断 with the line saying why, the finished one keeps its accuracy, and 重新开始 (Start again)
 * trains the interrupted one again from the upload the server kept.
 */

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const WEB_ROOT = path.join(REPO_ROOT, 'dist', 'web');
const PROJECT = 'restart-lab';

let dataDir: string;
let server: RunningServer | undefined;
let browser: Browser;

function csv(seed: number, rows: number): string {
  const rng = createRng(seed);
  const lines = ['spend,visits,churned'];
  for (let i = 0; i < rows; i++) {
    const yes = i % 2 === 0;
    lines.push(`${rng.normal(yes ? 20 : 80, 10).toFixed(1)},${rng.int(yes ? 1 : 6, yes ? 5 : 12)},${yes ? 'yes' : 'no'}`);
  }
  return `${lines.join('\n')}\n`;
}

const start = (): Promise<RunningServer> =>
  startServer(loadConfig({ NORTHSTAR_DATA_DIR: dataDir, NORTHSTAR_HOST: '127.0.0.1', NORTHSTAR_PORT: '0', NORTHSTAR_LOG_LEVEL: 'warn' }), { webRoot: WEB_ROOT });

async function api<T>(method: 'GET' | 'POST', url: string, body?: string): Promise<T> {
  const s = server as RunningServer;
  const res = await fetch(`${s.url}/api/projects/${PROJECT}/models${url}`, {
    method,
    headers: { authorization: `Bearer ${s.dashboardToken}`, ...(body === undefined ? {} : { 'content-type': 'text/csv' }) },
    ...(body === undefined ? {} : { body }),
  });
  return (await res.json()) as T;
}

async function until(jobId: string, done: (job: { status: string; epochs: unknown[] }) => boolean): Promise<void> {
  for (;;) {
    if (done(await api<{ status: string; epochs: unknown[] }>('GET', `/jobs/${jobId}`))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first.');
  dataDir = await mkdtemp(path.join(tmpdir(), 'northstar-models-restart-'));
  server = await start();
  await server.northstar.projects.create('Restart lab', { id: PROJECT });
  const finished = await api<{ jobId: string }>('POST', '/tabular?target=churned&epochs=3&name=finished', csv(1, 200));
  await until(finished.jobId, (j) => j.status !== 'running');
  const stopped = await api<{ jobId: string }>('POST', '/tabular?target=churned&epochs=500&name=stopped', csv(2, 3000));
  await until(stopped.jobId, (j) => j.epochs.length > 0);
  await server.close();
  server = await start();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Models page after a restart (Chromium, zh-CN)', () => {
  it('lists the interrupted job with why and 重新开始, which starts it again', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server?.url ?? ''}/#/models`);
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(zhCN['nav.models']);
      const rows = page.locator('[data-testid="models-job-row"]');
      await rows.nth(1).waitFor({ timeout: 15_000 });
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))).toEqual(['interrupted', 'succeeded']);
      const interrupted = rows.nth(0);
      expect(await interrupted.locator('[data-testid="models-job-interrupted"]').innerText()).toBe(zhCN['models.interrupted']);
      expect(await interrupted.innerText()).toContain(zhCN['models.status.interrupted']);
      expect(await rows.nth(1).locator('td').nth(3).innerText()).toMatch(/%$/);
      // Show opens the interrupted job's curve so far and the same explanation
      await interrupted.locator('[data-testid="models-job-show"]').click();
      await page.locator('[data-testid="models-status"][data-status="interrupted"]').waitFor();
      expect(await page.locator('[data-testid="models-interrupted"]').innerText()).toBe(zhCN['models.interrupted']);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'models-interrupted.png'), fullPage: true });

      const retried = page.waitForResponse((r) => r.url().includes('/retry') && r.request().method() === 'POST');
      await interrupted.locator('[data-testid="models-job-retry"]').click();
      expect((await retried).status()).toBe(202);
      await page.locator('[data-testid="models-status"][data-status="running"]').waitFor();
      await expect.poll(() => rows.count()).toBe(3);
      expect(await rows.nth(1).locator('[data-testid="models-job-interrupted"]').innerText()).toBe(zhCN['models.retriedAs']);
      await page.click('[data-testid="models-cancel"]');
      await page.locator('[data-testid="models-status"][data-status="cancelled"]').waitFor({ timeout: 15_000 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
