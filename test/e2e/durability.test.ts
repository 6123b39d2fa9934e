import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/common/rng.js';
import type { Rng } from '../../src/common/rng.js';
import { totalStoredEvents } from './helpers/api-client.js';
import { createProject, tempDataDir } from './helpers/cli.js';
import type { CreatedProject } from './helpers/cli.js';
import { queryDuckDb, readStoredUuids } from './helpers/duckdb-inspect.js';
import { makeBatch, postBatch } from './helpers/posthog-batch.js';
import { rejectedIndices } from './helpers/ingest-response.js';
import { startServerProcess } from './helpers/server-process.js';
import type { ServerProcess } from './helpers/server-process.js';

/**
 * Kill -9 durability with an ack ledger (docs/reliability.md, research DUR-1/ING-1 method): concurrent clients
 * send batches with client uuids and retry every non-2xx or connection error with the SAME uuids; a uuid enters
 * the ledger only after a 2xx. A supervisor SIGKILLs the server several times, some kills while requests are in
 * flight, and restarts it on the same port and data directory. Afterwards: every acked uuid is stored, no uuid
 * is stored twice, nothing was stored that was never sent.
 */
const SEED = 20261129;
const CLIENTS = 4;
const BATCH = 50;
const KILLS = 5;

interface Ledger {
  sent: Set<string>;
  acked: Set<string>;
  batchesAcked: number;
  failures: number;
  /** Events a retry found already stored: the kill cut off the answer after the commit. */
  duplicatesOnRetry: number;
  /** distinct_ids whose `$set` was acknowledged: each must have exactly one person row. */
  personsAcked: Set<string>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('kill -9 durability (live server, real CLI)', () => {
  let dataDir: { dir: string; remove: () => Promise<void> };
  let project: CreatedProject;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    dataDir = await tempDataDir('durability');
    project = await createProject(dataDir.dir, 'durability');
  });

  afterAll(async () => {
    await server?.kill();
    await dataDir.remove();
  });

  it('loses no acknowledged event and stores none twice across 5 SIGKILLs', async () => {
    const rng = createRng(SEED);
    server = await startServerProcess({ dataDir: dataDir.dir });
    const baseUrl = server.url;
    const port = server.port;
    const ledger: Ledger = {
      sent: new Set(),
      acked: new Set(),
      batchesAcked: 0,
      failures: 0,
      duplicatesOnRetry: 0,
      personsAcked: new Set(),
    };
    let inFlight = 0;
    let stopClients = false;
    const unexpected: string[] = [];

    // One client: sends a batch until it is acknowledged (same uuids on every retry), then the next one.
    const client = async (name: string, clientRng: Rng): Promise<void> => {
      while (!stopClients) {
        const batch = makeBatch(clientRng, BATCH, name);
        // Every 10th event also sets person properties, so kills land inside person upserts too.
        batch.forEach((event, i) => {
          if (i % 10 === 0) event.$set = { client: name, last_uuid: event.uuid };
        });
        for (const event of batch) ledger.sent.add(event.uuid);
        for (let attempt = 0; ; attempt++) {
          inFlight++;
          const outcome = await postBatch(baseUrl, project.token, batch, 10_000);
          inFlight--;
          if (outcome.ok && outcome.status >= 200 && outcome.status < 300) {
            const rejected = rejectedIndices(outcome.body);
            if (rejected.length > 0) unexpected.push(`valid events rejected: ${JSON.stringify(outcome.body)}`);
            batch.forEach((event, index) => {
              if (rejected.includes(index)) return;
              ledger.acked.add(event.uuid);
              if (event.$set !== undefined) ledger.personsAcked.add(event.distinct_id);
            });
            ledger.batchesAcked++;
            if (attempt > 0) ledger.duplicatesOnRetry += Number((outcome.body as { duplicates?: unknown }).duplicates ?? 0);
            break;
          }
          ledger.failures++;
          // 4xx other than 408/429 would mean the server rejects a valid batch: never retry those forever.
          if (outcome.ok && outcome.status >= 400 && outcome.status < 500 && outcome.status !== 408 && outcome.status !== 429) {
            unexpected.push(`status ${outcome.status}: ${JSON.stringify(outcome.body)}`);
            return;
          }
          await sleep(20 + clientRng.int(0, 60));
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(`c${i}`, rng.fork()));

    // Supervisor: wait a random while with traffic flowing, kill -9 while a request is in flight, restart.
    let restarts = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(rng.int(300, 1500));
      for (let spins = 0; inFlight === 0 && spins < 200; spins++) await sleep(2);
      expect(inFlight, 'a kill should land while requests are in flight').toBeGreaterThan(0);
      await server.kill('SIGKILL');
      await sleep(rng.int(0, 200));
      server = await startServerProcess({ dataDir: dataDir.dir, port });
      restarts++;
    }
    // Traffic against the final incarnation, then let every client finish its current batch.
    await sleep(800);
    stopClients = true;
    await Promise.all(clients);

    console.log(
      `durability: sent ${ledger.sent.size}, acked ${ledger.acked.size} in ${ledger.batchesAcked} batches, ` +
        `${ledger.failures} failed attempts retried, ${ledger.duplicatesOnRetry} events already stored when retried`,
    );
    expect(unexpected).toEqual([]);
    expect(restarts).toBe(KILLS);
    expect(ledger.batchesAcked).toBeGreaterThan(KILLS);
    expect(ledger.acked.size).toBeGreaterThan(0);

    // The live API sees at least every acked event and never more than was sent.
    const viaApi = await totalStoredEvents(baseUrl, project);
    expect(viaApi).toBeGreaterThanOrEqual(ledger.acked.size);
    expect(viaApi).toBeLessThanOrEqual(ledger.sent.size);

    // Graceful stop, then diff the DuckDB file against the ledger.
    expect(await server.stop()).toBe(0);
    const stored = await readStoredUuids(dataDir.dir, project.id);
    expect(stored.duplicated).toEqual([]);
    expect(stored.rows).toBe(stored.uuids.size);
    expect(stored.rows).toBe(viaApi);
    const missing = [...ledger.acked].filter((uuid) => !stored.uuids.has(uuid));
    expect(missing, `${missing.length} acknowledged events lost`).toEqual([]);
    const neverSent = [...stored.uuids].filter((uuid) => !ledger.sent.has(uuid));
    expect(neverSent).toEqual([]);
    // Person updates of acknowledged events survived too, one row per person (delete + insert is atomic).
    const persons = await queryDuckDb(dataDir.dir, 'SELECT distinct_id, count(*)::INTEGER AS n FROM persons WHERE project_id = $p GROUP BY 1', {
      p: project.id,
    });
    expect(persons.filter((row) => Number(row.n) !== 1)).toEqual([]);
    const personIds = new Set(persons.map((row) => String(row.distinct_id)));
    expect([...ledger.personsAcked].filter((id) => !personIds.has(id))).toEqual([]);

    // The store still opens and serves after all of it.
    server = await startServerProcess({ dataDir: dataDir.dir, port });
    expect(await totalStoredEvents(server.url, project)).toBe(stored.rows);
    await server.stop();
    // The budget covers 7 cold starts of the CLI on a loaded 2-core machine; idle, the test takes ~15 s.
  }, 150_000);
});
