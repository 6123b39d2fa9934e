import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../common/errors.js';
import { silentLogger } from '../../common/logger.js';
import { makeBatch, makeEvent, makeQuarantine } from '../test-utils/make-event.js';
import { hashUuids } from './dedup-hashes.js';
import { EventWriter } from './event-writer.js';
import { migrate } from './migrate.js';
import { SerialLane } from './serial-lane.js';
import { UuidHashSet } from './uuid-hash-set.js';

describe('EventWriter', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  let other: DuckDBConnection;
  let hashes: UuidHashSet;
  const count = async (table: string): Promise<number> =>
    Number((await other.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRowsJS()[0]?.[0]);

  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    other = await instance.connect();
    await migrate(conn, silentLogger);
    hashes = new UuidHashSet();
  });
  afterEach(() => {
    conn.closeSync();
    other.closeSync();
    instance.closeSync();
  });

  it('coalesces batches that wait together into one transaction, each with its own result', async () => {
    const writer = new EventWriter(conn, new SerialLane(), hashes, silentLogger, { maxGroupEvents: 10_000 });
    const shared = makeEvent();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => writer.write(makeBatch('p', [shared, makeEvent({ properties: { i } })]))),
    );
    expect(writer.commits).toBe(1);
    expect(results[0]).toEqual({ stored: 2, duplicates: 0, duplicateIndices: [], quarantined: 0 });
    for (const r of results.slice(1)) expect(r).toEqual({ stored: 1, duplicates: 1, duplicateIndices: [0], quarantined: 0 });
    expect(await count('events')).toBe(21);
    expect(hashes.size).toBe(21);
  });

  it('splits groups at maxGroupEvents', async () => {
    const writer = new EventWriter(conn, new SerialLane(), hashes, silentLogger, { maxGroupEvents: 4 });
    await Promise.all(Array.from({ length: 6 }, () => writer.write(makeBatch('p', [makeEvent(), makeEvent()]))));
    expect(writer.commits).toBe(3);
    expect(await count('events')).toBe(12);
  });

  it('rolls back a failed group: no events, no quarantine, every batch rejected as retriable, hashes untouched', async () => {
    const writer = new EventWriter(conn, new SerialLane(), hashes, silentLogger, { maxGroupEvents: 10_000 });
    await other.run('ALTER TABLE quarantine RENAME TO quarantine_away');
    const events = [makeEvent(), makeEvent()];
    const settled = await Promise.allSettled([
      writer.write(makeBatch('p', [events[0]!], [makeQuarantine()])),
      writer.write(makeBatch('p', [events[1]!])),
    ]);
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      const reason: unknown = s.status === 'rejected' ? s.reason : undefined;
      expect(reason).toBeInstanceOf(StoreError);
      expect(reason).toMatchObject({ code: 'STORE_UNAVAILABLE', retriable: true });
    }
    expect(await count('events')).toBe(0);
    expect(hashes.size).toBe(0);

    // the retry after the fault is fixed stores everything exactly once
    await other.run('ALTER TABLE quarantine_away RENAME TO quarantine');
    const retry = await writer.write(makeBatch('p', events, [makeQuarantine()]));
    expect(retry).toMatchObject({ stored: 2, duplicates: 0, quarantined: 1 });
    expect(await count('events')).toBe(2);
    expect(await count('quarantine')).toBe(1);
  });

  it('never drops an event on a hash hit that the table does not confirm', async () => {
    const writer = new EventWriter(conn, new SerialLane(), hashes, silentLogger, { maxGroupEvents: 10_000 });
    const event = makeEvent();
    const { hi, lo } = await hashUuids(conn, 'p', [event.uuid]);
    hashes.add(hi[0]!, lo[0]!); // as if another stored key had the same 64-bit hash
    expect(await writer.write(makeBatch('p', [event, event]))).toMatchObject({ stored: 1, duplicateIndices: [1] });
    expect(await writer.write(makeBatch('p', [event]))).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await count('events')).toBe(1);
  });

  it('refuses writes after close', async () => {
    const writer = new EventWriter(conn, new SerialLane(), hashes, silentLogger, { maxGroupEvents: 10 });
    await writer.close();
    await expect(writer.write(makeBatch('p', [makeEvent()]))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
