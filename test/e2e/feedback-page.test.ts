import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser.js';
import { loadConfig } from '../../src/config.js';
import { loadDemoShop } from '../../src/core/demo/index.js';
import { itemsPath, overviewPath, type FeedbackFilters } from '../../web/src/features/feedback/api/feedback-paths.js';
import type { FeedbackOverview, FeedbackPage } from '../../web/src/features/feedback/api/types.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-cn.js';

/**
 * The Feedback page in Chromium over a live server holding a demo shop whose reviews, support questions and
 * app-store reviews were analysed at load: every number, topic, aspect and item on the page must equal the API's
 * answer to the very request the page makes, for the default view, a drill-down and a language filter.
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

async function attr(page: Page, selector: string, name: string): Promise<string | null> {
  return page.locator(selector).getAttribute(name);
}

beforeAll(async () => {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first.');
  dataDir = await mkdtemp(path.join(tmpdir(), 'northstar-feedback-page-'));
  const config = loadConfig({ NORTHSTAR_DATA_DIR: dataDir, NORTHSTAR_HOST: '127.0.0.1', NORTHSTAR_PORT: '0', NORTHSTAR_LOG_LEVEL: 'warn' });
  server = await startServer(config, { webRoot: WEB_ROOT });
  await loadDemoShop({ store: server.northstar.store, projects: server.northstar.projects }, { users: 800, days: 42, seed: 11 });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('feedback page in Chromium', () => {
  it('shows the API numbers, topics with quotes, aspects and items; drills into an aspect; filters by language; speaks Chinese', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 1400 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server.url}/#/feedback`);
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(en['nav.feedback']);
      await page.locator('[data-testid="feedback-volume"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="feedback-chart"] canvas').waitFor({ timeout: 10_000 });

      const all: FeedbackFilters = { since: '-30d', lang: '', source: '' };
      const overview = await apiGet<FeedbackOverview>(overviewPath(PROJECT, all));
      expect(overview.totals.volume).toBeGreaterThan(20);
      expect(await attr(page, '[data-testid="feedback-volume"]', 'data-value')).toBe(String(overview.totals.volume));
      expect(await attr(page, '[data-testid="feedback-index"]', 'data-value')).toBe(String(overview.totals.index ?? ''));

      // complaint topics: the same topics, sizes and quotes, in order
      expect(overview.topics.topics.length).toBeGreaterThan(0);
      const sizes = await page.locator('[data-testid="feedback-topic"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-size')));
      expect(sizes).toEqual(overview.topics.topics.map((t) => String(t.size)));
      const quotes = await page.locator('[data-testid="feedback-quote"]').allInnerTexts();
      expect(quotes).toEqual(overview.topics.topics.flatMap((t) => t.quotes.map((q) => `“${q.text}”`)));

      // aspects in the API's order, with English names
      const aspects = await page.locator('[data-testid="feedback-aspect"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-aspect')));
      expect(aspects).toEqual(overview.aspects.map((a) => a.aspect));
      expect(aspects).toContain('delivery');

      // the latest items are the API's first page
      const latest = await apiGet<FeedbackPage>(itemsPath(PROJECT, all, null));
      await expect.poll(() => page.locator('[data-testid="feedback-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(latest.items.map((f) => f.id));
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'feedback.png'), fullPage: true });

      // drill into the delivery aspect
      await page.locator('[data-testid="feedback-aspect"][data-aspect="delivery"] button').click();
      const delivery = await apiGet<FeedbackPage>(itemsPath(PROJECT, all, { kind: 'aspect', aspect: 'delivery' }));
      await expect.poll(() => attr(page, '[data-testid="feedback-items-count"]', 'data-total')).toBe(String(delivery.total));
      expect(await page.locator('[data-testid="feedback-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(delivery.items.map((f) => f.id));
      await page.locator('[data-testid="feedback-drill-clear"]').click();
      await expect.poll(() => attr(page, '[data-testid="feedback-items-count"]', 'data-total')).toBe(String(latest.total));

      // Chinese feedback only
      await page.locator('[data-testid="feedback-lang"]').selectOption('zh');
      const zh = await apiGet<FeedbackOverview>(overviewPath(PROJECT, { ...all, lang: 'zh' }));
      expect(zh.totals.volume).toBeLessThan(overview.totals.volume);
      await expect.poll(() => attr(page, '[data-testid="feedback-volume"]', 'data-value')).toBe(String(zh.totals.volume));

      // the page in Chinese
      await page.locator('[data-testid="lang-select"]').selectOption('zh-CN');
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(zhCN['nav.feedback']);
      const firstAspect = zh.aspects[0]?.aspect ?? 'delivery';
      const key = `feedback.aspect.${firstAspect}` as keyof typeof zhCN;
      expect(await page.locator('[data-testid="feedback-aspect"] button').first().innerText()).toBe(zhCN[key]);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'feedback-zh-CN.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
