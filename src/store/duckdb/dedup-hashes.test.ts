import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger.js';
import { hashUuids, loadUuidHashes } from './dedup-hashes.js';
import { migrate } from './migrate.js';

describe('dedup hashes', () => {
  it('hashes a batch exactly as the load from the table does, in input order', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await migrate(conn, silentLogger);
    const uuids = ['a', 'b', '中文-ü', 'x"y\\z', ''.padEnd(200, 'q')];
    await conn.run(
      `INSERT INTO events SELECT 'p1', u, 'e', 'd', TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-01', '{}', NULL
       FROM unnest(from_json($u, '["VARCHAR"]')) t(u)`,
      { u: JSON.stringify(uuids) },
    );
    const set = await loadUuidHashes(conn);
    expect(set.size).toBe(uuids.length);
    const same = await hashUuids(conn, 'p1', [...uuids].reverse());
    expect(same.hi.length).toBe(uuids.length);
    same.hi.forEach((h, i) => expect(set.has(h, same.lo[i]!)).toBe(true));
    // other project, other uuid: different hashes
    const other = await hashUuids(conn, 'p2', uuids);
    other.hi.forEach((h, i) => expect(set.has(h, other.lo[i]!)).toBe(false));
    const fresh = await hashUuids(conn, 'p1', ['c']);
    expect(set.has(fresh.hi[0]!, fresh.lo[0]!)).toBe(false);
    // order is kept for lists longer than one DuckDB vector
    const many = Array.from({ length: 5000 }, (_, i) => `u${i}`);
    const forward = await hashUuids(conn, 'p1', many);
    const single = await hashUuids(conn, 'p1', [many[4321]!]);
    expect([forward.hi[4321], forward.lo[4321]]).toEqual([single.hi[0], single.lo[0]]);
    conn.closeSync();
    instance.closeSync();
  });
});
