import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { NorthstarError } from '../common/errors.js';
import type { Northstar } from '../core/northstar.js';
import { createModelTrainingService } from '../core/index.js';
import { rejectKeyInUrl } from './auth.js';
import { alertRoutes } from './routes/alerts.js';
import { createAuthLimiter } from './auth-limiter.js';
import { installErrorHandler } from './error-handler.js';
import type { RouteDeps } from './route-deps.js';
import { CAPTURE_PATHS, captureRoutes } from './routes/capture.js';
import { corsForIngestion } from './routes/cors.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { decideRoutes, remoteConfigRoutes } from './routes/decide.js';
import { eventRoutes } from './routes/events.js';
import { feedbackRoutes } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { insightRoutes } from './routes/insights.js';
import { modelRoutes } from './routes/models.js';
import { projectRoutes } from './routes/projects.js';
import { recommendationRoutes } from './routes/recommendations.js';
import { personEventRoutes } from './routes/person-events.js';
import { SEGMENT_PATHS, segmentRoutes } from './routes/segment.js';

/** Dependencies of {@link buildApp}. */
export interface AppDeps {
  northstar: Northstar;
  /** Per-process dashboard session token, accepted as a Bearer token from loopback clients (docs/api.md). */
  dashboardToken?: string;
  /** Folder of the built dashboard (`dist/web`); served when it holds an index.html. */
  webRoot?: string;
  /** Clock for receive times; tests pin it. */
  now?: () => Date;
  /** Failed API-key checks per client address and minute before 429 RATE_LIMITED (default 20). */
  maxAuthFailuresPerMinute?: number;
  /** Folder of trained NN models, one sub-folder per project (server: `<dataDir>/models`; default: a temp folder). */
  modelsDir?: string;
}

/**
 * Builds the Fastify app without listening (tests call `app.inject()`; `server.ts` listens). Every body is
 * read as bytes by one parser: ingestion routes (`config.rawBody`) decode it themselves (gzip, base64
 * forms, JSON Lines, size caps); every other route gets JSON, and malformed JSON is INVALID_JSON in the
 * common error shape rather than Fastify's default.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { northstar } = deps;
  const app = Fastify({
    logger: false,
    bodyLimit: northstar.limits.maxBodyBytes,
    routerOptions: { ignoreTrailingSlash: true },
    // Slow clients must not hold sockets forever (slowloris): the whole request must arrive within 60 s.
    requestTimeout: 60_000,
    connectionTimeout: 0,
  });
  installErrorHandler(app, northstar.logger, { maxBodyBytes: northstar.limits.maxBodyBytes });
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/')) rejectKeyInUrl(request);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    // Answers about project data must not sit in shared caches.
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const fields = { method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (reply.statusCode >= 500) northstar.logger.warn('request failed', fields);
    else northstar.logger.debug('request', fields);
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    if (request.routeOptions.config.rawBody === true) {
      done(null, body);
      return;
    }
    const text = (body as Buffer).toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (error) {
      done(new NorthstarError('INVALID_JSON', `the body is not valid JSON: ${(error as Error).message}`));
    }
  });

  const routeDeps: RouteDeps = {
    northstar,
    dashboardToken: deps.dashboardToken,
    now: deps.now ?? (() => new Date()),
    limiter: createAuthLimiter(deps.maxAuthFailuresPerMinute === undefined ? {} : { maxFailures: deps.maxAuthFailuresPerMinute }),
  };
  corsForIngestion(app, [...CAPTURE_PATHS, '/decide', '/flags', ...SEGMENT_PATHS.map((p) => `/v1/${p}`)]);
  healthRoutes(app, routeDeps);
  captureRoutes(app, routeDeps);
  decideRoutes(app);
  remoteConfigRoutes(app);
  segmentRoutes(app, routeDeps);
  eventRoutes(app, routeDeps);
  insightRoutes(app, routeDeps);
  projectRoutes(app, routeDeps);
  recommendationRoutes(app, routeDeps);
  feedbackRoutes(app, routeDeps);
  const models = createModelTrainingService({ modelsDir: deps.modelsDir ?? join(tmpdir(), `northstar-models-${process.pid}`), store: northstar.store, logger: northstar.logger });
  // Jobs a stopped process left running become `interrupted` before any request can see them as running.
  await models.recover().catch((error: unknown) => northstar.logger.error('training job recovery failed', { error: error instanceof Error ? error.message : String(error) }));
  // Training workers are threads of this process: stop them when the server closes.
  app.addHook('onClose', () => models.close());
  modelRoutes(app, routeDeps, models);
  personEventRoutes(app, routeDeps);
  alertRoutes(app, routeDeps);
  await dashboardRoutes(app, { ...routeDeps, webRoot: deps.webRoot });
  return app;
}
