import type { AlertService, MonitorView } from './alert-service.js';
export { DEMO_PROJECT_ID } from '../demo/load-demo-shop.js';
import type { MonitorSpecInput } from './monitor-spec.js';

/**
 * The monitors every demo shop gets: daily checkout → order conversion and daily orders, both watching for drops
 * over the last 30 days so the first scan finds the planted android checkout incident, and the daily count of
 * negative feedback (the feedback feature's `sentiment_index` series) watching for rises, which catches the wave
 * of one-star reviews that incident sets off.
 */
export const DEMO_MONITORS: readonly MonitorSpecInput[] = [
  {
    id: 'checkout-conversion',
    name: 'Checkout conversion / 下单转化率',
    source: { kind: 'conversion', from: { event: 'checkout_started' }, to: { event: 'order_completed' }, math: 'unique_users' },
    interval: 'day',
    history: 56,
    lookback: 30,
    direction: 'down',
    minVolume: 20,
  },
  {
    id: 'orders-daily',
    name: 'Daily orders / 每日订单数',
    source: { kind: 'trend', spec: { series: [{ event: 'order_completed', math: 'total' }] } },
    interval: 'day',
    history: 56,
    lookback: 30,
    direction: 'down',
  },
  {
    id: 'negative-feedback',
    name: 'Negative feedback / 负面反馈数',
    source: { kind: 'provider', name: 'sentiment_index', params: { metric: 'negative_count' } },
    interval: 'day',
    history: 56,
    lookback: 30,
    direction: 'up',
    // a few dozen reviews a day: only a rise well outside the band is worth waking someone for
    sensitivity: 'low',
  },
];

/** Creates the demo monitors in `projectId` where missing; returns those it created. */
export async function installDemoMonitors(alerts: AlertService, projectId: string): Promise<MonitorView[]> {
  const existing = new Set((await alerts.listMonitors(projectId)).map((m) => m.id));
  const created: MonitorView[] = [];
  for (const spec of DEMO_MONITORS) {
    if (spec.id !== undefined && existing.has(spec.id)) continue;
    created.push(await alerts.createMonitor(projectId, spec));
  }
  return created;
}
