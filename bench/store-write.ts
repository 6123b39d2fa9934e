/**
 * EventStore.writeEvents (DuckDB) against raw DuckDB inserts of the same rows, in the same run.
 *
 *   npx tsx bench/store-write.ts [--rows 100000] [--seed 7]
 *
 * Each peer writes the same pre-generated rows into a fresh file with the real schema:
 *   raw-appender-all      one Appender, one transaction for all rows (upper bound; not durable per batch)
 *   raw-appender-B        Appender + BEGIN/COMMIT per batch of B (durable per batch, no dedup)
 *   raw-insert-100        multi-row INSERT ... VALUES with bound parameters per batch of 100
 *   store-B               writeEvents, batches of B, one at a time (each awaits its commit)
 *   store-B-x8            writeEvents, batches of B, 8 in flight (group commit coalesces them)
 * Then reopens the last store file and reports the time to load the dedup hash set.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { createRng } from '../src/common/rng.js';
import { uuidv7 } from '../src/common/ids.js';
import { silentLogger } from '../src/common/logger.js';
import { createDuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { toTimestampValue } from '../src/store/duckdb/duckdb-values.js';
import { migrate } from '../src/store/duckdb/migrate.js';
import type { NewEvent } from '../src/store/records.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, seed: { type: 'string', default: '7' } } });
const ROWS = Number(values.rows);
const rng = createRng(Number(values.seed));
const NAMES = ['$pageview', 'add_to_cart', 'purchase', 'search', 'signup'];
const start = Date.UTC(2024, 0, 1);
const rows: NewEvent[] = Array.from({ length: ROWS }, (_, i) => ({
  uuid: uuidv7(start + i),
  event: NAMES[rng.int(0, NAMES.length - 1)] ?? '$pageview',
  distinctId: `user-${rng.int(1, 5000)}`,
  timestamp: new Date(start + i * 1000),
  receivedAt: new Date(start + i * 1000 + 50),
  properties: { $current_url: `https://shop.example/p/${rng.int(1, 500)}`, price: rng.int(1, 20000) / 100, $browser: 'Chrome' },
  sessionId: `s-${rng.int(1, 20000)}`,
}));
const chunks = (size: number): NewEvent[][] =>
  Array.from({ length: Math.ceil(ROWS / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

const dir = await mkdtemp(path.join(tmpdir(), 'northstar-bench-'));
let n = 0;
const file = (): string => path.join(dir, `b${n++}.duckdb`);

async function rawPeer(batch: number | null, mode: 'appender' | 'insert'): Promise<number> {
  const instance = await DuckDBInstance.create(file());
  const conn = await instance.connect();
  await migrate(conn, silentLogger);
  const t0 = performance.now();
  for (const part of batch === null ? [rows] : chunks(batch)) {
    await conn.run('BEGIN TRANSACTION');
    if (mode === 'appender') await appendRaw(conn, part);
    else await insertRaw(conn, part);
    await conn.run('COMMIT');
  }
  const seconds = (performance.now() - t0) / 1000;
  conn.closeSync();
  instance.closeSync();
  return ROWS / seconds;
}

async function appendRaw(conn: DuckDBConnection, part: NewEvent[]): Promise<void> {
  const a = await conn.createAppender('events');
  for (const e of part) {
    a.appendVarchar('bench');
    a.appendVarchar(e.uuid);
    a.appendVarchar(e.event);
    a.appendVarchar(e.distinctId);
    a.appendTimestamp(toTimestampValue(e.timestamp));
    a.appendTimestamp(toTimestampValue(e.receivedAt));
    a.appendVarchar(JSON.stringify(e.properties));
    if (e.sessionId === null) a.appendNull();
    else a.appendVarchar(e.sessionId);
    a.endRow();
  }
  a.closeSync();
}

async function insertRaw(conn: DuckDBConnection, part: NewEvent[]): Promise<void> {
  // DuckDB binds at most a few thousand parameters comfortably; 1000 rows x 8 per statement.
  for (let off = 0; off < part.length; off += 1000) {
    const slice = part.slice(off, off + 1000);
    const params: Record<string, DuckDBValue> = {};
    const tuples = slice.map((e, i) => {
      params[`a${i}`] = e.uuid;
      params[`b${i}`] = e.event;
      params[`c${i}`] = e.distinctId;
      params[`d${i}`] = toTimestampValue(e.timestamp);
      params[`e${i}`] = toTimestampValue(e.receivedAt);
      params[`f${i}`] = JSON.stringify(e.properties);
      params[`g${i}`] = e.sessionId;
      return `('bench', $a${i}, $b${i}, $c${i}, $d${i}, $e${i}, $f${i}, $g${i})`;
    });
    await conn.run(`INSERT INTO events VALUES ${tuples.join(', ')}`, params);
  }
}

async function storePeer(batch: number, inFlight: number, keepFile?: string): Promise<number> {
  const store = await createDuckDbStore({ path: keepFile ?? file() });
  const parts = chunks(batch);
  const t0 = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < parts.length) {
      const part = parts[next++] ?? [];
      await store.writeEvents({ projectId: 'bench', events: part, quarantine: [] });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - t0) / 1000;
  if ((await store.countEvents('bench')) !== ROWS) throw new Error('row count mismatch');
  await store.close();
  return ROWS / seconds;
}

const results: Array<[string, number]> = [];
const record = (name: string, rate: number): void => {
  results.push([name, rate]);
  console.log(`${name.padEnd(22)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} rows/s`);
};
const { loadavg, cpus } = await import('node:os');
console.log(`rows=${ROWS} node=${process.version} cpus=${cpus().length} load=${loadavg().map((l) => l.toFixed(1)).join(',')}`);
record('raw-appender-all', await rawPeer(null, 'appender'));
for (const b of [100, 5000]) {
  record(`raw-appender-${b}`, await rawPeer(b, 'appender'));
  // Multi-row INSERT loses to the Appender by 5-30x (1,000 rows/s at 5,000-row batches), so only the small size.
  if (b === 100) record(`raw-insert-${b}`, await rawPeer(b, 'insert'));
  record(`store-${b}`, await storePeer(b, 1));
  record(`store-${b}-x8`, await storePeer(b, 8));
}
const reopenFile = file();
await storePeer(5000, 1, reopenFile);
const before = process.memoryUsage().rss;
const t0 = performance.now();
const reopened = await createDuckDbStore({ path: reopenFile });
console.log(`reopen with ${ROWS} events (dedup set load): ${Math.round(performance.now() - t0)} ms, rss +${Math.round((process.memoryUsage().rss - before) / 1e6)} MB`);
await reopened.close();
await rm(dir, { recursive: true, force: true });
