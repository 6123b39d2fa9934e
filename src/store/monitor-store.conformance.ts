import { describe, expect, it } from 'vitest';
import type { EventStore } from './event-store.js';
import type { AlertRecord, MonitorRecord } from './monitor-records.js';

/** A monitor row for project `p1` (the conformance suite creates p1 and p2). */
function makeMonitor(overrides: Partial<MonitorRecord> = {}): MonitorRecord {
  return {
    id: 'm1',
    projectId: 'p1',
    name: '下单转化率 / checkout conversion',
    enabled: true,
    definition: { source: { kind: 'trend' }, nested: { list: [1, 2, 3] } },
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    lastRunAt: null,
    lastRunStatus: null,
    lastRunError: null,
    ...overrides,
  };
}

function makeAlert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 'a1',
    projectId: 'p1',
    monitorId: 'm1',
    period: '2026-11-20T00:00:00.000Z',
    status: 'open',
    severity: 'critical',
    score: 0.9,
    openedAt: '2026-11-21T01:00:00.000Z',
    updatedAt: '2026-11-21T01:00:00.000Z',
    acknowledgedAt: null,
    resolvedAt: null,
    resolution: null,
    details: { actual: 3, expected: 40, contributors: [{ dimension: 'platform', value: 'android' }] },
    ...overrides,
  };
}

/**
 * Monitor and alert behaviour every EventStore adapter must show; called from `runEventStoreConformance`
 * inside its describe block (projects p1 and p2 exist).
 */
export function describeMonitorStore(getStore: () => EventStore): void {
  describe('monitors and alerts', () => {
    it('saves, replaces, lists per project and deletes monitors', async () => {
      const store = getStore();
      await store.saveMonitor(makeMonitor());
      await store.saveMonitor(makeMonitor({ id: 'm2', createdAt: '2026-11-02T00:00:00.000Z' }));
      await store.saveMonitor(makeMonitor({ id: 'm1', projectId: 'p2' }));
      expect(await store.getMonitor('p1', 'm1')).toEqual(makeMonitor());
      await store.saveMonitor(makeMonitor({ name: 'renamed', enabled: false, updatedAt: '2026-11-03T00:00:00.000Z' }));
      expect(await store.getMonitor('p1', 'm1')).toMatchObject({ name: 'renamed', enabled: false, updatedAt: '2026-11-03T00:00:00.000Z' });
      expect((await store.listMonitors('p1')).map((m) => m.id)).toEqual(['m1', 'm2']);
      expect((await store.listMonitors()).length).toBe(3);
      expect(await store.deleteMonitor('p1', 'm2')).toBe(true);
      expect(await store.deleteMonitor('p1', 'm2')).toBe(false);
      expect(await store.getMonitor('p1', 'm2')).toBeUndefined();
      expect(await store.getMonitor('p2', 'm1')).toMatchObject({ projectId: 'p2' });
      await expect(store.saveMonitor(makeMonitor({ projectId: 'nope' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('records the last run of a monitor', async () => {
      const store = getStore();
      await store.saveMonitor(makeMonitor());
      await store.recordMonitorRun('p1', 'm1', { at: '2026-11-05T10:00:00.000Z', status: 'failed', error: 'boom' });
      expect(await store.getMonitor('p1', 'm1')).toMatchObject({ lastRunAt: '2026-11-05T10:00:00.000Z', lastRunStatus: 'failed', lastRunError: 'boom' });
      await expect(store.recordMonitorRun('p1', 'zz', { at: '2026-11-05T10:00:00.000Z', status: 'ok', error: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('opens one alert per monitor and period, even under concurrent opens', async () => {
      const store = getStore();
      const first = await store.openAlert(makeAlert());
      expect(first.created).toBe(true);
      expect(first.alert).toEqual(makeAlert());
      const results = await Promise.all([1, 2, 3, 4].map((i) => store.openAlert(makeAlert({ id: `dup${i}` }))));
      expect(results.every((r) => !r.created && r.alert.id === 'a1')).toBe(true);
      const other = await store.openAlert(makeAlert({ id: 'a2', period: '2026-11-22T00:00:00.000Z' }));
      expect(other.created).toBe(true);
      // Another project's alert of the same monitor id and period is its own.
      expect((await store.openAlert(makeAlert({ id: 'a3', projectId: 'p2' }))).created).toBe(true);
      expect((await store.listAlerts('p1', { limit: 10 })).map((a) => a.id)).toEqual(['a2', 'a1']);
      expect((await store.listAlerts('p1', { limit: 1, offset: 1 })).map((a) => a.id)).toEqual(['a1']);
      expect(await store.getAlert('p2', 'a1')).toBeUndefined();
    });

    it('updates an alert status and filters by status and monitor', async () => {
      const store = getStore();
      await store.openAlert(makeAlert());
      await store.openAlert(makeAlert({ id: 'a2', monitorId: 'm2', period: '2026-11-19T00:00:00.000Z' }));
      const acked = await store.updateAlert('p1', 'a1', { status: 'acknowledged', acknowledgedAt: '2026-11-21T02:00:00.000Z', updatedAt: '2026-11-21T02:00:00.000Z' });
      expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2026-11-21T02:00:00.000Z', resolvedAt: null });
      expect(await store.getAlert('p1', 'a1')).toEqual(acked);
      expect((await store.listAlerts('p1', { limit: 10, status: 'open' })).map((a) => a.id)).toEqual(['a2']);
      expect((await store.listAlerts('p1', { limit: 10, monitorId: 'm1' })).map((a) => a.id)).toEqual(['a1']);
      await expect(store.updateAlert('p1', 'nope', { status: 'resolved', updatedAt: '2026-11-21T02:00:00.000Z' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('keeps a delivery log per alert', async () => {
      const store = getStore();
      const base = { projectId: 'p1', alertId: 'a1', channel: 'ops', kind: 'feishu', target: 'open.feishu.cn/open-apis/bot/v2/hook/…', ok: false, httpStatus: 500, error: 'server error' };
      await store.appendDelivery({ ...base, id: 'd2', attempt: 2, ok: true, httpStatus: 200, error: null, at: '2026-11-21T01:00:02.000Z' });
      await store.appendDelivery({ ...base, id: 'd1', attempt: 1, at: '2026-11-21T01:00:01.000Z' });
      const log = await store.listDeliveries('p1', 'a1');
      expect(log.map((d) => [d.id, d.attempt, d.ok, d.httpStatus])).toEqual([['d1', 1, false, 500], ['d2', 2, true, 200]]);
      expect(await store.listDeliveries('p2', 'a1')).toEqual([]);
    });
  });
}
