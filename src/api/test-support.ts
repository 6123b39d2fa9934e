import type { FastifyInstance } from 'fastify';
import type { Logger } from '../common/logger.js';
import { createDuckDbStore, createNorthstar, DEFAULT_INGEST_LIMITS, type CreatedProject, type IngestLimits, type Northstar } from '../core/index.js';
import { buildApp, type AppDeps } from './app.js';

/** An app over a real in-memory DuckDB store with one project, for API tests. */
export interface TestApp {
  app: FastifyInstance;
  northstar: Northstar;
  project: CreatedProject;
  close(): Promise<void>;
}

/** Builds {@link TestApp}; `limits` override the defaults, `deps` the app options. */
export async function makeTestApp(
  options: { limits?: Partial<IngestLimits>; deps?: Omit<AppDeps, 'northstar'>; projectId?: string; logger?: Logger } = {},
): Promise<TestApp> {
  const store = await createDuckDbStore({ path: ':memory:' });
  const limits = { ...DEFAULT_INGEST_LIMITS, ...options.limits };
  const northstar = createNorthstar(options.logger === undefined ? { store, limits } : { store, limits, logger: options.logger });
  const project = await northstar.projects.create('Test shop', { id: options.projectId ?? 'test-shop' });
  const app = await buildApp({ northstar, ...options.deps });
  return {
    app,
    northstar,
    project,
    close: async () => {
      await app.close();
      await northstar.close();
    },
  };
}

/** `Authorization: Bearer` header for a key. */
export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}
