import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbStore, createNorthstar } from '../../core/index.js';
import { createMemoryIo } from '../cli-io.js';
import { exitCodeFor } from '../main.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-feedback-cli-'));
const env = { NORTHSTAR_DATA_DIR: path.join(dir, 'data') };
const NOW = '2026-04-20T12:00:00Z';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = createMemoryIo({ cwd: dir, env });
  const error = await runCli(args, io);
  return { io, error, code: exitCodeFor(error) };
}

beforeAll(async () => {
  const store = await createDuckDbStore({ path: path.join(dir, 'data', 'northstar.duckdb') });
  const ns = createNorthstar({ store });
  await ns.projects.create('Shop', { id: 'shop' });
  await ns.close();
  const rows = ['id,review,user,when,channel'];
  // recent complaints about slow delivery and high prices, in both languages, plus praise
  for (let i = 0; i < 8; i++) rows.push(`d${i},"物流太慢了，等了一个星期才到货，差评",u${i},2026-04-1${i % 8}T08:00:00Z,app`);
  for (let i = 0; i < 6; i++) rows.push(`p${i},"Way too expensive and overpriced. Terrible value.",e${i},2026-04-1${i}T09:00:00Z,web`);
  for (let i = 0; i < 5; i++) rows.push(`g${i},"质量很好，非常满意",h${i},2026-04-1${i}T10:00:00Z,app`);
  rows.push('bad,"   ",x,2026-04-12T00:00:00Z,app');
  writeFileSync(path.join(dir, 'reviews.csv'), rows.join('\n') + '\n');
});

describe('northstar feedback', () => {
  it('imports a CSV with named columns, then a rerun stores nothing new', async () => {
    const first = await cli(['feedback', 'import', 'reviews.csv', '--project', 'shop', '--text-col', 'review', '--user-col', 'user', '--time-col', 'when', '--source', 'appstore', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.io.text())).toMatchObject({ rows: 20, stored: 19, rejected: 1, rejections: [{ row: 20, code: 'FEEDBACK_EMPTY_TEXT' }] });
    const again = await cli(['feedback', 'import', 'reviews.csv', '--project', 'shop', '--text-col', 'review', '--user-col', 'user', '--time-col', 'when']);
    expect(again.code).toBe(0);
    expect(again.io.text()).toMatch(/rows\s+stored\s+duplicates\s+rejected[\s\S]*20\s+0\s+19\s+1/u);
  });

  it('lists with filters, as a table and as JSON', async () => {
    const table = await cli(['feedback', 'list', '--project', 'shop', '--lang', 'zh', '--sentiment', 'negative', '--now', NOW]);
    expect(table.code).toBe(0);
    expect(table.io.text()).toContain('8 of 8');
    expect(table.io.text()).toContain('delivery');
    const json = JSON.parse((await cli(['feedback', 'list', '--project', 'shop', '--search', 'expensive', '--json', '--now', NOW])).io.text());
    expect(json.total).toBe(6);
    expect(json.items[0]).toMatchObject({ source: 'appstore', lang: 'en', properties: { channel: 'web' } });
  });

  it('groups complaints of the last 7d / 30d into topics with quotes', async () => {
    const json = JSON.parse((await cli(['feedback', 'topics', '--project', 'shop', '--since', '30d', '--now', NOW, '--json'])).io.text());
    expect(json.analysed).toBe(14);
    const labels = json.topics.map((t: { keywords: string[] }) => t.keywords);
    expect(labels.some((k: string[]) => k.includes('物流'))).toBe(true);
    expect(labels.some((k: string[]) => k.includes('expensive'))).toBe(true);
    const text = (await cli(['feedback', 'topics', '--project', 'shop', '--since', '30d', '--now', NOW])).io.text();
    expect(text).toMatch(/14 items analysed/u);
    expect(text).toContain('“物流太慢了');
    const week = JSON.parse((await cli(['feedback', 'topics', '--project', 'shop', '--since', '7d', '--now', NOW, '--json'])).io.text());
    // since Apr 13 12:00: four delivery and two price complaints
    expect(week.analysed).toBe(6);
  });

  it('prints the daily index and refuses bad arguments with exit status 2', async () => {
    const index = JSON.parse((await cli(['feedback', 'index', '--project', 'shop', '--since', '2026-04-10', '--until', '2026-04-12', '--json'])).io.text());
    expect(index.map((p: { day: string }) => p.day)).toEqual(['2026-04-10', '2026-04-11']);
    expect(index[0].volume).toBeGreaterThan(0);
    const bad = await cli(['feedback', 'list', '--project', 'shop', '--since', 'last-week']);
    expect(bad.code).toBe(2);
    expect(bad.io.stderr.join('')).toContain('INVALID_ARGUMENT');
    const missing = await cli(['feedback', 'import', 'nope.csv', '--project', 'shop']);
    expect(missing.code).toBe(2);
  });
});
