import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { makeBatch, makeEvent } from '../test-utils/make-event.js';
import { createDuckDbStore } from './duckdb-store.js';

const WRITER = fileURLToPath(new URL('../test-utils/crash-writer.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'northstar-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until `killAfterMs` after it is ready, SIGKILLs it, and returns the uuids it acknowledged. */
async function writeUntilKilled(file: string, tag: string, killAfterMs: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, tag], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acked: string[] = [];
  let buffer = '';
  let timer: NodeJS.Timeout | undefined;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    buffer += text;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? ''; // a line cut by the kill was never fully acknowledged
    for (const line of lines) {
      if (line === 'ready') timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      else if (line !== '') acked.push(...(JSON.parse(line) as string[]));
    }
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('close', (_code, sig) => resolve(sig)));
  if (timer !== undefined) clearTimeout(timer);
  expect(signal).toBe('SIGKILL');
  return acked;
}

describe('DuckDB store after kill -9', () => {
  it('keeps every acknowledged event exactly once, across three kills', async () => {
    const rng = createRng(2024);
    const file = path.join(dir, 'crash.duckdb');
    const ledger = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const acked = await writeUntilKilled(file, `r${round}`, rng.int(300, 1500));
      for (const uuid of acked) ledger.add(uuid);

      const store = await createDuckDbStore({ path: file });
      const stored = (await store.readEvents('p', { limit: 10_000_000 })).map((e) => e.uuid);
      const distinct = new Set(stored);
      expect(distinct.size).toBe(stored.length); // no duplicates visible
      const missing = [...ledger].filter((uuid) => !distinct.has(uuid));
      expect(missing).toEqual([]); // nothing acknowledged was lost
      // the rebuilt dedup state refuses the acknowledged uuids again
      const again = [...ledger].slice(0, 200).map((uuid) => makeEvent({ uuid }));
      expect((await store.writeEvents(makeBatch('p', again))).stored).toBe(0);
      await store.close();
    }
    expect(ledger.size).toBeGreaterThan(500); // enough acknowledged writes for the check to mean something
  });
});
