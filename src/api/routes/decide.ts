import type { FastifyInstance } from 'fastify';
import { uuidv4 } from '../../common/ids.js';

/**
 * The minimal `/decide` (posthog-js) and `/flags` (posthog-node ≥ 4, posthog-js ≥ 1.2xx) answer: no feature
 * flags, nothing remote-configured, so the SDKs run unchanged and only capture. The fields are the ones
 * the SDKs read; every feature they gate is off.
 */
export function decideResponse(): Record<string, unknown> {
  return {
    config: { enable_collect_everything: false },
    featureFlags: {},
    featureFlagPayloads: {},
    flags: {},
    errorsWhileComputingFlags: false,
    quotaLimited: [],
    requestId: uuidv4(),
    sessionRecording: false,
    supportedCompression: ['gzip', 'gzip-js'],
    toolbarParams: {},
    isAuthenticated: false,
    siteApps: [],
    heatmaps: false,
    surveys: false,
    capturePerformance: false,
    autocapture_opt_out: true,
    autocaptureExceptions: false,
    elementsChainAsString: true,
  };
}

/** Registers `/decide` and `/flags` for GET and POST (bodies are ignored: there is nothing to evaluate). */
export function decideRoutes(app: FastifyInstance): void {
  for (const path of ['/decide', '/flags']) {
    app.route({
      method: ['GET', 'POST'],
      url: path,
      config: { rawBody: true, cors: true },
      schema: { response: { 200: { type: 'object', additionalProperties: true } } },
      handler: async () => decideResponse(),
    });
  }
}

/**
 * posthog-js ≥ 1.180 first loads remote config from `/array/<token>/config` (JSON) and
 * `/array/<token>/config.js` (a script). Both answer "nothing configured".
 */
export function remoteConfigRoutes(app: FastifyInstance): void {
  app.get<{ Params: { token: string } }>(
    '/array/:token/config',
    { config: { cors: true }, schema: { response: { 200: { type: 'object', additionalProperties: true } } } },
    async (request) => ({ token: request.params.token, ...decideResponse(), hasFeatureFlags: false }),
  );
  app.get('/array/:token/config.js', { config: { cors: true } }, async (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send('// Northstar: no remote config\n'),
  );
}
