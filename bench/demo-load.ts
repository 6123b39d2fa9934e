/**
 * Demo shop load and bulk import, in one run:
 *
 *   npx tsx bench/demo-load.ts [--users 5000] [--days 90] [--seed 42]
 *
 *   generate      generateDemoShop in memory only (CPU cost of the simulation)
 *   load          loadDemoShop into a fresh DuckDB file (streams chunks, batches of 5,000 via writeEvents)
 *   reload        loadDemoShop again on the same file: regenerates everything, stores nothing (dedup)
 *   import-jsonl  the same events written to a JSONL file, then `importFile` into a second project through the
 *                 ingest pipeline (validation, normalisation, dedup, quarantine), batches of 5,000
 * Prints wall time, process CPU and events/s for each.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createNorthstar } from '../src/core/northstar.js';
import { generateDemoShop } from '../src/core/demo/generate-demo-shop.js';
import { loadDemoShop } from '../src/core/demo/load-demo-shop.js';
import { importFile } from '../src/core/import/import-events.js';
import { createDuckDbStore } from '../src/store/duckdb/duckdb-store.js';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '5000' }, days: { type: 'string', default: '90' }, seed: { type: 'string', default: '42' } },
});
const options = { users: Number(values.users), days: Number(values.days), seed: Number(values.seed), end: '2026-11-28' };

async function measure<T>(name: string, events: (result: T) => number, work: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const n = events(result);
  console.log(
    `${name.padEnd(13)} ${wall.toFixed(2).padStart(7)} s wall  ${((used.user + used.system) / 1e6).toFixed(2).padStart(7)} s cpu  ` +
      `${n.toLocaleString('en-US').padStart(9)} events  ${Math.round(n / wall).toLocaleString('en-US').padStart(8)} events/s`,
  );
  return result;
}

const dir = await mkdtemp(path.join(tmpdir(), 'northstar-demo-bench-'));
try {
  const shop = await measure('generate', (r) => r.events.length, async () => generateDemoShop(options));
  const store = await createDuckDbStore({ path: path.join(dir, 'demo.duckdb') });
  const ns = createNorthstar({ store });
  await measure('load', (r) => r.events.stored, () => loadDemoShop({ store, projects: ns.projects }, options));
  await measure('reload', (r) => r.events.duplicates, () => loadDemoShop({ store, projects: ns.projects }, options));

  const file = path.join(dir, 'demo.jsonl');
  const out = createWriteStream(file);
  for (const e of shop.events) {
    out.write(JSON.stringify({ uuid: e.uuid, event: e.event, distinct_id: e.distinctId, timestamp: e.timestamp.toISOString(), properties: e.properties }) + '\n');
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await ns.projects.create('Import bench', { id: 'import-bench' });
  const summary = await measure('import-jsonl', (r) => r.stored, () => importFile(ns.ingest, { file, projectId: 'import-bench' }));
  if (summary.stored !== shop.events.length || summary.quarantined !== 0) throw new Error(`import mismatch: ${JSON.stringify(summary)}`);
  await ns.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
