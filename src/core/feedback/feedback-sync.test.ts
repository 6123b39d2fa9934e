import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger.js';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { EventStore } from '../../store/event-store.js';
import { lexiconSentimentModel } from '../sentiment/load-sentiment-model.js';
import { createFeedbackAnalyzer, type FeedbackAnalyzer } from './feedback-analyzer.js';
import { createFeedbackService, type FeedbackService } from './feedback-service.js';
import { SYNC_OVERLAP_MS, startFeedbackSync, type FeedbackSync } from './feedback-sync.js';

type WriteEvent = Parameters<EventStore['writeEvents']>[0]['events'][number];

const T0 = Date.parse('2026-05-01T08:00:00Z');
let store: EventStore;
let service: FeedbackService;
let analysed: string[];
let sync: FeedbackSync | undefined;

const review = (uuid: string, text: string, timestamp: number, receivedAt: number): WriteEvent => ({
  uuid,
  event: 'review_submitted',
  distinctId: `u-${uuid}`,
  timestamp: new Date(timestamp),
  receivedAt: new Date(receivedAt),
  properties: { text },
  sessionId: null,
});

beforeEach(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  await store.createProject({ id: 'p', name: 'P', token: 'tok-p' });
  await store.createProject({ id: 'q', name: 'Q', token: 'tok-q' });
  analysed = [];
  // counts what the analyzer is asked to read, to prove stored items are not analysed twice
  const counting = (): FeedbackAnalyzer => {
    const inner = createFeedbackAnalyzer({ model: lexiconSentimentModel() });
    return { modelName: inner.modelName, analyze: (text) => (analysed.push(text), inner.analyze(text)) };
  };
  service = createFeedbackService({ store, analyzer: counting });
});

afterEach(async () => {
  await sync?.stop();
  sync = undefined;
  await store.close();
});

const ids = async (projectId: string): Promise<string[]> => (await service.list(projectId, { since: '2020-01-01' }, { limit: 100 }, new Date(T0 + 86_400_000))).items.map((f) => f.id).sort();

describe('startFeedbackSync', () => {
  it('turns text events of every project into feedback, then only reads what arrived since', async () => {
    await store.writeEvents({ projectId: 'p', quarantine: [], events: [review('a', 'Delivery was late again', T0, T0), review('b', 'Great price', T0, T0 + 1000)] });
    await store.writeEvents({ projectId: 'q', quarantine: [], events: [review('c', '包装破损，很失望', T0, T0)] });
    sync = startFeedbackSync({ feedback: service, listProjectIds: async () => ['p', 'q'], logger: silentLogger }, 3_600_000);
    const first = await sync.tick();
    expect(first.get('p')).toMatchObject({ events: 2, stored: 2, lastReceivedAt: new Date(T0 + 1000) });
    expect(first.get('q')).toMatchObject({ events: 1, stored: 1 });
    expect(await ids('p')).toEqual(['evt:a', 'evt:b']);
    expect(await ids('q')).toEqual(['evt:c']);

    // a late event: stamped a week ago, arriving an hour later; and one that arrived long before the watermark
    await store.writeEvents({
      projectId: 'p',
      quarantine: [],
      events: [review('late', 'App crashes at checkout', T0 - 7 * 86_400_000, T0 + 3_600_000), review('old', 'never read', T0 - 86_400_000, T0 - SYNC_OVERLAP_MS - 60_000)],
    });
    const second = await sync.tick();
    // only the overlap window is read again: a, b (counted, not analysed) and the late one
    expect(second.get('p')).toMatchObject({ events: 3, stored: 1, duplicates: 2, lastReceivedAt: new Date(T0 + 3_600_000) });
    expect(await ids('p')).toEqual(['evt:a', 'evt:b', 'evt:late']);
    expect(analysed.filter((t) => t === 'Delivery was late again')).toHaveLength(1);
  });

  it('after a restart the first pass reads everything again without re-analysing stored items', async () => {
    await store.writeEvents({ projectId: 'p', quarantine: [], events: [review('a', 'Refund took two weeks', T0, T0)] });
    const before = startFeedbackSync({ feedback: service, listProjectIds: async () => ['p'], logger: silentLogger }, 3_600_000);
    await before.tick();
    await before.stop();
    // an event committed while no server ran, with an arrival time older than any watermark
    await store.writeEvents({ projectId: 'p', quarantine: [], events: [review('z', 'Support never answered', T0 - 86_400_000, T0 - 86_400_000)] });
    sync = startFeedbackSync({ feedback: service, listProjectIds: async () => ['p'], logger: silentLogger }, 3_600_000);
    const pass = await sync.tick();
    expect(pass.get('p')).toMatchObject({ events: 2, stored: 1, duplicates: 1 });
    expect(await ids('p')).toEqual(['evt:a', 'evt:z']);
    expect(analysed).toEqual(['Refund took two weeks', 'Support never answered']);
  });

  it('a failing project is logged and retried next pass while the others go on', async () => {
    await store.writeEvents({ projectId: 'q', quarantine: [], events: [review('c', 'Checkout button does nothing', T0, T0)] });
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (msg: string) => void warnings.push(msg) };
    let failures = 1;
    const flaky: Pick<FeedbackService, 'deriveFromEvents'> = {
      deriveFromEvents: (projectId, options) => {
        if (projectId === 'p' && failures-- > 0) return Promise.reject(new Error('disk full'));
        return service.deriveFromEvents(projectId, options);
      },
    };
    sync = startFeedbackSync({ feedback: flaky, listProjectIds: async () => ['p', 'q'], logger }, 3_600_000);
    const first = await sync.tick();
    expect(first.has('p')).toBe(false);
    expect(first.get('q')).toMatchObject({ stored: 1 });
    expect(warnings).toEqual(['feedback sync failed']);
    await store.writeEvents({ projectId: 'p', quarantine: [], events: [review('a', 'Too expensive', T0 - 86_400_000, T0 - 86_400_000)] });
    expect((await sync.tick()).get('p')).toMatchObject({ stored: 1 });
  });
});
