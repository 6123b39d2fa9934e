import { randomUUID } from 'node:crypto';
import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventNameCounts, runTrend } from './helpers/api-client.js';
import { createProject, tempDataDir } from './helpers/cli.js';
import type { CreatedProject } from './helpers/cli.js';
import { queryDuckDb } from './helpers/duckdb-inspect.js';
import { startServerProcess } from './helpers/server-process.js';
import type { ServerProcess } from './helpers/server-process.js';

/**
 * The real, unmodified SDKs (posthog-node, @segment/analytics-node) pointed at a live `northstar serve`: what
 * they send is stored, queryable through the API with the right counts, users and properties, and a resend
 * with the same uuid / messageId is not stored twice.
 */

let data: { dir: string; remove: () => Promise<void> };
let ph: CreatedProject;
let seg: CreatedProject;
let server: ServerProcess;

beforeAll(async () => {
  data = await tempDataDir('sdk');
  ph = await createProject(data.dir, 'sdk-posthog');
  seg = await createProject(data.dir, 'sdk-segment');
  server = await startServerProcess({ dataDir: data.dir });
});

afterAll(async () => {
  await server?.kill();
  await data?.remove();
});

const lastWeek = { interval: 'day' as const, dateFrom: '-7d', dateTo: 'now' };

describe('posthog-node', () => {
  const fixedUuid = randomUUID();

  it('capture (gzip batches) and identify arrive and are queryable', async () => {
    const errors: unknown[] = [];
    const client = new PostHog(ph.token, { host: server.url, flushAt: 5, flushInterval: 0, disableGeoip: true });
    client.on('error', (error: unknown) => errors.push(error));
    for (let i = 0; i < 20; i++) {
      client.capture({
        distinctId: `ph-user-${i % 3}`,
        event: 'ph_purchase',
        properties: { plan: i % 4 === 0 ? 'pro' : 'free', amount: i, title: '商品 ' + i },
      });
    }
    client.capture({ distinctId: 'ph-user-0', event: 'ph_dedup', uuid: fixedUuid, properties: { attempt: 1 } });
    client.identify({ distinctId: 'ph-user-0', properties: { email: 'lilei@example.cn', name: '李雷' } });
    await client.shutdown();
    expect(errors).toEqual([]);

    const counts = await eventNameCounts(server.url, ph);
    expect(counts.get('ph_purchase')).toBe(20);
    expect(counts.get('ph_dedup')).toBe(1);
    expect(counts.get('$identify')).toBe(1);

    const users = await runTrend(server.url, ph, { series: [{ event: 'ph_purchase', math: 'unique_users' }], ...lastWeek });
    expect(users.series[0]?.total).toBe(3);
    const sum = await runTrend(server.url, ph, { series: [{ event: 'ph_purchase', math: 'sum', property: 'amount' }], ...lastWeek });
    expect(sum.series[0]?.total).toBe(190);
    const byPlan = await runTrend(server.url, ph, { series: [{ event: 'ph_purchase' }], breakdown: 'plan', ...lastWeek });
    const totals = Object.fromEntries(byPlan.series.map((s) => [s.breakdownValue, s.total]));
    expect(totals).toEqual({ pro: 5, free: 15 });
  });

  it('feature-flag calls are answered (no flags) and do not disturb capture', async () => {
    const errors: unknown[] = [];
    const client = new PostHog(ph.token, { host: server.url, flushAt: 1, flushInterval: 0, disableGeoip: true });
    client.on('error', (error: unknown) => errors.push(error));
    expect(await client.getFeatureFlag('new-checkout', 'ph-user-0')).toBeFalsy();
    expect(await client.isFeatureEnabled('new-checkout', 'ph-user-0')).toBeFalsy();
    expect(await client.getAllFlags('ph-user-0')).toEqual({});
    client.capture({ distinctId: 'ph-user-0', event: 'ph_flagged', sendFeatureFlags: true });
    await client.shutdown();
    expect(errors).toEqual([]);
    expect((await eventNameCounts(server.url, ph)).get('ph_flagged')).toBe(1);
  });

  it('one event per request (flushAt 1, uncompressed) works too, and a resent uuid is not stored twice', async () => {
    const errors: unknown[] = [];
    const client = new PostHog(ph.token, {
      host: server.url,
      flushAt: 1,
      flushInterval: 0,
      disableGeoip: true,
      disableCompression: true,
    });
    client.on('error', (error: unknown) => errors.push(error));
    client.capture({ distinctId: 'ph-user-0', event: 'ph_dedup', uuid: fixedUuid, properties: { attempt: 2 } });
    client.capture({ distinctId: 'ph-user-9', event: 'ph_single', properties: { ok: true } });
    await client.shutdown();
    expect(errors).toEqual([]);
    const counts = await eventNameCounts(server.url, ph);
    expect(counts.get('ph_dedup')).toBe(1);
    expect(counts.get('ph_single')).toBe(1);
    const filtered = await runTrend(server.url, ph, {
      series: [{ event: 'ph_dedup', filters: [{ key: 'attempt', op: 'eq', value: 1 }] }],
      ...lastWeek,
    });
    // First write wins: the stored copy is the first attempt's.
    expect(filtered.series[0]?.total).toBe(1);
  });
});

describe('@segment/analytics-node', () => {
  const messageId = randomUUID();

  it('track, identify and page arrive through /v1/batch and are queryable', async () => {
    const errors: unknown[] = [];
    const client = new Analytics({ writeKey: seg.token, host: server.url, path: '/v1/batch', flushAt: 4, maxRetries: 2 });
    client.on('error', (error) => errors.push(error));
    for (let i = 0; i < 12; i++) {
      client.track({
        userId: `seg-user-${i % 4}`,
        event: 'Order Completed',
        properties: { revenue: 10 + i, currency: i % 2 === 0 ? 'CNY' : 'USD' },
        ...(i === 0 ? { messageId } : {}),
      });
    }
    client.track({ anonymousId: 'anon-1', event: 'Order Completed', properties: { revenue: 0, currency: 'CNY' } });
    client.identify({ userId: 'seg-user-0', traits: { email: 'hanmeimei@example.cn', plan: 'team' } });
    client.page({ userId: 'seg-user-1', name: 'Pricing', properties: { url: 'https://shop.example/pricing' } });
    await client.closeAndFlush({ timeout: 20_000 });
    expect(errors).toEqual([]);

    const counts = await eventNameCounts(server.url, seg);
    expect(counts.get('Order Completed')).toBe(13);
    expect(counts.get('$identify')).toBe(1);
    expect(counts.get('$pageview')).toBe(1);

    const users = await runTrend(server.url, seg, { series: [{ event: 'Order Completed', math: 'unique_users' }], ...lastWeek });
    expect(users.series[0]?.total).toBe(5);
    const revenue = await runTrend(server.url, seg, {
      series: [{ event: 'Order Completed', math: 'sum', property: 'revenue' }],
      ...lastWeek,
    });
    expect(revenue.series[0]?.total).toBe(12 * 10 + 66);
    const byCurrency = await runTrend(server.url, seg, { series: [{ event: 'Order Completed' }], breakdown: 'currency', ...lastWeek });
    expect(Object.fromEntries(byCurrency.series.map((s) => [s.breakdownValue, s.total]))).toEqual({ CNY: 7, USD: 6 });
  });

  it('a resent messageId is not stored twice', async () => {
    const errors: unknown[] = [];
    const client = new Analytics({ writeKey: seg.token, host: server.url, path: '/v1/batch', flushAt: 1, maxRetries: 2 });
    client.on('error', (error) => errors.push(error));
    client.track({ userId: 'seg-user-0', event: 'Order Completed', messageId, properties: { revenue: 999, currency: 'CNY' } });
    await client.closeAndFlush({ timeout: 20_000 });
    expect(errors).toEqual([]);
    expect((await eventNameCounts(server.url, seg)).get('Order Completed')).toBe(13);
  });

  it('projects stay apart: nothing of one SDK project leaks into the other', async () => {
    const phCounts = await eventNameCounts(server.url, ph);
    expect(phCounts.has('Order Completed')).toBe(false);
    expect((await eventNameCounts(server.url, seg)).has('ph_purchase')).toBe(false);
  });

  it('the stored rows carry the SDK ids and properties (read from the DuckDB file after a clean stop)', async () => {
    expect(await server.stop()).toBe(0);
    const rows = await queryDuckDb(
      data.dir,
      `SELECT distinct_id, properties::VARCHAR AS properties FROM events WHERE project_id = $p AND uuid = $u`,
      { p: seg.id, u: messageId },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.distinct_id).toBe('seg-user-0');
    expect(JSON.parse(String(rows[0]?.properties)).revenue).toBe(10);
    const persons = await queryDuckDb(
      data.dir,
      `SELECT properties::VARCHAR AS properties FROM persons WHERE project_id = $p AND distinct_id = 'ph-user-0'`,
      { p: ph.id },
    );
    expect(JSON.parse(String(persons[0]?.properties)).name).toBe('李雷');
  });
});
