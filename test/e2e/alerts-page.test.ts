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
import { loadConfig } from '../../src/config.js';
import type { AlertDetail, AlertView, EventStore, MonitorView } from '../../src/core/index.js';
import { formatBucket } from '../../web/src/lib/format.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-cn.js';

/**
 * The Alerts page in Chromium over a live server: a monitor is created with the page's form and scanned with its
 * "Scan now" button; the alert list, the detail (summary, chart, contributors) and the ack/resolve buttons must
 * show and change exactly what the API answers.
 */

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const WEB_ROOT = path.join(REPO_ROOT, 'dist', 'web');
const PROJECT = 'shop';
const DAY = 86_400_000;
const SPIKE_DAYS_AGO = 3;

type NewEvent = Parameters<EventStore['writeEvents']>[0]['events'][number];

let server: RunningServer;
let browser: Browser;
let dataDir: string;

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${server.url}${route}`, { headers: { authorization: `Bearer ${server.dashboardToken}` } });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

/** 50 days of `signup` events up to yesterday (the clock of the scan is the server's), android tripling on one day. */
function signups(): NewEvent[] {
  const rng = createRng(21);
  const today = Math.floor(Date.now() / DAY) * DAY;
  const events: NewEvent[] = [];
  for (let ago = 50; ago >= 1; ago--) {
    for (const [platform, base] of [['ios', 30], ['android', 25], ['web', 20]] as const) {
      const n = Math.round((platform === 'android' && ago === SPIKE_DAYS_AGO ? base * 3 : base) + (rng.next() - 0.5) * 4);
      for (let k = 0; k < n; k++) {
        const ts = new Date(today - ago * DAY + Math.floor(rng.next() * DAY));
        events.push({ uuid: `s-${ago}-${platform}-${k}`, event: 'signup', distinctId: `u-${ago}-${platform}-${k}`, timestamp: ts, receivedAt: ts, properties: { platform }, sessionId: null });
      }
    }
  }
  return events;
}

beforeAll(async () => {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first.');
  dataDir = await mkdtemp(path.join(tmpdir(), 'northstar-alerts-page-'));
  const config = loadConfig({ NORTHSTAR_DATA_DIR: dataDir, NORTHSTAR_HOST: '127.0.0.1', NORTHSTAR_PORT: '0', NORTHSTAR_LOG_LEVEL: 'warn' });
  server = await startServer(config, { webRoot: WEB_ROOT });
  await server.northstar.projects.create('Shop', { id: PROJECT });
  await server.northstar.store.writeEvents({ projectId: PROJECT, events: signups(), quarantine: [] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('alerts page in Chromium', () => {
  it('creates a monitor, scans it, shows the alert as the API has it, and acknowledges and resolves it', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 1200 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server.url}/#/alerts`);
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(en['nav.alerts']);
      await expect.poll(() => page.locator('[data-testid="alerts-list"]').innerText()).toContain(en['alerts.none']);

      // Create a monitor of the daily signup count through the form.
      await page.locator('[data-testid="monitor-name"]').fill('Signups');
      await expect.poll(() => page.locator('[data-testid="monitor-event"]').inputValue()).toBe('signup');
      await page.locator('[data-testid="monitor-submit"]').click();
      await page.locator('[data-testid="monitor-row-signups"]').waitFor({ timeout: 15_000 });
      const monitors = await api<{ monitors: MonitorView[] }>(`/api/projects/${PROJECT}/monitors`);
      expect(monitors.monitors.map((m) => [m.id, m.spec.source.kind])).toEqual([['signups', 'trend']]);

      // Scan now: one alert, the spike.
      await page.locator('[data-testid="monitor-run-signups"]').click();
      await page.locator('[data-testid="monitor-run-result"]').waitFor({ timeout: 30_000 });
      const { alerts } = await api<{ alerts: AlertView[] }>(`/api/projects/${PROJECT}/alerts?limit=100`);
      expect(alerts).toHaveLength(1);
      const alert = alerts[0]!;
      const row = page.locator(`[data-testid="alert-row-${alert.id}"]`);
      await row.waitFor({ timeout: 15_000 });
      expect(await row.locator('[data-testid="alert-severity"]').innerText()).toBe(en[`alerts.severity.${alert.severity}`]);
      expect(await row.locator('[data-testid="alert-status"]').innerText()).toBe(en['alerts.status.open']);
      expect(await row.locator('[data-testid="alert-period"]').innerText()).toBe(formatBucket(alert.period, 'day'));

      // Detail: summary values, the chart, and the contributors table equal the API's.
      await row.click();
      const detail = await api<AlertDetail>(`/api/projects/${PROJECT}/alerts/${alert.id}`);
      const fmt = (x: number | null): string => (x === null ? '—' : new Intl.NumberFormat('en', { maximumFractionDigits: Number.isInteger(Math.round(x * 100) / 100) ? 0 : 2 }).format(Math.round(x * 100) / 100));
      const summary = en['alerts.summary']
        .replace('{actual}', fmt(detail.details.actual))
        .replace('{expected}', fmt(detail.details.expected))
        .replace('{lower}', fmt(detail.details.lower))
        .replace('{upper}', fmt(detail.details.upper));
      await expect.poll(() => page.locator('[data-testid="alert-summary"]').innerText()).toBe(summary);
      await page.locator('[data-testid="alert-chart"] canvas').first().waitFor({ timeout: 10_000 });
      const first = page.locator('[data-testid="contributor-row"]').first();
      const cells = await first.locator('td').allInnerTexts();
      expect(cells.slice(0, 2)).toEqual([detail.details.contributors[0]!.dimension, detail.details.contributors[0]!.value]);
      expect(cells.slice(0, 2)).toEqual(['platform', 'android']);
      expect(await page.locator('[data-testid="contributor-row"]').count()).toBe(detail.details.contributors.length);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'alerts-en.png'), fullPage: true });

      // Acknowledge, then resolve: the page and the API agree at each step.
      await page.locator('[data-testid="alert-ack"]').click();
      await expect.poll(() => page.locator('[data-testid="alert-detail-status"]').innerText()).toBe(en['alerts.status.acknowledged']);
      expect((await api<AlertDetail>(`/api/projects/${PROJECT}/alerts/${alert.id}`)).status).toBe('acknowledged');
      expect(await page.locator('[data-testid="alert-ack"]').isDisabled()).toBe(true);
      await page.locator('[data-testid="alert-resolve"]').click();
      await expect.poll(() => page.locator('[data-testid="alert-detail-status"]').innerText()).toBe(`${en['alerts.status.resolved']} (${en['alerts.resolvedBy.manual']})`);
      expect((await api<AlertDetail>(`/api/projects/${PROJECT}/alerts/${alert.id}`)).status).toBe('resolved');

      // zh-CN labels.
      await page.locator('[data-testid="lang-select"]').selectOption('zh-CN');
      await expect.poll(() => page.locator('[data-testid="page-title"]').innerText()).toBe(zhCN['nav.alerts']);
      expect(await row.locator('[data-testid="alert-status"]').innerText()).toBe(zhCN['alerts.status.resolved']);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'alerts-zh-CN.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
