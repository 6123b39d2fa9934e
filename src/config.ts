import path from 'node:path';
import { z } from 'zod';
import { NorthstarError } from './common/errors.js';

/** What `NORTHSTAR_NN_BACKEND` accepts: `auto` (native, else wasm, else js) or one backend by name. */
export const NN_BACKEND_CHOICES = ['auto', 'native', 'wasm', 'js'] as const;
/** One of {@link NN_BACKEND_CHOICES}. */
export type NnBackendChoice = (typeof NN_BACKEND_CHOICES)[number];

const envSchema = z.object({
  NORTHSTAR_DATA_DIR: z.string().min(1).optional(),
  NORTHSTAR_HOST: z.string().min(1).default('127.0.0.1'),
  NORTHSTAR_PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  NORTHSTAR_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  NORTHSTAR_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  NORTHSTAR_MAX_EVENT_BYTES: z.coerce.number().int().min(256).default(1024 * 1024),
  NORTHSTAR_MAX_BATCH_EVENTS: z.coerce.number().int().min(1).default(10_000),
  NORTHSTAR_MAX_PENDING_EVENTS: z.coerce.number().int().min(1).default(200_000),
  NORTHSTAR_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'use smtp://user:pass@host:port or smtps://...').optional(),
  NORTHSTAR_SMTP_FROM: z.string().min(3).optional(),
  NORTHSTAR_WEBHOOK_ALLOW: z.string().default(''),
  NORTHSTAR_ALERT_LANGUAGE: z.enum(['zh-CN', 'en']).default('en'),
  NORTHSTAR_NN_BACKEND: z.enum(NN_BACKEND_CHOICES).default('auto'),
  NORTHSTAR_FEEDBACK_SYNC_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
});

/** Resolved, read-only configuration, sectioned by layer. Only `api/` and `cli/` build it. */
export interface NorthstarConfig {
  readonly store: { readonly dataDir: string; readonly dbFile: string };
  readonly api: {
    readonly host: string;
    readonly port: number;
    readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  };
  readonly ingest: {
    /** Largest request body accepted, after decompression. */
    readonly maxBodyBytes: number;
    /** Largest single event (serialised JSON); larger ones are quarantined. */
    readonly maxEventBytes: number;
    /** Most events in one request. */
    readonly maxBatchEvents: number;
    /** Events waiting for the writer beyond which requests get 429. */
    readonly maxPendingEvents: number;
  };
  /** Alert delivery (docs/alerts.md "Delivery"): SMTP, the webhook SSRF allow-list, the default text language. */
  readonly alerts: {
    readonly smtpUrl?: string;
    readonly smtpFrom?: string;
    /** Host names, IPs or CIDRs webhooks may reach although internal. */
    readonly webhookAllow: readonly string[];
    readonly language: 'zh-CN' | 'en';
  };
  /** Feedback from events (docs/feedback.md): seconds between background passes, 0 = off. */
  readonly feedback: { readonly syncSeconds: number };
}

/**
 * The neural-network backend `NORTHSTAR_NN_BACKEND` asks for, for commands that need nothing else from the
 * environment (the CLI applies it before any command runs); CONFIG_INVALID for anything but the four choices.
 */
export function nnBackendFromEnv(env: Record<string, string | undefined>): NnBackendChoice {
  const parsed = envSchema.shape.NORTHSTAR_NN_BACKEND.safeParse(env['NORTHSTAR_NN_BACKEND'] === '' ? undefined : env['NORTHSTAR_NN_BACKEND']);
  if (parsed.success) return parsed.data;
  throw new NorthstarError('CONFIG_INVALID', `invalid environment: NORTHSTAR_NN_BACKEND must be one of ${NN_BACKEND_CHOICES.join(', ')}`, {
    hint: 'auto picks native (BLAS), then wasm, then js; see `northstar doctor`.',
  });
}

/**
 * Parses the environment once and fails listing every bad variable at once (docs/configuration.md).
 * `cwd` resolves the default data directory (`.northstar` under the working directory).
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): NorthstarConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new NorthstarError('CONFIG_INVALID', `invalid environment: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.NORTHSTAR_DATA_DIR ?? '.northstar');
  return Object.freeze({
    store: Object.freeze({ dataDir, dbFile: path.join(dataDir, 'northstar.duckdb') }),
    api: Object.freeze({ host: e.NORTHSTAR_HOST, port: e.NORTHSTAR_PORT, logLevel: e.NORTHSTAR_LOG_LEVEL }),
    ingest: Object.freeze({
      maxBodyBytes: e.NORTHSTAR_MAX_BODY_BYTES,
      maxEventBytes: e.NORTHSTAR_MAX_EVENT_BYTES,
      maxBatchEvents: e.NORTHSTAR_MAX_BATCH_EVENTS,
      maxPendingEvents: e.NORTHSTAR_MAX_PENDING_EVENTS,
    }),
    alerts: Object.freeze({
      ...(e.NORTHSTAR_SMTP_URL === undefined ? {} : { smtpUrl: e.NORTHSTAR_SMTP_URL }),
      ...(e.NORTHSTAR_SMTP_FROM === undefined ? {} : { smtpFrom: e.NORTHSTAR_SMTP_FROM }),
      webhookAllow: Object.freeze(e.NORTHSTAR_WEBHOOK_ALLOW.split(',').map((x) => x.trim()).filter((x) => x !== '')),
      language: e.NORTHSTAR_ALERT_LANGUAGE,
    }),
    feedback: Object.freeze({ syncSeconds: e.NORTHSTAR_FEEDBACK_SYNC_SECONDS }),
  });
}
