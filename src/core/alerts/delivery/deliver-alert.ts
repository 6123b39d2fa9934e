import nodemailer from 'nodemailer';
import { NorthstarError } from '../../../common/errors.js';
import { newId } from '../../../common/ids.js';
import type { Logger } from '../../../common/logger.js';
import type { EventStore } from '../../../store/event-store.js';
import type { AlertView } from '../alert-view.js';
import type { AlertLanguage, Channel } from '../monitor-spec.js';
import { atLeast } from '../severity.js';
import { alertText } from './alert-text.js';
import { guardedPost } from './guarded-post.js';
import type { AllowList, Resolver } from './ssrf-guard.js';
import { platformAccepted, redactUrl, webhookRequest } from './webhook-payload.js';

/** Delivery settings (from `loadConfig` through `createNorthstar`). */
export interface DeliveryOptions {
  allow: AllowList;
  /** Per-request timeout. Default 5,000 ms. */
  timeoutMs?: number;
  /** Attempts per channel (first try included). Default 3. */
  maxAttempts?: number;
  /** Backoff before retry n is `backoffMs · 2^(n−1)`. Default 500 ms. */
  backoffMs?: number;
  /** `smtp://user:pass@host:port` (or smtps://); e-mail channels fail without it. */
  smtpUrl?: string;
  smtpFrom?: string;
  resolver?: Resolver;
  /** Clock for signatures and the log. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What happened on one channel. */
export interface ChannelOutcome {
  channel: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Retry network errors, timeouts, 429 and 5xx; a refusal by the SSRF guard or a 4xx will not change. */
function retriable(result: { status?: number; error?: unknown }): boolean {
  if (result.error instanceof NorthstarError) return false;
  if (result.error !== undefined) return true;
  const s = result.status ?? 0;
  return s === 429 || s >= 500;
}

/**
 * Sends an alert to every channel of its monitor whose minimum severity it reaches, each with bounded retries
 * and exponential backoff, and appends every attempt to the alert's delivery log. Never throws: a failing channel
 * is logged and reported in the outcome, the scan goes on.
 */
export async function deliverAlert(
  deps: { store: EventStore; logger: Logger; options: DeliveryOptions },
  alert: AlertView,
  channels: readonly Channel[],
  language: AlertLanguage,
): Promise<ChannelOutcome[]> {
  const o = deps.options;
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? defaultSleep;
  const maxAttempts = Math.max(1, o.maxAttempts ?? 3);
  const outcomes: ChannelOutcome[] = [];
  for (const channel of channels) {
    if (!atLeast(alert.severity, channel.minSeverity)) continue;
    const text = alertText(alert, channel.language ?? language);
    const target = channel.kind === 'email' ? channel.to.join(', ') : redactUrl(channel.url);
    let outcome: ChannelOutcome = { channel: channel.id, ok: false, attempts: 0 };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const result: { ok: boolean; status?: number; error?: unknown } = { ok: false };
      try {
        if (channel.kind === 'email') {
          await sendEmail(o, channel.to, text.title, [text.title, '', ...text.lines].join('\n'));
          result.ok = true;
        } else {
          const req = webhookRequest(channel, alert, text, now());
          const res = await guardedPost(req.url, req.body, req.headers, { allow: o.allow, timeoutMs: o.timeoutMs ?? 5000, ...(o.resolver === undefined ? {} : { resolver: o.resolver }) });
          result.status = res.status;
          if (res.status >= 200 && res.status < 300) {
            const accepted = platformAccepted(channel.kind, res.body);
            result.ok = accepted.ok;
            if (!accepted.ok) result.error = new Error(accepted.error);
          } else if (res.status >= 300 && res.status < 400) {
            // Redirects are never followed: one could lead into the internal network.
            result.error = new NorthstarError('WEBHOOK_TARGET_REFUSED', `the target answered ${res.status} (redirects are not followed)`);
          }
        }
      } catch (error) {
        result.error = error;
      }
      const message = result.ok ? null : result.error instanceof Error ? result.error.message : result.status !== undefined ? `HTTP ${result.status}` : 'failed';
      await deps.store
        .appendDelivery({
          id: newId('dlv'),
          projectId: alert.projectId,
          alertId: alert.id,
          channel: channel.id,
          kind: channel.kind,
          target,
          attempt,
          ok: result.ok,
          httpStatus: result.status ?? null,
          error: message,
          at: new Date(now()).toISOString(),
        })
        .catch((error: unknown) => deps.logger.warn('could not log an alert delivery', { error: String(error) }));
      outcome = result.ok ? { channel: channel.id, ok: true, attempts: attempt } : { channel: channel.id, ok: false, attempts: attempt, error: message ?? 'failed' };
      if (result.ok || attempt === maxAttempts || !retriable(result)) break;
      await sleep((o.backoffMs ?? 500) * 2 ** (attempt - 1));
    }
    if (!outcome.ok) deps.logger.warn('alert delivery failed', { alert: alert.id, channel: channel.id, error: outcome.error });
    outcomes.push(outcome);
  }
  return outcomes;
}

async function sendEmail(o: DeliveryOptions, to: readonly string[], subject: string, text: string): Promise<void> {
  if (o.smtpUrl === undefined) {
    throw new NorthstarError('CONFIG_INVALID', 'e-mail alerts need NORTHSTAR_SMTP_URL', { hint: 'Set NORTHSTAR_SMTP_URL (smtp://user:pass@host:587) and NORTHSTAR_SMTP_FROM.' });
  }
  const timeout = o.timeoutMs ?? 5000;
  const transport = nodemailer.createTransport({ url: o.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  try {
    await transport.sendMail({ from: o.smtpFrom ?? 'northstar@localhost', to: [...to], subject, text });
  } finally {
    transport.close();
  }
}
