import { createHmac } from 'node:crypto';
import type { AlertView } from '../alert-view.js';
import type { Channel } from '../monitor-spec.js';
import type { AlertText } from './alert-text.js';

/** One HTTP request to make for a webhook channel. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

type WebhookChannel = Exclude<Channel, { kind: 'email' }>;

/**
 * Generic JSON signature: `X-Northstar-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * Receivers recompute it over the raw body and refuse stale timestamps (docs/alerts.md "Verifying").
 */
export function northstarSignature(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/** Feishu custom bot `sign`: base64(HMAC-SHA256 keyed with "<timestamp>\n<secret>" over an empty message). */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** DingTalk robot `sign`: base64(HMAC-SHA256 keyed with the secret over "<timestamp ms>\n<secret>"). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Builds the request a webhook channel sends for an alert, in its platform's format, signed where it signs. */
export function webhookRequest(channel: WebhookChannel, alert: AlertView, text: AlertText, nowMs: number): WebhookRequest {
  const plain = [text.title, ...text.lines].join('\n');
  const markdown = [`**${text.title}**`, '', ...text.lines.map((l) => `- ${l}`)].join('\n');
  switch (channel.kind) {
    case 'webhook': {
      const body = JSON.stringify({ type: 'northstar.alert', title: text.title, text: plain, alert });
      const t = Math.floor(nowMs / 1000);
      const headers: Record<string, string> = { 'x-northstar-event': 'alert.opened' };
      if (channel.secret !== undefined) headers['x-northstar-signature'] = northstarSignature(channel.secret, t, body);
      return { url: channel.url, headers, body };
    }
    case 'feishu': {
      const payload: Record<string, unknown> = { msg_type: 'text', content: { text: plain } };
      if (channel.secret !== undefined) {
        const t = Math.floor(nowMs / 1000);
        payload['timestamp'] = String(t);
        payload['sign'] = feishuSign(channel.secret, t);
      }
      return { url: channel.url, headers: {}, body: JSON.stringify(payload) };
    }
    case 'dingtalk': {
      let url = channel.url;
      if (channel.secret !== undefined) {
        const u = new URL(channel.url);
        u.searchParams.set('timestamp', String(nowMs));
        u.searchParams.set('sign', dingtalkSign(channel.secret, nowMs));
        url = u.toString();
      }
      return { url, headers: {}, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: text.title, text: markdown } }) };
    }
    case 'wecom':
      return { url: channel.url, headers: {}, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown } }) };
    case 'slack':
      return {
        url: channel.url,
        headers: {},
        body: JSON.stringify({ text: plain, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: [`*${text.title}*`, ...text.lines].join('\n') } }] }),
      };
  }
}

/**
 * Whether a 2xx answer is a success by the platform's own rules: Feishu answers `{ code: 0 }`, DingTalk and WeCom
 * `{ errcode: 0 }`; a non-zero code (bad signature, rate limit) is a failure despite HTTP 200.
 */
export function platformAccepted(kind: WebhookChannel['kind'], body: string): { ok: boolean; error?: string } {
  if (kind !== 'feishu' && kind !== 'dingtalk' && kind !== 'wecom') return { ok: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: true };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: true };
  const p = parsed as Record<string, unknown>;
  const code = kind === 'feishu' ? (p['code'] ?? p['StatusCode']) : p['errcode'];
  if (code === undefined || code === 0) return { ok: true };
  const message = p['msg'] ?? p['errmsg'] ?? p['StatusMessage'];
  return { ok: false, error: `platform error ${String(code)}${message === undefined ? '' : `: ${String(message)}`}` };
}

/** The target as the delivery log shows it: scheme, host and path, no query (tokens live there) and no secrets. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const path = u.pathname.length > 24 ? `${u.pathname.slice(0, 24)}…` : u.pathname;
    return `${u.protocol}//${u.host}${path}`;
  } catch {
    return '(invalid url)';
  }
}
