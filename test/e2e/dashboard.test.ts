import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser.js';
import { loadConfig } from '../../src/config.js';
import { loadDemoShop } from '../../src/core/demo/index.js';
import type { FunnelActorsResult, FunnelResult } from '../../src/store/insights/spec.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-cn.js';

/**
 * The dashboard in a real browser: a live server (H3's `startServer`) on a random port over a temporary data
 * directory holding a small demo shop, and Debian's Chromium driven by playwright-core through every page.
 */

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const WEB_ROOT = path.join(REPO_ROOT, 'dist', 'web');

/** Each page and the test id of the chart it must draw. */
const PAGES = [
  ['overview', 'north-star-chart'],
  ['trends', 'trend-chart'],
  ['funnels', 'funnel-chart'],
  ['retention', 'retention-chart'],
  ['paths', 'paths-chart'],
  ['lifecycle', 'lifecycle-chart'],
] as const;

const SHOP_FUNNEL = ['$pageview', 'product_viewed', 'product_added_to_cart', 'checkout_started', 'order_completed'];

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let token: string;

async function apiPost<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

/** A fresh browser context in the given language (no shared localStorage between tests). */
async function openPage(locale: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Waits until the chart canvas or an error box shows; fails with the error box's text (code, message, hint). */
async function expectChart(page: Page, name: string, chartId: string): Promise<void> {
  const selector = `[data-testid="${chartId}"] canvas`;
  await page.locator(`${selector}, [data-testid="state-error"], [data-testid="state-empty"]`).first().waitFor({ timeout: 30_000 });
  const problems = await page.locator('[data-testid="state-error"], [data-testid="state-empty"]').allInnerTexts();
  expect(problems, `${name} shows an error or empty state`).toEqual([]);
  const box = await page.locator(selector).first().boundingBox();
  expect(box?.width ?? 0, `${name} chart width`).toBeGreaterThan(200);
  expect(box?.height ?? 0, `${name} chart height`).toBeGreaterThan(100);
}

/** "1,234" → 1234; "68.4%" → 68.4. */
function numberIn(text: string): number {
  return Number(text.replace(/[^0-9.-]/g, ''));
}

beforeAll(async () => {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error('dist/web/index.html is missing: build the dashboard first (`npm run build`; `npm test` builds before vitest).');
  }
  dataDir = await mkdtemp(path.join(tmpdir(), 'northstar-dashboard-'));
  const config = loadConfig({ NORTHSTAR_DATA_DIR: dataDir, NORTHSTAR_HOST: '127.0.0.1', NORTHSTAR_PORT: '0', NORTHSTAR_LOG_LEVEL: 'warn' });
  server = await startServer(config, { webRoot: WEB_ROOT });
  // A small shop ending today, so the pages' relative ranges (last 30 / 90 days) hold data.
  await loadDemoShop({ store: server.northstar.store, projects: server.northstar.projects }, { users: 250, days: 42, seed: 11 });
  // A second, empty project: the sidebar then offers a picker, and its pages show the empty state.
  await server.northstar.projects.create('Empty shop', { id: 'empty-shop' });
  browser = await launchChromium();

  // The token the browser uses is the one the server injects into index.html; the test reads it the same way.
  const html = await (await fetch(`${server.url}/`, { headers: { accept: 'text/html' } })).text();
  const match = /<meta name="northstar-dashboard-token" content="([^"]+)"/.exec(html);
  expect(match?.[1], 'index.html carries the dashboard token').toBe(server.dashboardToken);
  token = match?.[1] ?? '';
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('dashboard in Chromium', () => {
  it.each(PAGES)('%s renders its chart canvas and no error', async (name, chartId) => {
    const { context, page, errors } = await openPage('en-US');
    try {
      await page.goto(`${server.url}/#/${name}`);
      await expectChart(page, name, chartId);
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(en[`nav.${name}`]);
      await page.waitForTimeout(600); // let the chart's entry animation finish before the screenshot
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('switches to zh-CN: labels change, and the choice survives a reload', async () => {
    const { context, page, errors } = await openPage('en-US');
    try {
      await page.goto(`${server.url}/#/overview`);
      await expectChart(page, 'overview', 'north-star-chart');
      await expect.poll(() => page.locator('[data-testid="nav-funnels"]').innerText()).toBe(en['nav.funnels']);

      await page.locator('[data-testid="lang-select"]').selectOption('zh-CN');
      await expect.poll(() => page.locator('[data-testid="nav-funnels"]').innerText()).toBe(zhCN['nav.funnels']);
      expect(await page.locator('[data-testid="page-title"]').innerText()).toBe(zhCN['nav.overview']);
      expect(await page.locator('[data-testid="kpi-events"]').innerText()).toContain(zhCN['overview.events']);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

      await page.reload();
      await expectChart(page, 'overview', 'north-star-chart');
      expect(await page.locator('[data-testid="page-title"]').innerText()).toBe(zhCN['nav.overview']);
      await page.waitForTimeout(600);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'overview-zh-CN.png'), fullPage: true });

      await page.goto(`${server.url}/#/funnels`);
      await expectChart(page, 'funnels', 'funnel-chart');
      expect(await page.locator('[data-testid="funnel-table"] th').first().innerText()).toBe(zhCN['funnels.step']);
      await page.waitForTimeout(600);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'funnels-zh-CN.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a browser whose language is Chinese starts in zh-CN', async () => {
    const { context, page } = await openPage('zh-CN');
    try {
      await page.goto(`${server.url}/#/trends`);
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(zhCN['nav.trends']);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('offers a project picker that starts on the demo shop, and shows the empty state for a project without events', async () => {
    const { context, page, errors } = await openPage('en-US');
    try {
      await page.goto(`${server.url}/#/trends`);
      await expectChart(page, 'trends', 'trend-chart');
      const picker = page.getByTestId('project-select');
      expect(await picker.inputValue()).toBe('demo-shop');
      expect(await picker.locator('option').allInnerTexts()).toHaveLength(2);

      await picker.selectOption('empty-shop');
      await page.getByTestId('state-empty').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('state-empty').innerText()).toContain(en['state.empty']);
      // Every page says "no data" for it rather than spinning forever or failing.
      for (const name of ['funnels', 'retention', 'paths', 'lifecycle'] as const) {
        await page.getByTestId(`nav-${name}`).click();
        await page.getByTestId(`page-${name}`).getByTestId('state-empty').waitFor({ timeout: 30_000 });
        expect(await page.getByTestId('state-error').count(), name).toBe(0);
      }
      await page.getByTestId('nav-overview').click();
      await expect.poll(() => page.getByTestId('state-empty').innerText()).toContain(en['overview.noEvents']);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'empty-project.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('without a session token shows the API error (code, message, hint) and works with a pasted API key', async () => {
    const { context, page } = await openPage('en-US');
    try {
      // As a browser on another machine sees it: index.html without the injected token.
      await page.route(`${server.url}/`, async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace(/<meta name="northstar-dashboard-token"[^>]*>/g, '');
        await route.fulfill({ response, body: html });
      });
      await page.goto(`${server.url}/#/overview`);
      const error = page.getByTestId('state-error');
      await error.waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('error-code').innerText()).toBe('UNAUTHENTICATED');
      expect(await error.innerText()).toContain(en['state.hint']);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'error-unauthenticated.png'), fullPage: true });

      const key = await server.northstar.keys.create('demo-shop', { label: 'dashboard e2e', scopes: ['read'] });
      await page.getByTestId('api-key-form').locator('input').fill(key.apiKey);
      await page.getByTestId('api-key-form').locator('button[type="submit"]').click();
      await expectChart(page, 'overview', 'north-star-chart');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows the same funnel numbers as the API for the same spec, and drills down to the users of a step', async () => {
    const { context, page, errors } = await openPage('en-US');
    try {
      // Capture the spec the page actually sends, then ask the API the same question independently.
      const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/insights/funnel'));
      await page.goto(`${server.url}/#/funnels`);
      const spec = JSON.parse((await sent).postData() ?? '{}') as { steps: Array<{ event: string }> };
      expect(spec.steps.map((s) => s.event)).toEqual(SHOP_FUNNEL);
      await expectChart(page, 'funnels', 'funnel-chart');

      const api = await apiPost<FunnelResult>('/api/projects/demo-shop/insights/funnel', spec);
      expect(api.steps).toHaveLength(SHOP_FUNNEL.length);
      expect(api.steps[0]?.count ?? 0, 'the demo shop has visitors in the range').toBeGreaterThan(50);
      for (const [i, step] of api.steps.entries()) {
        expect(numberIn(await page.getByTestId(`funnel-count-${i}`).innerText()), `count of step ${i + 1}`).toBe(step.count);
        expect(Math.abs(numberIn(await page.getByTestId(`funnel-conv-first-${i}`).innerText()) - step.conversionFromFirst * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(Math.abs(numberIn(await page.getByTestId(`funnel-conv-prev-${i}`).innerText()) - step.conversionFromPrevious * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
        if (i > 0) {
          const dropText = await page.getByTestId(`funnel-dropoff-${i}`).innerText();
          expect(numberIn(dropText.split('(')[0] ?? ''), `drop-off of step ${i + 1}`).toBe(step.dropOff);
        }
      }
      const last = api.steps[api.steps.length - 1];
      expect(Math.abs(numberIn(await page.getByTestId('funnel-overall').innerText()) - (last?.conversionFromFirst ?? 0) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);

      // Drill down into step 3 by clicking the middle of the chart (the third of five columns): the list's
      // total is the step's count, and it agrees with funnel-actors.
      await page.getByTestId('funnel-chart').locator('canvas').first().click();
      await expect.poll(() => page.getByTestId('funnel-row-2').getAttribute('class')).toContain('selected');
      const total = page.getByTestId('actors-total');
      await total.waitFor({ timeout: 30_000 });
      const actors = await apiPost<FunnelActorsResult>('/api/projects/demo-shop/insights/funnel-actors', {
        funnel: { kind: 'funnel', ...spec },
        step: 3,
        status: 'completed',
        limit: 50,
      });
      expect(actors.total).toBe(api.steps[2]?.count);
      expect(numberIn((await total.innerText()).split('·')[0] ?? '')).toBe(actors.total);
      expect(await page.getByTestId('actor-row').count()).toBe(Math.min(50, actors.total));
      expect(await page.getByTestId('actor-row').first().locator('td').first().innerText()).toBe(actors.actors[0]?.distinctId);

      await page.getByTestId('actors-dropped').click();
      await expect
        .poll(async () => numberIn(((await total.innerText()).split('·')[0]) ?? ''), { timeout: 30_000 })
        .toBe(api.steps[2]?.dropOff);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'funnels-drilldown.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
