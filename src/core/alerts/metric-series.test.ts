import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { EventStore } from '../../store/event-store.js';
import type { NewEvent } from '../../store/records.js';
import { bucketGrid, computeSeries } from './metric-series.js';
import { parseMonitor } from './monitor-spec.js';

const DAY = 86_400_000;
const NOW = new Date('2026-03-11T10:00:00Z');
const D0 = Date.parse('2026-03-01T00:00:00Z');

// Day d (0-9): 10 users start checkout; on day d, (d % 3) + 5 of them complete an order an hour later; users of
// day d with index < 3 come back two days later (retention). Platform: even index ios, odd android.
function events(): NewEvent[] {
  const out: NewEvent[] = [];
  let n = 0;
  const push = (event: string, user: string, t: number, platform: string) => {
    const ts = new Date(t);
    out.push({ uuid: `e${n++}`, event, distinctId: user, timestamp: ts, receivedAt: ts, properties: { platform }, sessionId: null });
  };
  for (let d = 0; d < 10; d++) {
    for (let u = 0; u < 10; u++) {
      const user = `d${d}u${u}`;
      const platform = u % 2 === 0 ? 'ios' : 'android';
      const t = D0 + d * DAY + 3_600_000 * (1 + u);
      push('checkout_started', user, t, platform);
      if (u < (d % 3) + 5) push('order_completed', user, t + 600_000, platform);
      if (u < 3) push('checkout_started', user, t + 2 * DAY, platform);
    }
  }
  return out;
}

describe('computeSeries', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await createDuckDbStore({ path: ':memory:' });
    await store.createProject({ id: 'p', name: 'p', token: 'phc_p' });
    await store.writeEvents({ projectId: 'p', events: events(), quarantine: [] });
  });
  afterAll(async () => {
    await store.close();
  });
  const deps = () => ({ store, providers: new Map() });

  it('builds the grid of complete buckets before now', () => {
    const grid = bucketGrid({ interval: 'day', history: 10 }, NOW);
    expect(grid.buckets[0]).toBe('2026-03-01T00:00:00.000Z');
    expect(grid.buckets.at(-1)).toBe('2026-03-10T00:00:00.000Z');
    expect(grid.buckets).toHaveLength(10);
  });

  it('trend: counts per day, with a breakdown that sums to the total', async () => {
    const m = parseMonitor({ name: 't', history: 10, source: { kind: 'trend', spec: { series: [{ event: 'order_completed' }] } } });
    const s = await computeSeries(deps(), 'p', m, NOW, { property: 'platform', limit: 10 });
    expect(s.total.values).toEqual([5, 6, 7, 5, 6, 7, 5, 6, 7, 5]);
    expect(s.total.denominator).toBeNull();
    const byValue = new Map(s.byValue!.map((v) => [v.value, v.series.values]));
    expect(byValue.get('ios')!.map((x, i) => x + byValue.get('android')![i]!)).toEqual(s.total.values);
  });

  it('conversion: order users over checkout users of the same day', async () => {
    const m = parseMonitor({ name: 'c', history: 10, source: { kind: 'conversion', from: { event: 'checkout_started' }, to: { event: 'order_completed' } } });
    const s = await computeSeries(deps(), 'p', m, NOW);
    // Days 2+ also hold 3 returning checkouts from two days before.
    expect(s.total.denominator).toEqual([10, 10, 13, 13, 13, 13, 13, 13, 13, 13]);
    expect(s.total.values[0]).toBeCloseTo(0.5, 12);
    expect(s.total.values[2]).toBeCloseTo(7 / 13, 12);
    expect(s.total.volume).toEqual(s.total.denominator);
  });

  it('funnel: first → last step conversion of each day’s entrants', async () => {
    const m = parseMonitor({ name: 'f', history: 10, source: { kind: 'funnel', spec: { steps: [{ event: 'checkout_started' }, { event: 'order_completed' }], windowSeconds: 3600 } } });
    const s = await computeSeries(deps(), 'p', m, NOW);
    expect(s.total.numerator).toEqual([5, 6, 7, 5, 6, 7, 5, 6, 7, 5]);
    expect(s.total.denominator).toEqual([10, 10, 13, 13, 13, 13, 13, 13, 13, 13]);
  });

  it('retention: each daily cohort’s return rate on day 2; unfinished cohorts are missing', async () => {
    const m = parseMonitor({ name: 'r', history: 10, source: { kind: 'retention', spec: { startEvent: { event: 'checkout_started' }, returnEvent: { event: 'checkout_started' } }, periodIndex: 2 } });
    const s = await computeSeries(deps(), 'p', m, NOW);
    expect(s.total.values.slice(0, 8).map((x) => Math.round(x * 10) / 10)).toEqual([0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]);
    // Cohorts of the last two days cannot have a day-2 value yet.
    expect(s.total.values.slice(8).every((x) => Number.isNaN(x))).toBe(true);
  });
});
