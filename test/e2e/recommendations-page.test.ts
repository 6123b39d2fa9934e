import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser.js';
import { loadConfig } from '../../src/config.js';
import { loadDemoShop } from '../../src/core/demo/index.js';
import type { ModelList, PersonEvents, RecommendationList, SimilarItems } from '../../web/src/features/recommendations/api/types.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-cn.js';

/**
 * The Recommendations page in Chromium over a live server holding a small demo shop (the setup of
 * dashboard.test.ts): train through the button, then one user's list, explanations and similar items must equal
 * the API's answers to the very requests the page makes.
 */

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const WEB_ROOT = path.join(REPO_ROOT, 'dist', 'web');
const PROJECT = 'demo-shop';

let server: RunningServer;
let browser: Browser;
let dataDir: string;

async function apiGet<T>(route: string): Promise<T> {
  const response = await fetch(`${server.url}${route}`, { headers: { authorization: `Bearer ${server.dashboardToken}` } });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first.');
  dataDir = await mkdtemp(path.join(tmpdir(), 'northstar-recs-page-'));
  const config = loadConfig({ NORTHSTAR_DATA_DIR: dataDir, NORTHSTAR_HOST: '127.0.0.1', NORTHSTAR_PORT: '0', NORTHSTAR_LOG_LEVEL: 'warn' });
  server = await startServer(config, { webRoot: WEB_ROOT });
  await loadDemoShop({ store: server.northstar.store, projects: server.northstar.projects }, { users: 250, days: 42, seed: 11 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('recommendations page in Chromium', () => {
  it('trains through the button, rolls back with Activate, and shows a user history and the very list, explanations and similar items the API answers', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server.url}/#/recommendations`);
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(en['nav.recommendations']);
      await page.locator('[data-testid="recs-no-models"]').waitFor({ timeout: 15_000 });

      // Train: the job shows, finishes, and version 1 appears marked active with the metrics the API reports.
      await page.locator('[data-testid="train-button"]').click();
      await page.locator('[data-testid="train-job"][data-status="succeeded"]').waitFor({ timeout: 60_000 });
      const row = page.locator('[data-testid="model-version"][data-active="true"]');
      await row.waitFor({ timeout: 10_000 });
      const models = await apiGet<ModelList>(`/api/projects/${PROJECT}/recommendations/models`);
      expect(models.active).toBe(1);
      expect(await row.getAttribute('data-version')).toBe('1');
      const ndcg = models.versions[0]?.metrics?.ndcg;
      expect(ndcg).toBeTypeOf('number');
      expect(await row.innerText()).toContain((ndcg ?? 0).toFixed(3));

      // Look up the first example user (a buyer, offered from the funnel's last step).
      const example = page.locator('[data-testid="example-user"]').first();
      await example.waitFor({ timeout: 15_000 });
      const user = (await example.innerText()).trim();
      await example.click();
      await page.locator('[data-testid="rec-item"]').first().waitFor({ timeout: 15_000 });
      await page.locator('[data-testid="history-row"]').first().waitFor({ timeout: 15_000 });

      const api = await apiGet<RecommendationList>(
        // The request the page sends for a lookup (LOOKUP_K = 10, purchases excluded), built here without the
        // page's fetch module, which needs the DOM.
        `/api/projects/${PROJECT}/recommendations?${new URLSearchParams({ distinct_id: user, k: '10', exclude_purchased: 'true' }).toString()}`,
      );
      expect(api.items.length).toBeGreaterThan(0);
      const shownItems = await Promise.all((await page.locator('[data-testid="rec-item"]').all()).map((item) => item.getAttribute('data-item')));
      expect(shownItems).toEqual(api.items.map((i) => i.itemId));
      expect(await page.locator('[data-testid="rec-explanation"]').allInnerTexts()).toEqual(api.items.map((i) => i.explanation.en));
      expect(await page.locator('[data-testid="recs-reason"]').getAttribute('data-reason')).toBe(api.reason);

      const history = await apiGet<PersonEvents>(`/api/projects/${PROJECT}/persons/${encodeURIComponent(user)}/events?limit=20`);
      expect(await page.locator('[data-testid="history-row"]').count()).toBe(history.events.length);

      // Similar items of the first recommended product.
      const first = api.items[0]?.itemId ?? '';
      await page.locator('[data-testid="rec-item"] button').first().click();
      await page.locator('[data-testid="similar-item"]').first().waitFor({ timeout: 15_000 });
      const similar = await apiGet<SimilarItems>(`/api/projects/${PROJECT}/similar-items?item_id=${encodeURIComponent(first)}&k=10`);
      const shownSimilar = await page.locator('[data-testid="similar-item"] td:first-child').allInnerTexts();
      expect(shownSimilar).toEqual(similar.items.map((i) => i.itemId));
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'recommendations.png'), fullPage: true });

      // Train again (version 2 becomes active), then roll back to version 1 with its Activate button.
      await page.locator('[data-testid="train-button"]').click();
      await page.locator('[data-testid="model-version"][data-version="2"][data-active="true"]').waitFor({ timeout: 60_000 });
      const servedBy = (version: number): string => en['recs.servedBy'].replace('{version}', String(version)).replace('{name}', api.model?.name ?? '');
      await expect.poll(() => page.locator('[data-testid="recs-reason"]').innerText()).toContain(servedBy(2));
      await page.locator('[data-testid="activate-1"]').click();
      await page.locator('[data-testid="model-version"][data-version="1"][data-active="true"]').waitFor({ timeout: 10_000 });
      expect((await apiGet<ModelList>(`/api/projects/${PROJECT}/recommendations/models`)).active).toBe(1);
      expect(await page.locator('[data-testid="model-version"][data-active="true"]').count()).toBe(1);
      await expect.poll(() => page.locator('[data-testid="recs-reason"]').innerText()).toContain(servedBy(1));

      // In Chinese the explanations are the API's zh text.
      await page.locator('[data-testid="lang-select"]').selectOption('zh-CN');
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(zhCN['nav.recommendations']);
      expect(await page.locator('[data-testid="rec-explanation"]').allInnerTexts()).toEqual(api.items.map((i) => i.explanation.zh));
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'recommendations-zh-CN.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
