import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../common/logger.js';
import { createDuckDbStore } from '../../../store/duckdb/duckdb-store.js';
import type { EventStore } from '../../../store/event-store.js';
import type { AlertView } from '../alert-view.js';
import { channelSchema, type Channel } from '../monitor-spec.js';
import { deliverAlert, type DeliveryOptions } from './deliver-alert.js';
import { parseAllowList } from './ssrf-guard.js';
import { dingtalkSign, feishuSign } from './webhook-payload.js';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const NOW = Date.parse('2026-11-17T01:02:03Z');

function makeAlert(): AlertView {
  return {
    id: 'alt_1',
    projectId: 'p1',
    monitorId: 'checkout-conversion',
    period: '2026-11-16T00:00:00.000Z',
    status: 'open',
    severity: 'critical',
    score: 0.64,
    openedAt: '2026-11-17T01:00:00.000Z',
    updatedAt: '2026-11-17T01:00:00.000Z',
    acknowledgedAt: null,
    resolvedAt: null,
    resolution: null,
    details: {
      monitorName: '下单转化率',
      interval: 'day',
      isRate: true,
      actual: 0.468,
      expected: 0.666,
      lower: 0.554,
      upper: 0.778,
      direction: 'low',
      relativeChange: -0.297,
      volume: 77,
      newestBucketAtOpen: '2026-11-16T00:00:00.000Z',
      chart: { buckets: [], values: [], expected: [], lower: [], upper: [] },
      contributors: [{ dimension: 'platform', value: 'android', actual: 0.1, expected: 0.7, contribution: 0.95, surprise: 0.2, expectedShare: 0.4, actualShare: 0.1 }],
      dimensions: [{ dimension: 'platform', explained: 0.95, surprise: 0.2, explains: true }],
    },
  };
}

/** A local HTTP server answering each request with the next scripted status (then 200). */
async function startServer(script: Array<{ status: number; body?: string; headers?: Record<string, string> }> = []): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const next = script.shift() ?? { status: 200, body: '{"code":0,"errcode":0}' };
      res.writeHead(next.status, next.headers ?? { 'content-type': 'application/json' });
      res.end(next.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const channel = (c: unknown): Channel => channelSchema.parse(c);

describe('deliverAlert', () => {
  let store: EventStore;
  const servers: Server[] = [];
  const options = (extra: Partial<DeliveryOptions> = {}): DeliveryOptions => ({
    allow: parseAllowList(['127.0.0.1']),
    timeoutMs: 2000,
    backoffMs: 1,
    now: () => NOW,
    ...extra,
  });
  beforeEach(async () => {
    store = await createDuckDbStore({ path: ':memory:' });
    await store.createProject({ id: 'p1', name: 'Shop', token: 'phc_p1' });
  });
  afterEach(async () => {
    await store.close();
    for (const s of servers.splice(0)) s.close();
  });
  const serve = async (script?: Parameters<typeof startServer>[0]) => {
    const s = await startServer(script);
    servers.push(s.server);
    return s;
  };

  it('posts generic JSON with a verifiable X-Northstar-Signature', async () => {
    const { url, received } = await serve();
    const out = await deliverAlert({ store, logger: silentLogger, options: options() }, makeAlert(), [channel({ kind: 'webhook', id: 'ops', url: `${url}/hook`, secret: 's3cret' })], 'en');
    expect(out).toEqual([{ channel: 'ops', ok: true, attempts: 1 }]);
    const r = received[0]!;
    const sig = String(r.headers['x-northstar-signature']);
    const t = Math.floor(NOW / 1000);
    expect(sig).toBe(`t=${t},v1=${createHmac('sha256', 's3cret').update(`${t}.${r.body}`).digest('hex')}`);
    const body = JSON.parse(r.body) as { type: string; title: string; alert: { id: string } };
    expect(body.type).toBe('northstar.alert');
    expect(body.alert.id).toBe('alt_1');
    expect(body.title).toBe('[CRITICAL] 下单转化率 dropped 30% on 2026-11-16');
  });

  it('signs Feishu in the body and DingTalk in the query, as the platforms verify them; WeCom and Slack formats', async () => {
    const { url, received } = await serve();
    const channels = [
      channel({ kind: 'feishu', id: 'fs', url: `${url}/open-apis/bot/v2/hook/abc`, secret: 'fs-secret' }),
      channel({ kind: 'dingtalk', id: 'dt', url: `${url}/robot/send?access_token=tok`, secret: 'SECabc' }),
      channel({ kind: 'wecom', id: 'wc', url: `${url}/cgi-bin/webhook/send?key=k` }),
      channel({ kind: 'slack', id: 'sl', url: `${url}/services/T/B/X` }),
    ];
    const out = await deliverAlert({ store, logger: silentLogger, options: options() }, makeAlert(), channels, 'zh-CN');
    expect(out.every((o) => o.ok)).toBe(true);
    const [fs, dt, wc, sl] = received;
    const feishu = JSON.parse(fs!.body) as { msg_type: string; timestamp: string; sign: string; content: { text: string } };
    const ts = Math.floor(NOW / 1000);
    expect(feishu).toMatchObject({ msg_type: 'text', timestamp: String(ts) });
    // Feishu's own check: HMAC-SHA256 keyed with "timestamp\nsecret" over an empty string, base64.
    expect(feishu.sign).toBe(createHmac('sha256', `${ts}\nfs-secret`).update('').digest('base64'));
    expect(feishu.sign).toBe(feishuSign('fs-secret', ts));
    expect(feishu.content.text).toContain('【严重】下单转化率：2026-11-16 下降 30%');
    expect(feishu.content.text).toContain('主要原因：platform = android（解释 95% 的变化）');
    const q = new URL(dt!.path, url).searchParams;
    expect(q.get('access_token')).toBe('tok');
    expect(q.get('timestamp')).toBe(String(NOW));
    expect(q.get('sign')).toBe(createHmac('sha256', 'SECabc').update(`${NOW}\nSECabc`).digest('base64'));
    expect(q.get('sign')).toBe(dingtalkSign('SECabc', NOW));
    expect(JSON.parse(dt!.body)).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('下单转化率') } });
    expect(JSON.parse(wc!.body)).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('实际值 46.8%') } });
    expect(JSON.parse(sl!.body)).toMatchObject({ text: expect.stringContaining('下单转化率'), blocks: [{ type: 'section' }] });
  });

  it('retries 5xx with backoff up to the limit, logs every attempt, and does not retry a 4xx', async () => {
    const { url, received } = await serve([{ status: 500 }, { status: 503 }]);
    const out = await deliverAlert({ store, logger: silentLogger, options: options() }, makeAlert(), [channel({ kind: 'webhook', id: 'ops', url })], 'en');
    expect(out).toEqual([{ channel: 'ops', ok: true, attempts: 3 }]);
    expect(received).toHaveLength(3);
    const log = await store.listDeliveries('p1', 'alt_1');
    expect(log.map((d) => [d.attempt, d.ok, d.httpStatus])).toEqual([[1, false, 500], [2, false, 503], [3, true, 200]]);
    expect(log[0]!.target).toBe(`${url}/`);

    const bad = await serve([{ status: 400 }]);
    const refused = await deliverAlert({ store, logger: silentLogger, options: options({ maxAttempts: 5 }) }, { ...makeAlert(), id: 'alt_2' }, [channel({ kind: 'webhook', id: 'x', url: bad.url })], 'en');
    expect(refused).toEqual([{ channel: 'x', ok: false, attempts: 1, error: 'HTTP 400' }]);
  });

  it('treats a platform error code in a 200 answer as a failure', async () => {
    const { url } = await serve([{ status: 200, body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}' }]);
    const out = await deliverAlert({ store, logger: silentLogger, options: options({ maxAttempts: 1 }) }, makeAlert(), [channel({ kind: 'feishu', id: 'fs', url, secret: 'x' })], 'en');
    expect(out[0]).toMatchObject({ ok: false, error: expect.stringContaining('platform error 19021') });
  });

  it('refuses loopback, private, metadata and mapped targets unless allow-listed, without retrying', async () => {
    const { url, received } = await serve();
    const port = new URL(url).port;
    const strict = options({ allow: parseAllowList([]) });
    for (const target of [`http://127.0.0.1:${port}/`, 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', `http://[::1]:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`]) {
      const out = await deliverAlert({ store, logger: silentLogger, options: strict }, makeAlert(), [channel({ kind: 'webhook', id: 'ops', url: target })], 'en');
      expect(out[0]).toMatchObject({ ok: false, attempts: 1, error: expect.stringContaining('refusing to call') });
    }
    expect(received).toHaveLength(0);
  });

  it('connects to the address it vetted (no second DNS lookup) while sending the host name', async () => {
    const { url, received } = await serve();
    const port = new URL(url).port;
    let lookups = 0;
    // "hooks.internal" exists in no DNS: the request can only arrive if the socket uses the vetted answer.
    const resolver = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const out = await deliverAlert(
      { store, logger: silentLogger, options: options({ allow: parseAllowList(['hooks.internal']), resolver }) },
      makeAlert(),
      [channel({ kind: 'webhook', id: 'int', url: `http://hooks.internal:${port}/x` })],
      'en',
    );
    expect(out[0]).toMatchObject({ ok: true });
    expect(lookups).toBe(1);
    expect(received[0]!.headers.host).toBe(`hooks.internal:${port}`);
    // The same name resolving to a private address without the allow-list entry is refused.
    const refused = await deliverAlert({ store, logger: silentLogger, options: options({ allow: parseAllowList([]), resolver }) }, makeAlert(), [channel({ kind: 'webhook', id: 'int', url: `http://hooks.internal:${port}/x` })], 'en');
    expect(refused[0]).toMatchObject({ ok: false, error: expect.stringContaining('resolves to a private') });
    expect(received).toHaveLength(1);
  });

  it('does not follow a redirect into loopback', async () => {
    const inner = await serve();
    const outer = await serve([{ status: 302, headers: { location: `${inner.url}/internal` } }]);
    // Only the outer server is allow-listed (by port we cannot, so the test allow-lists loopback and proves the
    // redirect is not followed at all: the inner server gets nothing).
    const out = await deliverAlert({ store, logger: silentLogger, options: options({ maxAttempts: 3 }) }, makeAlert(), [channel({ kind: 'webhook', id: 'ops', url: outer.url })], 'en');
    expect(out[0]).toMatchObject({ ok: false, attempts: 1, error: expect.stringContaining('redirects are not followed') });
    expect(outer.received).toHaveLength(1);
    expect(inner.received).toHaveLength(0);
  });

  it('times out a target that never answers', async () => {
    const hang = createServer(() => undefined);
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    servers.push(hang);
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`;
    const out = await deliverAlert({ store, logger: silentLogger, options: options({ timeoutMs: 200, maxAttempts: 2 }) }, makeAlert(), [channel({ kind: 'webhook', id: 'slow', url })], 'en');
    expect(out[0]).toMatchObject({ ok: false, attempts: 2, error: expect.stringContaining('timed out') });
    hang.closeAllConnections();
  });

  describe('e-mail over SMTP', () => {
    let smtp: SMTPServer;
    let port = 0;
    const mails: Array<{ from: string; to: string[]; data: string }> = [];
    beforeAll(async () => {
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            mails.push({ from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      port = (smtp.server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    });

    it('sends the alert to every recipient through a real SMTP server', async () => {
      const out = await deliverAlert(
        { store, logger: silentLogger, options: options({ smtpUrl: `smtp://127.0.0.1:${port}`, smtpFrom: 'alerts@shop.test' }) },
        makeAlert(),
        [channel({ kind: 'email', id: 'mail', to: ['pm@shop.test', 'ops@shop.test'], language: 'zh-CN' })],
        'en',
      );
      expect(out).toEqual([{ channel: 'mail', ok: true, attempts: 1 }]);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.from).toBe('alerts@shop.test');
      expect(mails[0]!.to).toEqual(['pm@shop.test', 'ops@shop.test']);
      expect(mails[0]!.data).toMatch(/Subject: =\?UTF-8\?/);
      const log = await store.listDeliveries('p1', 'alt_1');
      expect(log[0]).toMatchObject({ kind: 'email', target: 'pm@shop.test, ops@shop.test', ok: true });
    });

    it('fails an e-mail channel without SMTP settings, and skips channels above the alert severity', async () => {
      const out = await deliverAlert(
        { store, logger: silentLogger, options: options({ maxAttempts: 1 }) },
        { ...makeAlert(), severity: 'warning' },
        [channel({ kind: 'email', id: 'mail', to: ['pm@shop.test'] }), channel({ kind: 'email', id: 'pager', to: ['oncall@shop.test'], minSeverity: 'critical' })],
        'en',
      );
      expect(out).toEqual([{ channel: 'mail', ok: false, attempts: 1, error: expect.stringContaining('NORTHSTAR_SMTP_URL') }]);
    });
  });
});
