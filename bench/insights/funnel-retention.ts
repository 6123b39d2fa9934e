/**
 * Benchmark: the compiled 3-step funnel (7-day window) and weekly retention over ~10 million generated events
 * in a DuckDB file, each against hand-written DuckDB SQL for the same answer, in the same run. Checks that the
 * answers are equal and prints milliseconds and the ratio (goal: within 1.2x and under 1 s).
 *
 *   npx tsx bench/insights/funnel-retention.ts [--events 10000000] [--users 1000000] [--file path] [--regen] [--runs 3]
 *   node --import tsx bench/insights/funnel-retention.ts
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { duckdbDialect } from '../../src/store/insights/dialects/duckdb.js';
import { planInsight } from '../../src/store/insights/plan.js';
import { insightSpecSchema, type FunnelResult, type InsightSpec, type RetentionResult } from '../../src/store/insights/spec.js';
import { HAND_FUNNELS, HAND_RETENTIONS, type HandQuery } from './hand-written.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    users: { type: 'string', default: '1000000' },
    file: { type: 'string', default: join(tmpdir(), 'northstar-bench-insights.duckdb') },
    regen: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
  },
});
const EVENTS = Number(args.events);
const USERS = Number(args.users);
const RUNS = Math.max(1, Number(args.runs));
const PROJECT = 'bench';
const NOW = new Date('2026-03-01T00:00:00Z');

/**
 * Deterministic data from DuckDB's own hash (seeded by the formulas): each user signs up once between
 * 2026-01-05 and 2026-03-01, then acts over the next three weeks with a shop-like event mix; 5% of users
 * belong to another project so the project predicate has work to do. Rows are stored in time order, as
 * ingestion writes them.
 */
function generateSql(events: number, users: number): string {
  const others = events - users;
  return `
CREATE TABLE events AS
WITH u AS (
  SELECT range AS uid,
         TIMESTAMP '2026-01-05 00:00:00' + to_seconds(CAST(hash(range * 3 + 1) % ${56 * 86400} AS BIGINT)) AS start,
         CASE WHEN hash(range * 7 + 5) % 20 = 0 THEN 'other' ELSE '${PROJECT}' END AS project_id
  FROM range(${users})
), acts AS (
  SELECT i, hash(i * 5 + 2) % ${users} AS uid, hash(i * 5 + 3) % 1000 AS r,
         -- skewed toward the first days after sign-up: square of a uniform draw
         CAST(pow((hash(i * 5 + 4) % 1000000) / 1000000.0, 2) * ${21 * 86400} AS BIGINT) AS off
  FROM range(${others}) t(i)
), rows AS (
  SELECT u.project_id, 's' || u.uid AS uuid, 'signup' AS event, u.uid, u.start AS ts, 0 AS r, 0 AS off FROM u
  UNION ALL
  SELECT u.project_id, 'e' || a.i AS uuid,
         CASE WHEN a.r < 450 THEN 'pageview' WHEN a.r < 700 THEN 'view_item' WHEN a.r < 820 THEN 'add_to_cart'
              WHEN a.r < 880 THEN 'checkout' WHEN a.r < 930 THEN 'purchase' ELSE 'search' END,
         u.uid, u.start + to_seconds(a.off), a.r, a.off
  FROM acts a JOIN u USING (uid)
)
SELECT project_id, uuid, event, 'user_' || uid AS distinct_id, ts AS timestamp, ts AS received_at,
       CAST('{"plan":"' || ['free', 'pro', 'team'][CAST(r % 3 AS BIGINT) + 1] || '","price":' || (r % 100) || '}' AS JSON) AS properties,
       's' || uid || '_' || (off // 3600) AS session_id
FROM rows ORDER BY timestamp`;
}

const funnelSpec = insightSpecSchema.parse({
  kind: 'funnel',
  steps: [{ event: 'view_item' }, { event: 'add_to_cart' }, { event: 'purchase' }],
  windowSeconds: 7 * 86400,
  dateFrom: '2026-01-05',
  dateTo: '2026-02-28',
});
const retentionSpec = insightSpecSchema.parse({
  kind: 'retention',
  startEvent: { event: 'signup' },
  returnEvent: { event: 'purchase' },
  period: 'week',
  periods: 8,
  dateFrom: '2026-01-05',
  dateTo: '2026-02-28',
});

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  // DuckDB's worker threads run in this process, so process CPU time is the query's CPU time (all threads).
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

/** Median wall time (and its run's CPU time) of `RUNS` timed runs after one warm-up. */
async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  let value = (await timed(fn)).value;
  const runs: Array<{ ms: number; cpuMs: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await timed(fn);
    runs.push(run);
    value = run.value;
  }
  runs.sort((a, b) => a.ms - b.ms);
  const mid = runs[Math.floor(runs.length / 2)] ?? { ms: 0, cpuMs: 0 };
  return { ...mid, value };
}

async function compiled(connection: DuckDBConnection, spec: InsightSpec): Promise<unknown> {
  const plan = planInsight(spec, { projectId: PROJECT, now: NOW, dialect: duckdbDialect });
  const rows = [];
  for (const q of plan.queries) rows.push((await connection.runAndReadAll(q.sql, q.params)).getRowObjectsJS() as Array<Record<string, unknown>>);
  return plan.assemble(rows);
}

async function hand(connection: DuckDBConnection, query: HandQuery): Promise<string> {
  const rows = (await connection.runAndReadAll(query.sql)).getRowObjectsJS() as Array<Record<string, unknown>>;
  return query.answer(rows);
}

function funnelAnswer(result: FunnelResult, withMedians: boolean): string {
  return result.steps
    .map((s) => (withMedians ? `${s.count}@${s.medianSecondsFromPrevious === null ? '-' : s.medianSecondsFromPrevious.toFixed(3)}` : String(s.count)))
    .join(' ');
}

function retentionAnswer(result: RetentionResult): string {
  return result.cohorts.map((c) => `${c.cohort.slice(0, 10)}:${c.values.join(',')}`).join(' ');
}

async function main(): Promise<void> {
  if (args.regen && existsSync(args.file)) rmSync(args.file);
  const fresh = !existsSync(args.file);
  const instance = await DuckDBInstance.create(args.file);
  const connection = await instance.connect();
  if (fresh) {
    const gen = await timed(() => connection.run(generateSql(EVENTS, USERS)));
    await connection.run('CHECKPOINT');
    console.log(`generated ${EVENTS} events for ${USERS} users in ${(gen.ms / 1000).toFixed(1)} s -> ${args.file}`);
  }
  const count = (await connection.runAndReadAll('SELECT count(*) AS n FROM events')).getRowObjectsJS()[0]?.n;
  const threads = (await connection.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJS()[0]?.t;
  console.log(`events: ${String(count)}, DuckDB threads: ${String(threads)}, runs: median of ${RUNS} after a warm-up`);

  const report = async (name: string, ours: () => Promise<{ ms: number; cpuMs: number; answer: string; counts: string }>, peers: readonly HandQuery[]): Promise<void> => {
    const mine = await ours();
    console.log(`\n${name}: compiled ${mine.ms.toFixed(0)} ms (cpu ${mine.cpuMs.toFixed(0)} ms)  answer ${mine.answer}`);
    let best: number | undefined;
    for (const peer of peers) {
      const run = await measure(() => hand(connection, peer));
      const expected = peer.fullAnswer ? mine.answer : mine.counts;
      const equal = run.value === expected;
      console.log(`  hand-written ${peer.name}: ${run.ms.toFixed(0)} ms (cpu ${run.cpuMs.toFixed(0)} ms)  ${equal ? 'same answer' : `DIFFERENT: ${run.value}`}${peer.fullAnswer ? '' : ' (counts only)'}`);
      if (!equal) process.exitCode = 1;
      if (peer.fullAnswer && (best === undefined || run.ms < best)) best = run.ms;
    }
    if (best !== undefined) console.log(`  ratio compiled / best hand-written (same answer): ${(mine.ms / best).toFixed(2)}x`);
  };

  await report(
    'funnel view_item -> add_to_cart -> purchase, 7-day window',
    async () => {
      const run = await measure(() => compiled(connection, funnelSpec) as Promise<FunnelResult>);
      return { ms: run.ms, cpuMs: run.cpuMs, answer: funnelAnswer(run.value, true), counts: funnelAnswer(run.value, false) };
    },
    HAND_FUNNELS,
  );
  await report(
    'weekly retention signup -> purchase, 8 periods',
    async () => {
      const run = await measure(() => compiled(connection, retentionSpec) as Promise<RetentionResult>);
      const answer = retentionAnswer(run.value);
      return { ms: run.ms, cpuMs: run.cpuMs, answer, counts: answer };
    },
    HAND_RETENTIONS,
  );
  connection.closeSync();
  instance.closeSync();
}

await main();
