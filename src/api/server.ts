import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createLogger, type Logger } from '../common/logger.js';
import type { NorthstarConfig } from '../config.js';
import { alertOptionsFrom, createDuckDbStore, createNorthstar, type Northstar } from '../core/index.js';
import { buildApp } from './app.js';

/** Options of {@link startServer} beyond the config. */
export interface StartServerOptions {
  logger?: Logger;
  /** Built dashboard folder; default `dist/web` of the package. */
  webRoot?: string;
  /** Dashboard session token; default a fresh random one per process. */
  dashboardToken?: string;
}

/** A running server. `close` stops listening, waits for in-flight requests, then closes the store. */
export interface RunningServer {
  url: string;
  /** The per-process dashboard session token (also injected into index.html for loopback clients). */
  dashboardToken: string;
  northstar: Northstar;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** `dist/web` of this package, whether running from `src/api` (tsx) or `dist/api` (built). */
export function defaultWebRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', 'dist', 'web');
}

/**
 * Opens the DuckDB store in the configured data directory, builds the app and listens on the configured
 * host and port (0 picks a free port). Prints nothing: the CLI prints the returned URL.
 */
export async function startServer(config: NorthstarConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.api.logLevel);
  await mkdir(config.store.dataDir, { recursive: true });
  const store = await createDuckDbStore({ path: config.store.dbFile, logger });
  const northstar = createNorthstar({
    store,
    logger,
    limits: config.ingest,
    recommendModelsDir: path.join(config.store.dataDir, 'recommend'),
    alerts: alertOptionsFrom(config.alerts),
  });
  const dashboardToken = options.dashboardToken ?? `nsd_${randomBytes(24).toString('base64url')}`;
  let app: FastifyInstance;
  try {
    app = await buildApp({ northstar, dashboardToken, webRoot: options.webRoot ?? defaultWebRoot(), modelsDir: path.join(config.store.dataDir, 'models') });
    await app.listen({ host: config.api.host, port: config.api.port });
  } catch (error) {
    await northstar.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.api.port;
  const host = config.api.host.includes(':') ? `[${config.api.host}]` : config.api.host;
  const displayHost = host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${displayHost}:${port}`,
    dashboardToken,
    northstar,
    app,
    close: () => {
      closing ??= (async () => {
        await app.close();
        await northstar.close();
      })();
      return closing;
    },
  };
}
