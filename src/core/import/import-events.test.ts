import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../common/progress.js';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { createNorthstar, type Northstar } from '../northstar.js';
import { csvRowToEvent, csvValue } from './csv-source.js';
import { detectImportFormat } from './event-source.js';
import { importFile } from './import-events.js';
import { parquetRowToEvent, parquetValue } from './parquet-source.js';

describe('import column mapping', () => {
  it.each([
    ['12', 12], ['-3.5', -3.5], ['true', true], ['false', false], ['', undefined], ['007', '007'], ['1e5', '1e5'], ['abc', 'abc'],
  ])('csvValue(%j) → %j', (text, value) => {
    expect(csvValue(text)).toEqual(value);
  });

  it('maps CSV columns: top-level fields, a properties JSON column, prop_ prefixes and other columns', () => {
    expect(csvRowToEvent({ event: 'buy', distinct_id: 'u1', timestamp: '2024-01-01', uuid: '', properties: '{"a":1}', prop_price: '9.9', plan: 'pro', empty: '' }))
      .toEqual({ event: 'buy', distinct_id: 'u1', timestamp: '2024-01-01', properties: { a: 1, price: 9.9, plan: 'pro' } });
    expect(typeof csvRowToEvent({ event: 'buy', distinct_id: 'u1', properties: '[1,2]' })).toBe('string');
    expect(typeof csvRowToEvent({ event: 'buy', distinct_id: 'u1', properties: '{oops' })).toBe('string');
  });

  it('maps parquet values and rows', () => {
    expect(parquetValue(12n)).toBe(12);
    expect(parquetValue(2n ** 60n)).toBe('1152921504606846976');
    expect(parquetValue(new Date('2024-01-01T00:00:00Z'))).toBe('2024-01-01T00:00:00.000Z');
    expect(parquetRowToEvent({ event: 'x', distinct_id: 'u', properties: '{"k":"v"}', prop_n: 3n, other: null }))
      .toEqual({ event: 'x', distinct_id: 'u', properties: { k: 'v', n: 3 } });
    expect(parquetRowToEvent({ event: 'x', distinct_id: 'u', properties: { nested: { a: 1n } } })).toEqual({
      event: 'x', distinct_id: 'u', properties: { nested: { a: 1 } },
    });
  });

  it.each([['a.csv', 'csv'], ['a.JSONL', 'jsonl'], ['a.ndjson', 'jsonl'], ['a.json', 'json'], ['a.parquet', 'parquet']])('detects %s as %s', (file, format) => {
    expect(detectImportFormat(file)).toBe(format);
  });

  it('refuses unknown extensions with IMPORT_FORMAT', () => {
    expect(() => detectImportFormat('events.xlsx')).toThrow(expect.objectContaining({ code: 'IMPORT_FORMAT' }));
    expect(() => detectImportFormat('events')).toThrow(expect.objectContaining({ code: 'IMPORT_FORMAT' }));
  });
});

describe('importFile', () => {
  let dir: string;
  let ns: Northstar;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'northstar-import-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    ns = createNorthstar({ store: await createDuckDbStore({ path: ':memory:' }) });
    await ns.projects.create('Import', { id: 'imp' });
  });
  afterEach(async () => {
    await ns.close();
  });

  it('streams JSONL in batches, keeps historical timestamps, quarantines bad rows with their row numbers', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 25; i++) {
      lines.push(JSON.stringify({ event: 'page', distinct_id: `u${i % 4}`, timestamp: `2023-0${1 + (i % 9)}-15T12:00:00Z`, uuid: `evt-${i}`, properties: { i } }));
    }
    lines.splice(10, 0, 'not json at all');
    lines.splice(20, 0, JSON.stringify({ event: 'page', properties: {} }));
    const file = path.join(dir, 'many.jsonl');
    await writeFile(file, lines.join('\n') + '\n\n');
    const ticks: number[] = [];
    const progress: Progress = { start: () => {}, tick: (d = 1) => void ticks.push(d), finish: () => {} };
    const summary = await importFile(ns.ingest, { file, projectId: 'imp', batchSize: 7, progress });
    expect(summary).toMatchObject({ format: 'jsonl', rows: 27, stored: 25, duplicates: 0, quarantined: 2, batches: 4 });
    expect(summary.rejections.map((r) => [r.row, r.code])).toEqual([[11, 'EVENT_INVALID_TYPE'], [21, 'EVENT_MISSING_DISTINCT_ID']]);
    expect(ticks.reduce((a, b) => a + b, 0)).toBe((await import('node:fs')).statSync(file).size);
    const events = await ns.store.readEvents('imp', { limit: 100 });
    expect(events).toHaveLength(25);
    expect(events[0]?.timestamp.toISOString()).toBe('2023-01-15T12:00:00.000Z');
    expect(await ns.store.countQuarantine('imp')).toBe(2);
    const again = await importFile(ns.ingest, { file, projectId: 'imp', batchSize: 100 });
    expect(again).toMatchObject({ stored: 0, duplicates: 25, quarantined: 2, batches: 1 });
  });

  it('reads .json arrays and CSV with a BOM and quoted cells', async () => {
    const json = path.join(dir, 'a.json');
    await writeFile(json, JSON.stringify({ events: [{ event: 'a', distinct_id: 'x', timestamp: '2022-02-02T00:00:00Z' }, { event: 'b', distinctId: 'y' }] }));
    expect(await importFile(ns.ingest, { file: json, projectId: 'imp' })).toMatchObject({ format: 'json', rows: 2, stored: 2 });
    const csv = path.join(dir, 'b.csv');
    await writeFile(csv, '\ufeffevent,distinct_id,timestamp,properties,title\r\nview,u1,2022-03-03T00:00:00Z,"{""a"":""x,y""}","你好, world"\r\nview,u2,2022-03-04\r\n');
    const summary = await importFile(ns.ingest, { file: csv, projectId: 'imp' });
    expect(summary).toMatchObject({ format: 'csv', rows: 2, stored: 1, quarantined: 1 });
    const [event] = await ns.store.readEvents('imp', { events: ['view'], limit: 10 });
    expect(event?.properties).toMatchObject({ a: 'x,y', title: '你好, world' });
  });

  it('reads parquet row groups', async () => {
    const file = path.join(dir, 'c.parquet');
    const n = 30;
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'event', data: Array.from({ length: n }, () => 'p'), type: 'STRING' },
        { name: 'distinct_id', data: Array.from({ length: n }, (_, i) => `u${i}`), type: 'STRING' },
        { name: 'uuid', data: Array.from({ length: n }, (_, i) => `pq-${i}`), type: 'STRING' },
        { name: 'prop_amount', data: Array.from({ length: n }, (_, i) => BigInt(i)), type: 'INT64' },
      ],
      rowGroupSize: 8,
    });
    await writeFile(file, Buffer.from(buffer));
    const summary = await importFile(ns.ingest, { file, projectId: 'imp', batchSize: 10 });
    expect(summary).toMatchObject({ format: 'parquet', rows: 30, stored: 30, batches: 3 });
    const [first] = await ns.store.readEvents('imp', { events: ['p'], limit: 1 });
    expect(typeof first?.properties['amount']).toBe('number');
  });
});
