import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDemoMonitors } from '../../src/core/alerts/demo-monitors.js';
import { loadDemoShop } from '../../src/core/demo/load-demo-shop.js';
import { createDuckDbStore, createNorthstar, type Northstar } from '../../src/core/index.js';

// The generated demo shop plants one incident: checkout → order conversion collapses for a day on android.
// The default demo monitors must find that day, and name platform = android as its root cause. The demo is the
// one `npm start` loads (5,000 users, 90 days; smaller shops have too few checkouts a day for a one-day dip to
// stand out of binomial noise), with a fixed end so the run is the same every time.
const OPTIONS = { seed: 42, end: '2026-11-28' } as const;
const NOW = new Date('2026-11-28T09:00:00Z');

describe('default demo monitors on the generated demo shop', () => {
  let ns: Northstar;
  let incident: { date: string; platform: string };
  beforeAll(async () => {
    ns = createNorthstar({ store: await createDuckDbStore({ path: ':memory:' }) });
    const loaded = await loadDemoShop({ store: ns.store, projects: ns.projects }, OPTIONS);
    incident = loaded.metadata.incident;
    await installDemoMonitors(ns.alerts, loaded.projectId);
  });
  afterAll(async () => {
    await ns.close();
  });

  it('checkout conversion: a critical alert on the incident day, platform = android first, no false alarm', async () => {
    const scan = await ns.alerts.runMonitor('demo-shop', 'checkout-conversion', NOW);
    expect(scan.lastBucket).toBe('2026-11-27T00:00:00.000Z');
    // The incident is a day in China time (UTC+8), so its first 8 hours fall on the UTC day before: that day may
    // alert too, and no other day of the 30 scanned may.
    const incidentStart = Date.parse(`${incident.date}T00:00:00.000Z`);
    const allowed = [incidentStart - 86_400_000, incidentStart].map((t) => new Date(t).toISOString());
    expect(scan.opened.map((a) => a.period)).toContain(allowed[1]);
    for (const a of scan.opened) expect(allowed).toContain(a.period);
    const alert = scan.opened.find((a) => a.period === allowed[1])!;
    expect(alert.severity).toBe('critical');
    expect(alert.details.direction).toBe('low');
    expect(alert.details.actual!).toBeLessThan(alert.details.lower!);
    const top = alert.details.contributors[0]!;
    expect([top.dimension, top.value]).toEqual(['platform', incident.platform]);
    expect(top.contribution).toBeGreaterThan(0.8);
    expect(alert.details.dimensions[0]?.dimension).toBe('platform');
    // The chart carries the anomalous point with its band.
    const at = alert.details.chart.buckets.indexOf(alert.period);
    expect(alert.details.chart.values[at]).toBe(alert.details.actual);

    // A second scan opens nothing new (de-duplicated per bucket).
    const again = await ns.alerts.runMonitor('demo-shop', 'checkout-conversion', NOW);
    expect(again.opened).toEqual([]);
    expect(again.deduplicated).toBeGreaterThanOrEqual(1);
    expect((await ns.alerts.listAlerts('demo-shop', { monitorId: 'checkout-conversion' })).length).toBe(scan.opened.length);
  });

  it('negative feedback: the one-star wave of the incident is the strongest alert, on or just after the incident day', async () => {
    const scan = await ns.alerts.runMonitor('demo-shop', 'negative-feedback', NOW);
    const incidentStart = Date.parse(`${incident.date}T00:00:00.000Z`);
    // Reviews follow the failed payments, so the wave may spill into the next UTC day. The day after Double 11
    // may alert too (its order peak brings more reviews of every kind, so more negative ones): a real rise, but
    // a smaller one than the incident's.
    const allowed = [-1, 0, 1].map((d) => new Date(incidentStart + d * 86_400_000).toISOString());
    const excess = (a: (typeof scan.opened)[number]): number => a.details.actual! / a.details.upper!;
    const strongest = [...scan.opened].sort((a, b) => excess(b) - excess(a))[0];
    expect(strongest).toBeDefined();
    expect(allowed).toContain(strongest!.period);
    expect(strongest!.details.direction).toBe('high');
    expect(excess(strongest!)).toBeGreaterThan(2);
    for (const a of scan.opened) expect(a.period === strongest!.period || excess(a) < excess(strongest!) / 2).toBe(true);
  });

  it('daily orders: the Double 11 peak and the days around it raise nothing (holiday-aware, watches drops)', async () => {
    const scan = await ns.alerts.runMonitor('demo-shop', 'orders-daily', NOW);
    for (const a of scan.opened) expect(a.details.direction).toBe('low');
    expect(scan.opened.filter((a) => a.period.startsWith('2026-11-1') && ['0', '1', '2'].includes(a.period.charAt(9)))).toEqual([]);
  });
});
