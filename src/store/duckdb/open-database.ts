import { existsSync, realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { StoreError } from '../../common/errors.js';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** File path, or `:memory:`. */
  path: string;
  /** DuckDB `memory_limit`, e.g. `1GB`. */
  memoryLimit: string;
  /** DuckDB worker threads. */
  threads: number;
  /** Read connections to open (reads run in parallel across them). */
  readers: number;
}

/** An open DuckDB database with the connection that writes and those that read. */
export interface OpenDatabase {
  instance: DuckDBInstance;
  writer: DuckDBConnection;
  readers: DuckDBConnection[];
  /** Releases the in-process claim on the file; call after closing the instance. */
  release(): void;
}

// DuckDB's file lock is an fcntl lock, which is per process: a second DuckDBInstance on the same file in
// the same process would succeed and two writers would corrupt it. So we also keep our own claim.
const openFiles = new Set<string>();

function canonicalPath(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute; // not created yet
  }
}

/**
 * Opens (or creates) the database with sane resource settings. Another process holding the file gives
 * StoreError STORE_LOCKED (not retriable until that process stops), as does a second open in this process.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
  const inMemory = options.path === ':memory:';
  const key = inMemory ? null : canonicalPath(options.path);
  if (key !== null && openFiles.has(key)) {
    throw new StoreError('STORE_LOCKED', `the store file ${key} is already open in this process`, {
      details: { path: key },
      hint: 'Close the other store first (store.close()); one writer owns the file.',
    });
  }
  const config: Record<string, string> = {
    memory_limit: options.memoryLimit,
    threads: String(options.threads),
    // Keep the WAL bounded so replay after a crash stays fast and fits in memory (research §4c).
    checkpoint_threshold: '64MB',
  };
  if (!inMemory) await mkdir(path.dirname(path.resolve(options.path)), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(inMemory ? ':memory:' : options.path, config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/could not set lock|conflicting lock/i.test(message)) {
      const holder = /PID (\d+)/.exec(message)?.[1];
      throw new StoreError('STORE_LOCKED', `the store file ${options.path} is held by another process: ${message}`, {
        cause: error,
        details: { path: options.path, ...(holder === undefined ? {} : { pid: Number(holder) }) },
        hint:
          `Another Northstar process${holder === undefined ? '' : ` (PID ${holder})`} holds the data directory; ` +
          'stop it or point NORTHSTAR_DATA_DIR elsewhere.',
      });
    }
    const wal = inMemory ? null : `${options.path}.wal`;
    const hasWal = wal !== null && existsSync(wal);
    throw new StoreError('STORE_UNAVAILABLE', `could not open the store at ${options.path}: ${message}`, {
      cause: error,
      retriable: false,
      details: { path: options.path, ...(hasWal ? { wal } : {}) },
      hint: hasWal
        ? `DuckDB could not replay its write-ahead log ${wal}. Copy the data directory aside before anything else, ` +
          'then follow "Recovery" in docs/store.md.'
        : 'Check that the data directory is writable and that the file is a DuckDB database.',
    });
  }
  if (key !== null) openFiles.add(key);
  try {
    const writer = await instance.connect();
    // TIMESTAMP columns hold UTC. Without the ICU extension DuckDB already works in UTC and refuses the
    // setting; with ICU loaded, pin it so no cast through TIMESTAMPTZ picks up the host's zone.
    await writer.run("SET GLOBAL TimeZone = 'UTC'").catch(() => undefined);
    const readers: DuckDBConnection[] = [];
    for (let i = 0; i < Math.max(1, options.readers); i++) readers.push(await instance.connect());
    return {
      instance,
      writer,
      readers,
      release: () => {
        if (key !== null) openFiles.delete(key);
      },
    };
  } catch (error) {
    if (key !== null) openFiles.delete(key);
    instance.closeSync();
    throw error;
  }
}
