/**
 * Ingestion over HTTP against raw DuckDB Appender inserts of the same rows, in the same run (issue 2,
 * "Benchmarks"; results in docs/benchmarks.md). Goal: HTTP ≥ 50% of the appender's rows/s, with durable acks.
 *
 *   npx tsx bench/ingest/http-vs-appender.ts [--rows 100000] [--clients 8] [--batch 100] [--seed 7]
 *     [--peers best,batch,http]   (a subset runs only those peers)
 *
 * Peers, each into a fresh DuckDB file with the real `events` schema (src/store/duckdb/migrations.ts):
 *   appender-best    one Appender for all rows, flushed and committed once at the end (not durable per batch)
 *   appender-100     one Appender + commit per `--batch` rows (durable per batch, like an acked request)
 *   northstar-http   `node bin/northstar.js serve` (spawned, fresh data dir), K concurrent clients POSTing
 *                    PostHog `/batch` bodies of `--batch` events; a row counts once its 2xx (durable ack) came
 * Bodies and rows are generated before timing starts; only sending/appending is timed. Each line also shows the
 * CPU seconds (all threads) of the process that stores the rows (the bench itself for the appender, the server
 * for HTTP; the HTTP clients' own CPU is not counted): rows per CPU-second is the load-independent comparison
 * on a shared machine.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createRng } from '../../src/common/rng.js';
import { MIGRATIONS } from '../../src/store/duckdb/migrations.js';
import { createProject } from '../../test/e2e/helpers/cli.js';
import { makeBatch } from '../../test/e2e/helpers/posthog-batch.js';
import type { PostHogWireEvent } from '../../test/e2e/helpers/posthog-batch.js';
import { startServerProcess } from '../../test/e2e/helpers/server-process.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '8' },
    batch: { type: 'string', default: '100' },
    seed: { type: 'string', default: '7' },
    peers: { type: 'string', default: 'best,batch,http' },
  },
});
const PEERS = new Set(values.peers.split(','));
const ROWS = Number(values.rows);
const CLIENTS = Number(values.clients);
const BATCH = Number(values.batch);
const SEED = Number(values.seed);

interface Measurement {
  name: string;
  rows: number;
  seconds: number;
  /** CPU seconds (user + system, all threads) of the process doing the storing: load-independent cost. */
  cpuSeconds: number;
}

/** CPU seconds used so far by a process (Linux /proc, clock ticks of 10 ms); 0 where unavailable. */
async function processCpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

const eventsDdl = MIGRATIONS.flatMap((m) => m.statements).find((sql) => /CREATE TABLE events\b/.test(sql));
if (eventsDdl === undefined) throw new Error('events DDL not found in migrations');

/** The batches every peer stores: identical rows, PostHog wire shape. */
function generate(): PostHogWireEvent[][] {
  const rng = createRng(SEED);
  const batches: PostHogWireEvent[][] = [];
  for (let sent = 0; sent < ROWS; sent += BATCH) batches.push(makeBatch(rng, Math.min(BATCH, ROWS - sent), `c${batches.length % CLIENTS}`));
  return batches;
}

async function freshDb(dir: string, name: string): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(path.join(dir, `${name}.duckdb`));
  const conn = await instance.connect();
  await conn.run(eventsDdl as string);
  return { instance, conn };
}

/** One events row, already in column form (the appender's best case: no parsing while timed). */
interface Row {
  uuid: string;
  event: string;
  distinctId: string;
  timestamp: DuckDBTimestampValue;
  properties: string;
}

function toRows(batches: PostHogWireEvent[][]): Row[] {
  return batches.flat().map((e) => ({
    uuid: e.uuid,
    event: e.event,
    distinctId: e.distinct_id,
    timestamp: new DuckDBTimestampValue(BigInt(Date.parse(e.timestamp)) * 1000n),
    properties: JSON.stringify(e.properties),
  }));
}

/** Appends `rows`; commits after every `commitEvery` rows (Infinity: once, at the end). */
async function runAppender(dir: string, name: string, rows: Row[], commitEvery: number): Promise<Measurement> {
  const { instance, conn } = await freshDb(dir, name);
  const received = new DuckDBTimestampValue(BigInt(Date.now()) * 1000n);
  const cpuStart = ownCpuSeconds();
  const start = performance.now();
  let appender = await conn.createAppender('events');
  let sinceCommit = 0;
  for (const row of rows) {
    appender.appendVarchar('bench');
    appender.appendVarchar(row.uuid);
    appender.appendVarchar(row.event);
    appender.appendVarchar(row.distinctId);
    appender.appendTimestamp(row.timestamp);
    appender.appendTimestamp(received);
    appender.appendVarchar(row.properties);
    appender.appendNull();
    appender.endRow();
    if (++sinceCommit >= commitEvery) {
      // closeSync flushes and commits the appender's implicit transaction (WAL fsync at commit).
      appender.closeSync();
      appender = await conn.createAppender('events');
      sinceCommit = 0;
    }
  }
  appender.closeSync();
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = ownCpuSeconds() - cpuStart;
  const check = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM events');
  if (Number(check.getRowObjectsJS()[0]?.n) !== rows.length) throw new Error(`${name}: row count mismatch`);
  conn.closeSync();
  instance.closeSync();
  return { name, rows: rows.length, seconds, cpuSeconds };
}

/** K clients share the queue of pre-serialised bodies; each body is retried until it gets a 2xx. */
async function runHttp(dir: string, batches: PostHogWireEvent[][]): Promise<Measurement> {
  const dataDir = path.join(dir, 'northstar-data');
  await mkdir(dataDir, { recursive: true });
  const project = await createProject(dataDir, 'bench');
  const server = await startServerProcess({ dataDir, env: { NORTHSTAR_LOG_LEVEL: 'error' } });
  try {
    const bodies = batches.map((batch) => JSON.stringify({ api_key: project.token, batch, sent_at: new Date().toISOString() }));
    const send = async (body: string): Promise<void> => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const res = await fetch(`${server.url}/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        if (res.ok) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('a batch was never acknowledged');
    };
    // Warm-up (JIT, first DuckDB commit) with a batch that is not counted: a distinct uuid set.
    const warm = makeBatch(createRng(SEED + 1), BATCH, 'warm');
    await send(JSON.stringify({ api_key: project.token, batch: warm }));

    let next = 0;
    let rows = 0;
    const pid = server.child.pid ?? -1;
    const cpuStart = await processCpuSeconds(pid);
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < bodies.length) {
          const index = next++;
          await send(bodies[index] as string);
          rows += batches[index]?.length ?? 0;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const cpuSeconds = (await processCpuSeconds(pid)) - cpuStart;
    return { name: `northstar-http (${CLIENTS} clients × ${BATCH}/batch)`, rows, seconds, cpuSeconds };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'northstar-bench-ingest-'));
  try {
    const batches = generate();
    console.log(`rows ${ROWS}, batch ${BATCH}, clients ${CLIENTS}, seed ${SEED}, node ${process.version}`);
    const rate = (m: Measurement): number => m.rows / m.seconds;
    const results: Measurement[] = [];
    const report = (m: Measurement): void => {
      results.push(m);
      const perCpu = m.cpuSeconds > 0 ? `${Math.round(m.rows / m.cpuSeconds).toLocaleString('en')} rows/CPU-s` : 'n/a';
      console.log(
        `${m.name.padEnd(42)} ${m.rows} rows in ${m.seconds.toFixed(2)} s = ${Math.round(rate(m)).toLocaleString('en')} rows/s` +
          ` (${m.cpuSeconds.toFixed(2)} CPU-s, ${perCpu})`,
      );
    };
    const rows = toRows(batches);
    const best = PEERS.has('best') ? await runAppender(dir, 'appender-best', rows, Number.POSITIVE_INFINITY) : undefined;
    if (best !== undefined) report(best);
    const perBatch = PEERS.has('batch') ? await runAppender(dir, `appender-commit-per-${BATCH}`, rows, BATCH) : undefined;
    if (perBatch !== undefined) report(perBatch);
    const http = PEERS.has('http') ? await runHttp(dir, batches) : undefined;
    if (http !== undefined) report(http);
    if (http !== undefined && best !== undefined) {
      console.log(`ratio http / appender-best             = ${(rate(http) / rate(best)).toFixed(3)}  (goal >= 0.5)`);
    }
    if (http !== undefined && perBatch !== undefined) {
      console.log(`ratio http / appender-commit-per-batch = ${(rate(http) / rate(perBatch)).toFixed(3)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
