import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { StoreError } from '../../common/errors.js';
import { trendSpecSchema } from '../insights/spec.js';
import { runEventStoreConformance } from '../event-store.conformance.js';
import { makeBatch, makeEvent, makeEventSeries } from '../test-utils/make-event.js';
import { createDuckDbStore } from './duckdb-store.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';

// Child process that opens the DuckDB file read-write, says so, and waits to be killed.
const HOLD_FILE_SCRIPT = `
import { DuckDBInstance } from '@duckdb/node-api';
const instance = await DuckDBInstance.create(process.argv[1]);
await instance.connect();
process.stdout.write('ready\\n');
setInterval(() => {}, 1000);
`;

const dir = mkdtempSync(path.join(tmpdir(), 'northstar-duckdb-'));
let fileCounter = 0;
const nextFile = (): string => path.join(dir, `store-${fileCounter++}.duckdb`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runEventStoreConformance('duckdb :memory:', () => createDuckDbStore({ path: ':memory:' }));
runEventStoreConformance('duckdb file', () => createDuckDbStore({ path: nextFile() }));

describe('DuckDB store on a file', () => {
  it('keeps data and dedup state across reopen', async () => {
    const file = nextFile();
    const events = makeEventSeries(50);
    const first = await createDuckDbStore({ path: file });
    await first.createProject({ id: 'p1', name: 'x', token: 'phc_x' });
    await first.updateProjectSettings('p1', { timezone: 'Asia/Shanghai' });
    await first.createApiKey({ id: 'k1', projectId: 'p1', label: 'cli', keyHash: 'hash-1', scopes: ['read', 'write'] });
    await first.writeEvents(makeBatch('p1', events.slice(0, 30)));
    await first.close();

    const second = await createDuckDbStore({ path: file });
    expect(await second.findProjectByToken('phc_x')).toMatchObject({ id: 'p1', settings: { timezone: 'Asia/Shanghai' } });
    expect((await second.findApiKeyByHash('hash-1'))?.scopes).toEqual(['read', 'write']);
    expect(await second.countEvents('p1')).toBe(30);
    const result = await second.writeEvents(makeBatch('p1', events.slice(20)));
    expect(result).toMatchObject({ stored: 20, duplicates: 10 });
    expect(result.duplicateIndices).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(await second.countEvents('p1')).toBe(50);
    await second.close();
  });

  it('refuses a second open of the same file while it is held', async () => {
    const file = nextFile();
    const store = await createDuckDbStore({ path: file });
    await expect(createDuckDbStore({ path: file })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    await store.close();
    const again = await createDuckDbStore({ path: file });
    await again.close();
  });

  it('reports STORE_LOCKED with the PID when another process holds the file', async () => {
    const file = nextFile();
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', HOLD_FILE_SCRIPT, file],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`holder exited early with ${String(code)}`)));
      });
      const error: unknown = await createDuckDbStore({ path: file }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'STORE_LOCKED', details: { pid: holder.pid } });
      expect((error as StoreError).hint).toContain(String(holder.pid));
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('close', resolve));
    }
  });

  it('refuses a file from a newer schema and releases it', async () => {
    const file = nextFile();
    await (await createDuckDbStore({ path: file })).close();
    const raw = await DuckDBInstance.create(file);
    const conn = await raw.connect();
    await conn.run(`INSERT INTO schema_migrations VALUES (${LATEST_SCHEMA_VERSION + 1}, 'from the future', TIMESTAMP '2030-01-01')`);
    conn.closeSync();
    raw.closeSync();
    await expect(createDuckDbStore({ path: file })).rejects.toMatchObject({ code: 'STORE_MIGRATION_FAILED' });
    // the failed open let go of the file: another attempt gets the same answer, not STORE_LOCKED
    await expect(createDuckDbStore({ path: file })).rejects.toMatchObject({ code: 'STORE_MIGRATION_FAILED' });
  });

  it('stores and returns UTC instants whatever the process time zone', async () => {
    vi.stubEnv('TZ', 'Asia/Shanghai');
    try {
      const store = await createDuckDbStore({ path: ':memory:' });
      const late = new Date('2024-03-01T23:30:00.000Z'); // already 2 March in Shanghai
      expect(late.getDate()).toBe(2); // the zone is really in effect for this process
      const [event] = [makeEvent({ event: 'late', timestamp: late })];
      await store.writeEvents(makeBatch('p1', [event!]));
      const [back] = await store.readEvents('p1', { limit: 1 });
      expect(back?.timestamp.toISOString()).toBe('2024-03-01T23:30:00.000Z');
      const trend = await store.runInsight(
        'p1',
        trendSpecSchema.parse({ kind: 'trend', series: [{ event: 'late' }], dateFrom: '2024-03-01', dateTo: '2024-03-02' }),
        new Date('2024-03-03T00:00:00Z'),
      );
      const points = trend.series[0]?.points.filter((p) => p.value > 0);
      expect(points).toEqual([{ bucket: '2024-03-01T00:00:00.000Z', value: 1 }]);
      await store.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('creates missing parent directories', async () => {
    const store = await createDuckDbStore({ path: path.join(dir, 'nested', 'deeper', 'x.duckdb') });
    await store.close();
  });

  it('writes a large batch in one call', async () => {
    const store = await createDuckDbStore({ path: nextFile() });
    const events = Array.from({ length: 5000 }, (_, i) => makeEvent({ properties: { i } }));
    expect((await store.writeEvents(makeBatch('p1', events))).stored).toBe(5000);
    expect(await store.countEvents('p1')).toBe(5000);
    await store.close();
  });
});
