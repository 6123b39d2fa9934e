/**
 * Child process for the store's kill -9 test: opens the DuckDB store at argv[2], then writes batches as
 * fast as it can (8 in flight, each re-sending a few uuids of earlier batches) and prints one JSON line per
 * acknowledged batch: the uuids it carried. The parent kills it at a random moment and compares the
 * store with the printed acks (the "ack ledger", docs/reliability.md).
 *
 *   node --import tsx src/store/test-utils/crash-writer.ts <file> <tag>
 */
import { createDuckDbStore } from '../duckdb/duckdb-store.js';
import { makeEvent } from './make-event.js';

const [file, tag = 'run'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: crash-writer.ts <file> <tag>');
const store = await createDuckDbStore({ path: file });
process.stdout.write('ready\n');
let n = 0;
const worker = async (): Promise<void> => {
  for (;;) {
    const batch = n++;
    const uuids = Array.from({ length: 50 }, (_, i) => `${tag}-${batch}-${i}`);
    // resend some uuids of an earlier batch: dedup must hold across the crash too
    if (batch > 4) uuids.push(`${tag}-${batch - 4}-0`, `${tag}-${batch - 4}-1`);
    await store.writeEvents({ projectId: 'p', events: uuids.map((uuid) => makeEvent({ uuid })), quarantine: [] });
    process.stdout.write(`${JSON.stringify(uuids)}\n`);
  }
};
await Promise.all(Array.from({ length: 8 }, worker));
