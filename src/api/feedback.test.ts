import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

let t: TestApp;
const NOW = '2026-03-15T12:00:00.000Z';
const day = (d: number, h = 10): string => new Date(Date.UTC(2026, 2, d, h)).toISOString();

beforeAll(async () => {
  t = await makeTestApp({ deps: { now: () => new Date(NOW) } });
});
afterAll(async () => {
  await t.close();
});

describe('feedback API', () => {
  const url = (rest = ''): string => `/api/projects/${t.project.id}/feedback${rest}`;
  const get = async (rest: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await t.app.inject({ method: 'GET', url: url(rest), headers: bearer(t.project.apiKey) });
    return { status: res.statusCode, body: res.json() };
  };

  it('accepts a batch with per-item codes, stores each id once, and lists with filters', async () => {
    const payload = {
      feedback: [
        { id: 'f1', text: '物流太慢了，等了一个星期才到货，非常失望！', distinct_id: 'u1', source: 'review', created_at: day(14) },
        { id: 'f2', text: 'Excellent quality and super fast delivery, love it!', distinct_id: 'u2', source: 'survey', created_at: day(13) },
        { id: 'f3', text: '<div></div>' },
        { id: 'f4', text: 'a'.repeat(20_001) },
        { id: 'f5', source: 'review' },
      ],
    };
    const res = await t.app.inject({ method: 'POST', url: url(), headers: bearer(t.project.apiKey), payload });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      received: 5,
      stored: 2,
      rejected: 3,
      ids: ['f1', 'f2', null, null, null],
      issues: [
        { index: 2, code: 'FEEDBACK_EMPTY_TEXT' },
        { index: 3, code: 'FEEDBACK_TEXT_TOO_LARGE' },
        { index: 4, code: 'INVALID_PAYLOAD', message: 'text: text is required' },
      ],
    });
    const again = await t.app.inject({ method: 'POST', url: url(), headers: bearer(t.project.apiKey), payload: payload.feedback[0] ?? {} });
    expect(again.json()).toMatchObject({ received: 1, stored: 0, duplicates: 1 });

    const all = await get('');
    expect(all.status).toBe(200);
    expect(all.body['total']).toBe(2);
    const zh = await get('?lang=zh&sentiment=negative');
    expect(zh.body).toMatchObject({ total: 1, items: [{ id: 'f1', lang: 'zh', sentimentLabel: 'negative', topics: ['delivery'], createdAt: day(14) }] });
    expect((await get('?source=survey&q=QUALITY')).body['items']).toMatchObject([{ id: 'f2', lang: 'en', sentimentLabel: 'positive' }]);
    expect((await get('?topic=delivery&limit=1&offset=1')).body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect((await get('?distinct_id=nobody')).body['total']).toBe(0);
  });

  it('answers series, topics and the overview over the same filters', async () => {
    const series = await get('/series?since=2026-03-12&until=2026-03-15');
    expect(series.status).toBe(200);
    expect((series.body['points'] as Array<{ day: string; volume: number }>).map((p) => [p.day, p.volume])).toEqual([
      ['2026-03-12', 0],
      ['2026-03-13', 1],
      ['2026-03-14', 1],
    ]);
    const bySource = await get('/series?since=2026-03-12&until=2026-03-15&group_by=source');
    expect((bySource.body['groups'] as Array<{ group: string; volume: number; points: unknown[] }>).map((g) => [g.group, g.volume, g.points.length])).toEqual([
      ['review', 1, 3],
      ['survey', 1, 3],
    ]);
    expect((await get('/series?group_by=colour')).status).toBe(400);
    const topics = await get('/topics?since=-30d');
    expect(topics.body).toMatchObject({ analysed: 1 });
    const overview = await get(`/overview?since=-30d&now=${encodeURIComponent(NOW)}`);
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ totals: { volume: 2, negative: 1, positive: 1, index: 0 } });
    expect(typeof overview.body['model']).toBe('string');
  });

  it('derives feedback from events and joins behaviour (users who dropped at a funnel step)', async () => {
    const events = [
      { event: 'checkout_started', distinct_id: 'u1', uuid: 'e1', timestamp: day(10) },
      { event: 'checkout_started', distinct_id: 'u2', uuid: 'e2', timestamp: day(10) },
      { event: 'order_completed', distinct_id: 'u2', uuid: 'e3', timestamp: day(10, 11) },
      { event: 'review_submitted', distinct_id: 'u3', uuid: 'e4', timestamp: day(11), properties: { comment: '客服一直不回复，太差了', rating: 1 } },
    ];
    const ingest = await t.app.inject({ method: 'POST', url: `/api/projects/${t.project.id}/events`, headers: bearer(t.project.apiKey), payload: events });
    expect(ingest.json()).toMatchObject({ accepted: 4 });
    const derived = await t.app.inject({ method: 'POST', url: url('/from-events'), headers: bearer(t.project.apiKey), payload: {} });
    expect(derived.json()).toEqual({ events: 1, stored: 1, duplicates: 0, skipped: 0 });
    const fromEvent = await get('?source=review_submitted');
    expect(fromEvent.body['items']).toMatchObject([{ id: 'evt:e4', distinctId: 'u3', rating: 1, topics: ['service'] }]);

    const dropped = await get('?funnel_steps=checkout_started,order_completed&funnel_step=2&funnel_status=dropped&since=2026-03-01');
    expect(dropped.status).toBe(200);
    expect((dropped.body['items'] as Array<{ id: string }>).map((f) => f.id)).toEqual(['f1']);
    const did = await get('?did_event=order_completed&since=2026-03-01');
    expect((did.body['items'] as Array<{ id: string }>).map((f) => f.id)).toEqual(['f2']);
  });

  it('refuses bad queries, wrong keys and unknown projects with coded errors', async () => {
    expect((await get('?since=yesterday')).body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect((await get('?sentiment=angry')).status).toBe(400);
    expect((await get('?limit=100000')).status).toBe(400);
    const readOnly = await t.northstar.keys.create(t.project.id, { scopes: ['read'] });
    const refused = await t.app.inject({ method: 'POST', url: url(), headers: bearer(readOnly.apiKey), payload: { text: 'hi' } });
    expect(refused.statusCode).toBe(403);
    const noKey = await t.app.inject({ method: 'GET', url: url() });
    expect(noKey.statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'POST', url: url(), headers: bearer(t.project.apiKey), payload: [] });
    expect(bad.json()).toMatchObject({ error: { code: 'EMPTY_BATCH' } });
  });
});
