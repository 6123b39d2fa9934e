import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NorthstarError } from '../common/errors.js';
import type { EventStore } from './event-store.js';
import { funnelSpecSchema, trendSpecSchema, type InsightSpec } from './insights/spec.js';
import { BASE_TIME, makeBatch, makeEvent, makeEventSeries, makeFeedback, makeQuarantine } from './test-utils/make-event.js';
import type { PersonRecord } from './records.js';
import { describeMonitorStore } from './monitor-store.conformance.js';
import { describeTrainingJobStore } from './training-job-store.conformance.js';

/**
 * The behaviour every EventStore adapter must show, as one vitest suite (hono's router `common.case.test`
 * pattern). Call it from each adapter's test file with a factory that returns a fresh, empty store.
 */
export function runEventStoreConformance(name: string, makeStore: () => Promise<EventStore>): void {
  describe(`EventStore conformance: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await makeStore();
      await store.createProject({ id: 'p1', name: 'Shop', token: 'phc_p1' });
      await store.createProject({ id: 'p2', name: '商店', token: 'phc_p2' });
    });
    afterEach(async () => {
      await store.close();
    });

    describeMonitorStore(() => store);
    describeTrainingJobStore(() => store);

    describe('projects and keys', () => {
      it('creates, finds by id and token, and lists projects', async () => {
        expect((await store.getProject('p1'))?.name).toBe('Shop');
        expect((await store.findProjectByToken('phc_p2'))?.id).toBe('p2');
        expect(await store.getProject('nope')).toBeUndefined();
        expect(await store.findProjectByToken('phc_nope')).toBeUndefined();
        expect((await store.listProjects()).map((p) => p.id).sort()).toEqual(['p1', 'p2']);
        const p = await store.getProject('p2');
        expect(p?.settings).toEqual({});
        expect(Number.isNaN(Date.parse(p?.createdAt ?? ''))).toBe(false);
      });

      it('hands out copies: changing a returned project changes nothing stored', async () => {
        const p = await store.getProject('p1');
        if (p === undefined) throw new Error('missing project');
        p.name = 'changed';
        p.settings.timezone = 'UTC';
        expect(await store.getProject('p1')).toMatchObject({ name: 'Shop', settings: {} });
      });

      it('refuses a second project with the same id or token', async () => {
        await expect(store.createProject({ id: 'p1', name: 'x', token: 'phc_new' })).rejects.toMatchObject({
          code: 'ALREADY_EXISTS',
        });
        await expect(store.createProject({ id: 'p3', name: 'x', token: 'phc_p1' })).rejects.toMatchObject({
          code: 'ALREADY_EXISTS',
        });
      });

      it('updates settings and keeps them', async () => {
        const settings = { timezone: 'Asia/Shanghai', northStar: { kind: 'trend' as const, series: [{ event: 'buy' }] } };
        expect((await store.updateProjectSettings('p1', settings)).settings).toEqual(settings);
        expect((await store.getProject('p1'))?.settings).toEqual(settings);
        await expect(store.updateProjectSettings('nope', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
      });

      it('stores API keys by hash and finds them', async () => {
        const key = await store.createApiKey({ id: 'k1', projectId: 'p1', label: 'ci', keyHash: 'h1', scopes: ['read'] });
        expect(key.createdAt).toBeTruthy();
        expect(await store.findApiKeyByHash('h1')).toEqual(key);
        expect(await store.findApiKeyByHash('h2')).toBeUndefined();
        await expect(
          store.createApiKey({ id: 'k2', projectId: 'missing', label: 'x', keyHash: 'h3', scopes: ['write'] }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(
          store.createApiKey({ id: 'k3', projectId: 'p1', label: 'x', keyHash: 'h1', scopes: ['write'] }),
        ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
      });
    });

    describe('writeEvents', () => {
      it('stores events and reads them back unchanged (UTC timestamps, JSON properties)', async () => {
        const event = makeEvent({
          timestamp: new Date('2024-06-30T23:59:59.123Z'),
          receivedAt: new Date('2024-07-01T00:00:01.456Z'),
          properties: { price: 9.5, tags: ['a', 'b'], nested: { ok: true }, 名字: '张三', nil: null },
          sessionId: 'sess-1',
        });
        const result = await store.writeEvents(makeBatch('p1', [event]));
        expect(result).toEqual({ stored: 1, duplicates: 0, duplicateIndices: [], quarantined: 0 });
        const [back] = await store.readEvents('p1', { limit: 10 });
        expect(back).toEqual({ ...event, projectId: 'p1' });
      });

      it('dedups within one batch, first write wins', async () => {
        const first = makeEvent({ properties: { v: 'first' } });
        const again = { ...first, properties: { v: 'second' } };
        const other = makeEvent();
        const result = await store.writeEvents(makeBatch('p1', [first, other, again, first]));
        expect(result).toEqual({ stored: 2, duplicates: 2, duplicateIndices: [2, 3], quarantined: 0 });
        const rows = await store.readEvents('p1', { limit: 10 });
        expect(rows.find((e) => e.uuid === first.uuid)?.properties).toEqual({ v: 'first' });
        expect(await store.countEvents('p1')).toBe(2);
      });

      it('dedups across batches', async () => {
        const events = makeEventSeries(5);
        await store.writeEvents(makeBatch('p1', events.slice(0, 3)));
        const result = await store.writeEvents(makeBatch('p1', [events[4]!, events[1]!, events[3]!, events[2]!]));
        expect(result).toMatchObject({ stored: 2, duplicates: 2, duplicateIndices: [1, 3] });
        expect(await store.countEvents('p1')).toBe(5);
      });

      it('makes 20 concurrent writes durable and deduped (overlapping uuids)', async () => {
        const pool = makeEventSeries(60);
        const batches = Array.from({ length: 20 }, (_, b) => pool.slice(b * 2, b * 2 + 10));
        const results = await Promise.all(batches.map((events) => store.writeEvents(makeBatch('p1', events))));
        const distinct = new Set(batches.flat().map((e) => e.uuid));
        expect(results.reduce((sum, r) => sum + r.stored, 0)).toBe(distinct.size);
        results.forEach((r, i) => expect(r.stored + r.duplicates).toBe(batches[i]!.length));
        const rows = await store.readEvents('p1', { limit: 1000 });
        expect(rows.length).toBe(distinct.size);
        expect(new Set(rows.map((e) => e.uuid)).size).toBe(distinct.size);
      });

      it('stores quarantine rows with the events of the same batch', async () => {
        const result = await store.writeEvents(
          makeBatch(
            'p1',
            [makeEvent()],
            [makeQuarantine({ batchIndex: 1, details: 'missing event' }), makeQuarantine({ batchIndex: null, reason: 'EVENT_TOO_LARGE' })],
          ),
        );
        expect(result.quarantined).toBe(2);
        expect(await store.countQuarantine('p1')).toBe(2);
        expect(await store.countEvents('p1')).toBe(1);
        const rows = await store.listQuarantine('p1', { limit: 10 });
        expect(rows.map((r) => r.reason).sort()).toEqual(['EVENT_MISSING_NAME', 'EVENT_TOO_LARGE']);
        const withDetails = rows.find((r) => r.batchIndex === 1);
        expect(withDetails).toMatchObject({ details: 'missing event', receivedAt: BASE_TIME, payload: makeQuarantine().payload });
        expect(rows.find((r) => r.batchIndex === null)?.details).toBeUndefined();
        expect(new Set(rows.map((r) => r.id)).size).toBe(2);
        // a batch of only rejects is fine too
        expect((await store.writeEvents(makeBatch('p1', [], [makeQuarantine()]))).quarantined).toBe(1);
        expect(await store.countQuarantine('p2')).toBe(0);
      });

      it('rejects a malformed batch without affecting others', async () => {
        const bad = makeEvent({ timestamp: new Date(Number.NaN) });
        const good = makeEvent();
        const [a, b] = await Promise.allSettled([
          store.writeEvents(makeBatch('p1', [bad])),
          store.writeEvents(makeBatch('p1', [good])),
        ]);
        expect(a.status).toBe('rejected');
        expect(a.status === 'rejected' && a.reason instanceof NorthstarError && a.reason.code).toBe('INVALID_ARGUMENT');
        expect(b.status).toBe('fulfilled');
        expect(await store.countEvents('p1')).toBe(1);
      });

      it('takes text with lone surrogates without failing the writes around it', async () => {
        const odd = 'x\ud800y';
        const [a, b] = await Promise.all([
          store.writeEvents(makeBatch('p1', [makeEvent({ uuid: `u-${odd}`, event: odd, distinctId: odd, properties: { [odd]: odd, list: [odd] } })])),
          store.writeEvents(makeBatch('p1', [makeEvent({ event: 'fine' })])),
        ]);
        expect(a.stored + b.stored).toBe(2);
        const stored = await store.readEvents('p1', { limit: 10 });
        expect(stored).toHaveLength(2);
        expect(await store.listPropertyKeys('p1')).toHaveLength(3);
        // the same odd uuid again is still a duplicate
        expect((await store.writeEvents(makeBatch('p1', [makeEvent({ uuid: `u-${odd}` })]))).duplicates).toBe(1);
        await store.upsertPersons('p1', [{ distinctId: odd, properties: { name: odd } }]);
        expect(await store.getPersons('p1', [odd])).toHaveLength(1);
      });

      it('takes pre-serialised properties (propertiesJson), repairing lone-surrogate escapes in them', async () => {
        const props = { 城市: '北京', odd: 'a\ud800' };
        const given = makeEvent({ uuid: 'pj-1', properties: props });
        given.propertiesJson = JSON.stringify(props);
        expect((await store.writeEvents(makeBatch('p1', [given]))).stored).toBe(1);
        const [stored] = await store.readEvents('p1', { limit: 1 });
        expect(stored?.properties).toEqual({ 城市: '北京', odd: 'a\ufffd' });
        expect(stored !== undefined && 'propertiesJson' in stored).toBe(false);
      });

      it('keeps projects apart, even for the same uuid', async () => {
        const event = makeEvent({ event: 'signup' });
        expect((await store.writeEvents(makeBatch('p1', [event]))).stored).toBe(1);
        expect((await store.writeEvents(makeBatch('p2', [event, makeEvent({ event: 'login' })]))).stored).toBe(2);
        expect(await store.countEvents('p1')).toBe(1);
        expect(await store.countEvents('p2')).toBe(2);
        expect((await store.readEvents('p1', { limit: 10 })).every((e) => e.projectId === 'p1')).toBe(true);
        expect(await store.listEventNames('p1')).toEqual([{ event: 'signup', count: 1 }]);
        expect(await store.countEvents('nope')).toBe(0);
      });
    });

    describe('reads', () => {
      it('reads events in timestamp order, in pages, with filters', async () => {
        const events = makeEventSeries(10, { names: ['a', 'b'], stepMs: 60_000 });
        await store.writeEvents(makeBatch('p1', [...events].reverse()));
        const all = await store.readEvents('p1', { limit: 100 });
        expect(all.map((e) => e.uuid)).toEqual(events.map((e) => e.uuid));
        const page2 = await store.readEvents('p1', { limit: 3, offset: 3 });
        expect(page2.map((e) => e.uuid)).toEqual(events.slice(3, 6).map((e) => e.uuid));
        const window = await store.readEvents('p1', { after: events[2]!.timestamp, before: events[5]!.timestamp, limit: 100 });
        expect(window.map((e) => e.uuid)).toEqual(events.slice(2, 5).map((e) => e.uuid));
        const onlyB = await store.readEvents('p1', { events: ['b'], limit: 100 });
        expect(onlyB.map((e) => e.event)).toEqual(['b', 'b', 'b', 'b', 'b']);
        expect(await store.readEvents('p1', { events: [], limit: 100 })).toEqual([]);
        expect(await store.readEvents('p1', { distinctId: 'user-1', limit: 100 })).toHaveLength(10);
        // arrival time, not event time: one event stamped first but received last
        const late = { ...makeEventSeries(1, { names: ['late'] })[0]!, uuid: 'late-arrival', timestamp: new Date(events[0]!.timestamp.getTime() - 3_600_000), receivedAt: new Date(Date.now() + 86_400_000) };
        await store.writeEvents(makeBatch('p1', [late]));
        const arrived = await store.readEvents('p1', { receivedSince: new Date(Date.now() + 3_600_000), limit: 100 });
        expect(arrived.map((e) => e.uuid)).toEqual(['late-arrival']);
        expect(await store.readEvents('p1', { distinctId: 'someone-else', limit: 100 })).toEqual([]);
      });

      it('lists event names by count and property keys', async () => {
        await store.writeEvents(
          makeBatch('p1', [
            makeEvent({ event: 'view', properties: { url: '/', $browser: 'Chrome' } }),
            makeEvent({ event: 'view', properties: { url: '/a' } }),
            makeEvent({ event: 'buy', properties: { price: 3, 商品: 'tea' } }),
          ]),
        );
        expect(await store.listEventNames('p1')).toEqual([
          { event: 'view', count: 2 },
          { event: 'buy', count: 1 },
        ]);
        expect(await store.listPropertyKeys('p1')).toEqual(['$browser', 'price', 'url', '商品']);
        expect(await store.listPropertyKeys('p1', 'buy')).toEqual(['price', '商品']);
        expect(await store.listPropertyKeys('p2')).toEqual([]);
      });
    });

    describe('persons, items, feedback', () => {
      it('merges person properties and keeps the first-seen', async () => {
        const t = (h: number): Date => new Date(Date.UTC(2024, 0, 1, h));
        await store.upsertPersons('p1', [{ distinctId: 'u1', properties: { plan: 'free', city: '北京' }, firstSeen: t(5), lastSeen: t(6) }]);
        await store.upsertPersons('p1', [
          { distinctId: 'u1', properties: { plan: 'pro' }, firstSeen: t(2), lastSeen: t(3) },
          { distinctId: 'u2', properties: { a: 1 } },
          { distinctId: 'u2', properties: { b: 2 } },
        ]);
        const persons = await store.getPersons('p1', ['u1', 'u2', 'u3']);
        expect(persons).toEqual([
          { distinctId: 'u1', properties: { plan: 'pro', city: '北京' }, firstSeen: t(2), lastSeen: t(6) },
          { distinctId: 'u2', properties: { a: 1, b: 2 } },
        ]);
        expect(await store.getPersons('p2', ['u1'])).toEqual([]);
        expect(await store.getPersons('p1', [])).toEqual([]);
      });

      it('applies setOnce only to keys the person lacks, with properties of the same record winning', async () => {
        await store.upsertPersons('p1', [{ distinctId: 'o1', properties: { plan: 'free' }, setOnce: { source: 'ads', toString: 'x' } }]);
        await store.upsertPersons('p1', [
          { distinctId: 'o1', properties: { plan: 'pro' }, setOnce: { source: 'seo', city: '上海' } },
          { distinctId: 'o2', properties: { a: 2 }, setOnce: { a: 1, b: 1 } },
        ]);
        const expected: PersonRecord[] = [
          { distinctId: 'o1', properties: { plan: 'pro', source: 'ads', toString: 'x', city: '上海' } },
          { distinctId: 'o2', properties: { a: 2, b: 1 } },
        ];
        expect(await store.getPersons('p1', ['o1', 'o2'])).toEqual(expected);
      });

      it('upserts items by id', async () => {
        await store.upsertItems('p1', [
          { itemId: 'i2', properties: { price: 2 } },
          { itemId: 'i1', properties: { title: '茶', price: 1 } },
        ]);
        await store.upsertItems('p1', [{ itemId: 'i2', properties: { price: 20 } }]);
        expect(await store.listItems('p1', { limit: 10 })).toEqual([
          { itemId: 'i1', properties: { title: '茶', price: 1 } },
          { itemId: 'i2', properties: { price: 20 } },
        ]);
        expect(await store.listItems('p1', { limit: 1, offset: 1 })).toEqual([{ itemId: 'i2', properties: { price: 20 } }]);
        expect(await store.listItems('p2', { limit: 10 })).toEqual([]);
      });

      it('inserts feedback once per id and lists newest first', async () => {
        const older = makeFeedback({ id: 'f1', createdAt: new Date('2024-01-01T00:00:00Z') });
        const newer = makeFeedback({
          id: 'f2',
          createdAt: new Date('2024-02-01T00:00:00Z'),
          distinctId: null,
          rating: null,
          lang: null,
          sentiment: -0.5,
          sentimentLabel: 'negative',
          topics: ['checkout', '速度'],
          properties: { channel: 'app' },
        });
        expect(await store.insertFeedback('p1', [older, newer, older])).toEqual({ stored: 2, duplicates: 1 });
        expect(await store.insertFeedback('p1', [newer])).toEqual({ stored: 0, duplicates: 1 });
        expect(await store.insertFeedback('p2', [newer])).toEqual({ stored: 1, duplicates: 0 });
        expect(await store.existingFeedbackIds('p1', [newer.id, 'never-stored', older.id])).toEqual(new Set([newer.id, older.id]));
        expect(await store.existingFeedbackIds('p1', [])).toEqual(new Set());
        const list = await store.listFeedback('p1', { limit: 10 });
        expect(list.map((f) => f.id)).toEqual(['f2', 'f1']);
        expect(list[0]).toEqual(newer);
        expect(list[1]).toMatchObject({ id: 'f1', text: older.text, rating: 2, lang: 'zh', createdAt: older.createdAt });
      });

      it('filters, counts and summarises feedback by day and group', async () => {
        const day = (d: number, h = 0): Date => new Date(Date.UTC(2024, 2, d, h));
        const rows = [
          makeFeedback({ id: 'a', source: 'review', lang: 'zh', distinctId: 'u1', createdAt: day(1, 1), text: '物流太慢', sentiment: -0.8, sentimentLabel: 'negative', topics: ['delivery'], aspects: [{ aspect: 'delivery', score: -0.8, label: 'negative' }], keywords: ['物流', '太慢'], sentimentConfidence: 0.9, properties: { category: 'Audio' } }),
          makeFeedback({ id: 'b', source: 'review', lang: 'en', distinctId: 'u2', createdAt: day(1, 5), text: 'Great PRICE', sentiment: 0.6, sentimentLabel: 'positive', topics: ['price'], aspects: [{ aspect: 'price', score: 0.6, label: 'positive' }], properties: { category: 'Home' } }),
          makeFeedback({ id: 'c', source: 'support', lang: 'en', distinctId: 'u1', createdAt: day(2), text: 'slow delivery again', sentiment: 0, sentimentLabel: 'neutral', topics: ['delivery'], aspects: [{ aspect: 'delivery', score: 0, label: 'neutral' }] }),
          makeFeedback({ id: 'd', source: 'support', lang: 'zh', distinctId: null, createdAt: day(3), text: '付款失败', sentiment: null, sentimentLabel: null, topics: null }),
        ];
        await store.insertFeedback('p1', rows);
        await store.insertFeedback('p2', [makeFeedback({ id: 'x', createdAt: day(1) })]);
        const ids = async (filter: Parameters<EventStore['countFeedback']>[1]): Promise<string[]> =>
          (await store.listFeedback('p1', { limit: 10, ...(filter === undefined ? {} : { filter }) })).map((f) => f.id);
        expect(await ids(undefined)).toEqual(['d', 'c', 'b', 'a']);
        expect(await ids({ langs: ['en'] })).toEqual(['c', 'b']);
        expect(await ids({ sources: ['support'], langs: ['zh', 'en'] })).toEqual(['d', 'c']);
        expect(await ids({ sentimentLabels: ['negative', 'neutral'] })).toEqual(['c', 'a']);
        expect(await ids({ topic: 'delivery' })).toEqual(['c', 'a']);
        expect(await ids({ negativeAspect: 'delivery' })).toEqual(['a']);
        expect(await ids({ since: day(1, 5), until: day(3) })).toEqual(['c', 'b']);
        expect(await ids({ search: 'price' })).toEqual(['b']);
        expect(await ids({ search: '100%_' })).toEqual([]);
        expect(await ids({ distinctIds: ['u1'] })).toEqual(['c', 'a']);
        expect(await ids({ ids: ['a', 'zz'] })).toEqual(['a']);
        expect(await ids({ properties: { category: 'Audio' } })).toEqual(['a']);
        await expect(store.listFeedback('p1', { limit: 1, filter: { properties: { "x') OR 1=1 --": 'y' } } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
        expect(await store.countFeedback('p1')).toBe(4);
        expect(await store.countFeedback('p1', { langs: ['zh'] })).toBe(2);
        const read = (await store.listFeedback('p1', { limit: 1, filter: { ids: ['a'] } }))[0];
        expect(read).toMatchObject({ sentimentConfidence: 0.9, keywords: ['物流', '太慢'], aspects: [{ aspect: 'delivery', score: -0.8, label: 'negative' }] });

        expect(await store.summarizeFeedback('p1', {})).toEqual([
          { day: '2024-03-01', group: null, count: 2, negative: 1, neutral: 0, positive: 1, meanScore: expect.closeTo(-0.1, 9) as number },
          { day: '2024-03-02', group: null, count: 1, negative: 0, neutral: 1, positive: 0, meanScore: 0 },
          { day: '2024-03-03', group: null, count: 1, negative: 0, neutral: 0, positive: 0, meanScore: null },
        ]);
        expect((await store.summarizeFeedback('p1', { groupBy: 'source', filter: { until: day(2, 12) } })).map((r) => [r.day, r.group, r.count])).toEqual([
          ['2024-03-01', 'review', 2],
          ['2024-03-02', 'support', 1],
        ]);
        expect((await store.summarizeFeedback('p1', { groupBy: { property: 'category' } })).map((r) => [r.day, r.group])).toEqual([
          ['2024-03-01', 'Audio'],
          ['2024-03-01', 'Home'],
          ['2024-03-02', null],
          ['2024-03-03', null],
        ]);
        expect((await store.summarizeFeedback('p1', { groupBy: 'lang', filter: { langs: ['en'] } })).map((r) => r.group)).toEqual(['en', 'en']);
      });
    });

    describe('insights', () => {
      const at = (iso: string): Date => new Date(iso);
      const seed = async (): Promise<void> => {
        await store.writeEvents(
          makeBatch('p1', [
            makeEvent({ event: 'view', distinctId: 'u1', timestamp: at('2024-03-01T10:00:00Z'), properties: { price: 5 } }),
            makeEvent({ event: 'buy', distinctId: 'u1', timestamp: at('2024-03-01T11:00:00Z'), properties: { price: 10 } }),
            makeEvent({ event: 'view', distinctId: 'u2', timestamp: at('2024-03-02T10:00:00Z'), properties: { price: 2.5 } }),
            makeEvent({ event: 'view', distinctId: 'u2', timestamp: at('2024-03-02T12:00:00Z') }),
            makeEvent({ event: 'view', distinctId: 'u3', timestamp: at('2024-03-02T23:59:59Z') }),
          ]),
        );
        // another project's events must never leak into p1's answers
        await store.writeEvents(makeBatch('p2', [makeEvent({ event: 'view', distinctId: 'x', timestamp: at('2024-03-01T10:00:00Z') })]));
      };
      const now = at('2024-03-03T00:00:00Z');

      it('runs a trend (unique users, sum of a property) per UTC day', async () => {
        await seed();
        const result = await store.runInsight(
          'p1',
          trendSpecSchema.parse({
            kind: 'trend',
            series: [{ event: 'view', math: 'unique_users' }, { event: null, math: 'sum', property: 'price' }],
            interval: 'day',
            dateFrom: '2024-03-01',
            dateTo: '2024-03-02',
          }),
          now,
        );
        expect(result.buckets).toEqual(['2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z']);
        expect(result.series.map((s) => s.points.map((p) => p.value))).toEqual([
          [1, 2],
          [15, 2.5],
        ]);
      });

      it('runs a funnel', async () => {
        await seed();
        const result = await store.runInsight(
          'p1',
          funnelSpecSchema.parse({ kind: 'funnel', steps: [{ event: 'view' }, { event: 'buy' }], dateFrom: '-7d' }),
          now,
        );
        expect(result.steps.map((s) => s.count)).toEqual([3, 1]);
        expect(result.steps[1]?.medianSecondsFromPrevious).toBe(3600);
      });

      it('refuses an invalid spec with QUERY_INVALID and the zod issues', async () => {
        const bad = { kind: 'trend', series: [] } as unknown as InsightSpec;
        const error: unknown = await store.runInsight('p1', bad).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NorthstarError);
        expect(error).toMatchObject({ code: 'QUERY_INVALID' });
        expect(Array.isArray((error as NorthstarError).details?.['issues'])).toBe(true);
      });
    });

    it('refuses calls after close', async () => {
      const extra = await makeStore();
      await extra.close();
      await expect(extra.countEvents('p1')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(extra.writeEvents(makeBatch('p1', [makeEvent()]))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    });
  });
}
