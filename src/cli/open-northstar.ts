import { mkdir } from 'node:fs/promises';
import { createLogger, type Logger } from '../common/logger.js';
import { loadConfig, type NorthstarConfig } from '../config.js';
import type { Northstar } from '../core/index.js';
import type { CliIo } from './cli-io.js';

/** The resolved configuration for a CLI call (from the io's environment and working directory). */
export function cliConfig(io: CliIo): NorthstarConfig {
  return loadConfig(io.env, io.cwd);
}

/** Logs warnings and errors as JSON lines on the io's stderr (info is noise for one-shot commands). */
export function cliLogger(io: CliIo, config: NorthstarConfig): Logger {
  const level = config.api.logLevel === 'info' ? 'warn' : config.api.logLevel;
  return createLogger(level, (line) => io.err(line + '\n'));
}

/**
 * Opens the store in the configured data directory (creating the directory), runs `work` with the use-cases,
 * and always closes the store. Core is imported lazily so `northstar --help` stays instant. A directory held by
 * a running server fails with STORE_LOCKED and its hint.
 */
export async function withNorthstar<T>(io: CliIo, work: (northstar: Northstar, config: NorthstarConfig) => Promise<T>): Promise<T> {
  const config = cliConfig(io);
  const { alertOptionsFrom, createDuckDbStore, createNorthstar } = await import('../core/index.js');
  await mkdir(config.store.dataDir, { recursive: true });
  const logger = cliLogger(io, config);
  const store = await createDuckDbStore({ path: config.store.dbFile, logger });
  const northstar = createNorthstar({ store, logger, limits: config.ingest, alerts: alertOptionsFrom(config.alerts) });
  try {
    return await work(northstar, config);
  } finally {
    await northstar.close();
  }
}

/** Prints `value` as pretty JSON on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}
