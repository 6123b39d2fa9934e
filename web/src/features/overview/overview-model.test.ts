import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error.js';
import { parseNorthStar, parseOverview } from './overview-model.js';

const result = { kind: 'trend', interval: 'week', dateFrom: 'a', dateTo: 'b', buckets: [], series: [] };

describe('overview answers', () => {
  it('reads the documented overview shape', () => {
    const o = parseOverview({
      northStar: { spec: { kind: 'trend', series: [{ event: 'order_completed' }] }, result },
      kpis: { events: { last7Days: 10, previous7Days: 8, change: 0.25 }, uniqueUsers: { last7Days: 3, previous7Days: 0, change: null }, totalEvents: 99, quarantined: 1 },
    });
    expect(o.kpis.events).toEqual({ last7Days: 10, previous7Days: 8, change: 0.25 });
    expect(o.kpis.uniqueUsers.change).toBeNull();
    expect(o.kpis.totalEvents).toBe(99);
    expect(o.northStar.result.kind).toBe('trend');
  });

  it('turns a malformed answer into an ApiError with a code', () => {
    expect(() => parseOverview({ kpis: {} })).toThrow(ApiError);
    expect(() => parseNorthStar({ spec: {} })).toThrow(/north-star/);
    expect(parseNorthStar({ spec: { series: [] }, isDefault: true }).isDefault).toBe(true);
  });
});
