import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser.js';
import { createRng } from '../../src/common/rng.js';
import { makeImageSet, writeFiles } from '../../src/core/models/test-utils/image-set.js';
import { loadConfig } from '../../src/config.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-cn.js';

/**
 * The Models page in a real browser (same setup as dashboard.test.ts: a live server over a temporary data
 * directory, Debian's Chromium through playwright-core): upload a small CSV, train, watch the curves, and
 * check that the accuracy the page shows is the one the API's job reports; then pick a generated image
 * folder (PNG squares made with sharp, one sub-folder per class), which the browser zips and uploads.
 */

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const WEB_ROOT = path.join(REPO_ROOT, 'dist', 'web');

let server: RunningServer;
let browser: Browser;
let dataDir: string;

/** Two separable classes (seeded) with a numeric and a categorical feature. */
function tinyCsv(seed: number, rows: number): string {
  const rng = createRng(seed);
  const lines = ['spend,visits,plan,churned'];
  for (let i = 0; i < rows; i++) {
    const yes = i % 2 === 0;
    lines.push(`${rng.normal(yes ? 20 : 80, 10).toFixed(1)},${rng.int(yes ? 1 : 6, yes ? 5 : 12)},${rng.pick(['free', 'pro'])},${yes ? 'yes' : 'no'}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first.');
  dataDir = await mkdtemp(path.join(tmpdir(), 'northstar-models-page-'));
  const config = loadConfig({ NORTHSTAR_DATA_DIR: dataDir, NORTHSTAR_HOST: '127.0.0.1', NORTHSTAR_PORT: '0', NORTHSTAR_LOG_LEVEL: 'warn' });
  server = await startServer(config, { webRoot: WEB_ROOT });
  await server.northstar.projects.create('Churn lab', { id: 'churn-lab' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Models page in Chromium', () => {
  it('trains from an uploaded CSV, draws the curves, and shows the job accuracy', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server.url}/#/models`);
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(en['nav.models']);
      await page.locator('[data-testid="models-list"]').getByText(en['models.none']).waitFor({ timeout: 15_000 });

      await page.setInputFiles('[data-testid="models-file"]', { name: 'churn.csv', mimeType: 'text/csv', buffer: Buffer.from(tinyCsv(4, 120)) });
      // The target defaults to the last header column, read in the browser.
      await expect.poll(() => page.locator('[data-testid="models-target"]').inputValue()).toBe('churned');
      await page.fill('[data-testid="models-epochs"]', '15');
      const started = page.waitForResponse((r) => r.url().includes('/models/tabular') && r.request().method() === 'POST');
      await page.click('[data-testid="models-train"]');
      const { jobId } = (await (await started).json()) as { jobId: string };

      await page.locator('[data-testid="models-status"][data-status="succeeded"], [data-testid="models-status"][data-status="failed"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-testid="models-status"]').getAttribute('data-status')).toBe('succeeded');
      const box = await page.locator('[data-testid="models-curves"] canvas').first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(box?.height ?? 0).toBeGreaterThan(100);

      // The accuracy on the page is the one in the API's job result, and the confusion matrix has a row per class.
      const auth = { authorization: `Bearer ${server.dashboardToken}` };
      const job = (await (await fetch(`${server.url}/api/projects/churn-lab/models/jobs/${jobId}`, { headers: auth })).json()) as {
        status: string;
        epochs: unknown[];
        model: { metrics: { accuracy: number } };
      };
      expect(job.status).toBe('succeeded');
      expect(job.epochs).toHaveLength(15);
      const accuracy = job.model.metrics.accuracy;
      expect(Number(await page.locator('[data-testid="model-accuracy"]').getAttribute('data-value'))).toBe(accuracy);
      expect(await page.locator('[data-testid="model-accuracy"]').innerText()).toBe(`${(accuracy * 100).toFixed(1)}%`);
      expect(accuracy).toBeGreaterThan(0.8);
      expect(await page.locator('[data-testid="confusion-matrix"] tbody tr').count()).toBe(2);
      await page.locator('[data-testid="models-row"]').first().waitFor({ timeout: 10_000 });
      // In Chinese the results keep their numbers and change their labels.
      await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(zhCN['nav.models']);
      await page.getByText(zhCN['models.confusionMatrix']).waitFor();

      // A CSV the server refuses shows the API's error code on the page.
      await page.setInputFiles('[data-testid="models-file"]', { name: 'one-class.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,x\n2,x\n3,x\n4,x\n5,x\n6,x\n7,x\n8,x\n9,x\n10,x\n') });
      await page.click('[data-testid="models-train"]');
      expect(await page.locator('[data-testid="error-code"]').first().innerText()).toBe('NN_INVALID_DATA');
      await page.selectOption('[data-testid="lang-select"]', 'en');
      await page.waitForTimeout(600); // let the chart's entry animation finish before the screenshot
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'models.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('trains from a picked image folder: the browser zips it, the curves grow, the model is listed with its metrics', async () => {
    const folder = path.join(dataDir, 'colours');
    await writeFiles(folder, { ...(await makeImageSet({ perClass: { red: 8, green: 8, blue: 8 }, size: 12, seed: 9 })), 'red/notes.txt': new TextEncoder().encode('not an image') });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server.url}/#/models`);
      await page.selectOption('[data-testid="models-source"]', 'images');
      await page.getByText(en['models.explainImages']).waitFor();
      await page.setInputFiles('[data-testid="models-folder"]', folder);
      await expect.poll(() => page.locator('[data-testid="models-picked"]').innerText()).toBe('colours: 25 files');
      await page.selectOption('[data-testid="models-image-size"]', '16');
      await page.fill('[data-testid="models-epochs"]', '12');
      const started = page.waitForResponse((r) => r.url().includes('/models/images') && r.request().method() === 'POST');
      await page.click('[data-testid="models-train"]');
      const response = await started;
      expect(response.status()).toBe(202);
      expect(response.request().headers()['content-type']).toBe('application/zip');
      const { jobId } = (await response.json()) as { jobId: string };

      // The curve appears from the first epoch on, drawn from the job the worker reports into.
      await page.locator('[data-testid="models-curves"] canvas').first().waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="models-status"][data-status="succeeded"], [data-testid="models-status"][data-status="failed"]').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-testid="models-status"]').getAttribute('data-status')).toBe('succeeded');

      const auth = { authorization: `Bearer ${server.dashboardToken}` };
      const job = (await (await fetch(`${server.url}/api/projects/churn-lab/models/jobs/${jobId}`, { headers: auth })).json()) as {
        kind: string;
        epochs: unknown[];
        model: { id: string; metrics: { accuracy: number; classes: string[]; skippedRows: number } };
      };
      expect(job.kind).toBe('image');
      expect(job.epochs).toHaveLength(12);
      expect(job.model.metrics.classes).toEqual(['blue', 'green', 'red']);
      expect(job.model.metrics.skippedRows).toBe(1);
      const accuracy = job.model.metrics.accuracy;
      expect(accuracy).toBeGreaterThan(0.6);
      expect(Number(await page.locator('[data-testid="model-accuracy"]').getAttribute('data-value'))).toBe(accuracy);
      expect(await page.locator('[data-testid="confusion-matrix"] tbody tr').count()).toBe(3);
      expect(await page.locator('[data-testid="model-skipped"] summary').innerText()).toBe(en['models.skippedFiles'].replace('{count}', '1'));
      // Listed with its metrics: the row names the folder and shows the same validation accuracy.
      const row = page.locator('[data-testid="models-row"]', { hasText: 'colours' });
      await row.waitFor({ timeout: 10_000 });
      expect(await row.innerText()).toContain(en['models.source.images']);
      expect(await row.innerText()).toContain(`${(accuracy * 100).toFixed(1)}%`);
      await page.waitForTimeout(600); // let the chart's entry animation finish before the screenshot
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'models-images.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
