import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryIo, type MemoryIo } from './cli-io.js';
import { exitCodeFor } from './main.js';
import { runCli } from './run-cli.js';
import { getBackend, setBackend } from '../nn/backends/registry.js';

let dir: string;
let env: Record<string, string>;

async function cli(args: string[], options: { stdin?: string } = {}): Promise<{ io: MemoryIo; code: number; json: () => unknown }> {
  const io = createMemoryIo({ env, cwd: dir, ...options });
  const error = await runCli(args, io);
  return { io, code: exitCodeFor(error), json: () => JSON.parse(io.text()) as unknown };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'northstar-cli-'));
  env = { NORTHSTAR_DATA_DIR: path.join(dir, 'data'), NORTHSTAR_PORT: '0', NORTHSTAR_LOG_LEVEL: 'error' };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('northstar CLI', () => {
  it('teaches with --help: commands at the top, flags and examples per command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const name of ['serve', 'project', 'demo', 'import', 'insight', 'doctor']) expect(top.io.text()).toContain(name);
    const funnel = await cli(['insight', 'funnel', '--help']);
    expect(funnel.io.text()).toMatch(/--steps/);
    expect(funnel.io.text()).toMatch(/EXAMPLES[\s\S]*northstar insight funnel --project demo-shop --steps/);
    const create = await cli(['project', 'create', '--help']);
    expect(create.io.text()).toContain('--json');
  });

  it('project create --json prints exactly id, token and apiKey; project list shows it', async () => {
    const created = await cli(['project', 'create', 'My App', '--id', 'my-app', '--json']);
    expect(created.code).toBe(0);
    const body = created.json() as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['apiKey', 'id', 'token']);
    expect(body).toMatchObject({ id: 'my-app', token: expect.stringMatching(/^phc_/), apiKey: expect.stringMatching(/^nsk_/) });
    const listed = await cli(['project', 'list', '--json']);
    expect(listed.json()).toEqual([expect.objectContaining({ id: 'my-app', name: 'My App', token: body.token })]);
    const again = await cli(['project', 'create', 'Other', '--id', 'my-app']);
    expect(again.code).toBe(2);
    expect(again.io.stderr.join('')).toMatch(/^error ALREADY_EXISTS: .*\nhint: /);
  });

  it('demo loads the shop once: a rerun of the same demo is skipped as already loaded', async () => {
    const args = ['demo', '--users', '150', '--days', '30', '--end', '2026-11-28', '--seed', '3', '--json'];
    const first = await cli(args);
    expect(first.code).toBe(0);
    const one = first.json() as { id: string; token: string; apiKey?: string; created: boolean; events: { generated: number; stored: number; duplicates: number } };
    expect(one).toMatchObject({ id: 'demo-shop', created: true, token: expect.stringMatching(/^phc_/), apiKey: expect.stringMatching(/^nsk_/) });
    expect(one.events.stored).toBe(one.events.generated);
    expect(one.events.generated).toBeGreaterThan(1000);
    const second = await cli(args);
    const two = second.json() as typeof one;
    expect(two).toMatchObject({ id: 'demo-shop', created: false, alreadyLoaded: true, token: one.token });
    expect(two.apiKey).toBeUndefined();
    expect(two.events).toEqual({ generated: 0, stored: 0, duplicates: 0 });
    const text = await cli(['demo', '--users', '150', '--days', '30', '--seed', '3']);
    // Without --end the recorded end date is reused, so it is the same demo: already loaded.
    expect(text.io.text()).toMatch(/^Demo shop already loaded in project demo-shop/);
    expect(text.io.text()).toContain(`events  ${one.events.generated.toLocaleString('en-US')} in the store`);
  });

  it('insight funnel --json runs on the demo shop, and prints a table without --json', async () => {
    const args = ['insight', 'funnel', '--project', 'demo-shop', '--steps', '$pageview,product_viewed,order_completed', '--window', '7d', '--from', '2026-10-29', '--to', '2026-11-28'];
    const json = await cli([...args, '--json']);
    expect(json.code).toBe(0);
    const result = json.json() as { kind: string; steps: Array<{ event: string; count: number }> };
    expect(result.kind).toBe('funnel');
    expect(result.steps.map((s) => s.event)).toEqual(['$pageview', 'product_viewed', 'order_completed']);
    expect(result.steps[0]?.count).toBeGreaterThan(result.steps[2]?.count ?? Infinity);
    expect(result.steps[2]?.count).toBeGreaterThan(0);
    const table = await cli([...args, '--breakdown', 'platform']);
    expect(table.io.text()).toMatch(/from first/);
    expect(table.io.text()).toMatch(/android/);
    const bad = await cli(['insight', 'funnel', '--project', 'demo-shop', '--steps', 'only_one', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json()).toMatchObject({ error: { code: 'QUERY_INVALID' } });
    const spec = await cli(['insight', 'trend', '--project', 'demo-shop', '--spec', '-', '--json'], {
      stdin: JSON.stringify({ series: [{ event: 'order_completed', math: 'unique_users' }], interval: 'week', dateFrom: '2026-10-29', dateTo: '2026-11-28' }),
    });
    expect(spec.json()).toMatchObject({ kind: 'trend', interval: 'week' });
  });

  it.each([
    ['csv', 'event,distinct_id,timestamp,uuid,prop_price,plan\nsignup,u1,2024-03-01T10:00:00Z,11111111-1111-4111-8111-111111111111,9.5,pro\npurchase,u1,2024-03-02T10:00:00Z,,120,pro\n,u2,2024-03-03T10:00:00Z,,1,free\n'],
    ['jsonl', [
      JSON.stringify({ event: 'signup', distinct_id: 'u1', timestamp: '2024-03-01T10:00:00Z', uuid: '11111111-1111-4111-8111-111111111112', properties: { price: 9.5 } }),
      JSON.stringify({ event: 'purchase', distinct_id: 'u1', timestamp: '2024-03-02T10:00:00Z', properties: { price: 120 } }),
      '{"event": "broken", ',
    ].join('\n') + '\n'],
  ])('import %s: stores good rows with their historical timestamps, quarantines the bad row', async (ext, content) => {
    const file = path.join(dir, `events.${ext}`);
    await writeFile(file, content);
    const result = await cli(['import', file, '--project', 'my-app', '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ rows: 3, stored: 2, duplicates: 0, quarantined: 1, format: ext });
    const again = await cli(['import', file, '--project', 'my-app', '--json']);
    // The row with a uuid dedups; the one without gets a fresh server uuid (as over HTTP).
    expect(again.json()).toMatchObject({ rows: 3, stored: 1, duplicates: 1, quarantined: 1 });
    const text = await cli(['import', file, '--project', 'my-app']);
    expect(text.io.text()).toMatch(/stored\s+duplicates\s+quarantined/);
    expect(text.io.text()).toMatch(/EVENT_(MISSING_NAME|INVALID_TYPE)/);
  });

  it('import parquet with typed columns', async () => {
    const file = path.join(dir, 'events.parquet');
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'event', data: ['signup', 'purchase', 'purchase'], type: 'STRING' },
        { name: 'distinct_id', data: ['p1', 'p1', null], type: 'STRING' },
        { name: 'timestamp', data: [new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z'), new Date('2024-05-03T00:00:00Z')], type: 'TIMESTAMP' },
        { name: 'revenue', data: [0, 99.5, 10], type: 'DOUBLE' },
      ],
    });
    await writeFile(file, Buffer.from(buffer));
    const result = await cli(['import', file, '--project', 'my-app', '--batch-size', '2', '--json']);
    expect(result.json()).toMatchObject({ format: 'parquet', rows: 3, stored: 2, quarantined: 1, batches: 2 });
    const trend = await cli(['insight', 'trend', '--project', 'my-app', '--event', 'purchase', '--math', 'sum', '--property', 'revenue', '--from', '2024-05-01', '--to', '2024-05-04', '--json']);
    expect((trend.json() as { series: Array<{ total: number }> }).series[0]?.total).toBe(99.5);
  });

  it('reports import errors with codes, hints and exit status 2', async () => {
    const missing = await cli(['import', 'nope.jsonl', '--project', 'my-app']);
    expect(missing.code).toBe(2);
    expect(missing.io.stderr.join('')).toMatch(/^error IMPORT_FILE_NOT_FOUND: .*nope\.jsonl[\s\S]*\nhint: /);
    await writeFile(path.join(dir, 'events.xlsx'), 'x');
    const format = await cli(['import', 'events.xlsx', '--project', 'my-app', '--json']);
    expect(format.code).toBe(2);
    expect(format.json()).toMatchObject({ error: { code: 'IMPORT_FORMAT', hint: expect.any(String) } });
    const noProject = await cli(['import', 'events.jsonl']);
    expect(noProject.io.stderr.join('')).toMatch(/error INVALID_ARGUMENT: --project is required/);
    const unknownProject = await cli(['import', 'events.jsonl', '--project', 'ghost']);
    expect(unknownProject.io.stderr.join('')).toMatch(/error NOT_FOUND/);
    const usage = await cli(['import']);
    expect(usage.code).toBe(2);
    expect(usage.io.stderr.join('')).toMatch(/error INVALID_ARGUMENT: Missing required positional argument: FILE/);
  });

  it('serve prints the URL, answers /health, locks the data dir against other commands and stops cleanly', async () => {
    const io = createMemoryIo({ env, cwd: dir });
    const running = runCli(['serve'], io);
    let url: string | undefined;
    for (let i = 0; i < 200 && url === undefined; i++) {
      url = /Northstar is running at (http:\/\/\S+)/.exec(io.text())?.[1];
      if (url === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const locked = await cli(['project', 'list']);
    expect(locked.code).toBe(3);
    expect(locked.io.stderr.join('')).toMatch(/error STORE_LOCKED: [\s\S]*hint: /);
    io.shutdown('SIGTERM');
    expect(await running).toBeUndefined();
    expect(io.stderr.join('')).toContain('Northstar stopped.');
    const after = await cli(['project', 'list', '--json']);
    expect(after.code).toBe(0);
  });

  it('NORTHSTAR_NN_BACKEND picks the nn backend; a bad value is CONFIG_INVALID', async () => {
    const previous = getBackend();
    try {
      env['NORTHSTAR_NN_BACKEND'] = 'js';
      const result = await cli(['doctor', '--json']);
      const nnCheck = (result.json() as { checks: Array<{ name: string; detail: string }> }).checks.find((c) => c.name === 'nn backend');
      expect(nnCheck?.detail).toMatch(/^js: /);
      env['NORTHSTAR_NN_BACKEND'] = 'gpu';
      const bad = await cli(['doctor']);
      expect(bad.code).toBe(2);
      expect(bad.io.stderr.join('')).toMatch(/error CONFIG_INVALID: .*NORTHSTAR_NN_BACKEND must be one of auto, native, wasm, js/);
    } finally {
      delete env['NORTHSTAR_NN_BACKEND'];
      setBackend(previous);
    }
  });

  it('doctor checks node, the data dir and the store', async () => {
    const result = await cli(['doctor', '--json']);
    expect(result.code).toBe(0);
    const body = result.json() as { ok: boolean; checks: Array<{ name: string; ok: boolean }> };
    expect(body.ok).toBe(true);
    expect(body.checks.map((c) => c.name)).toEqual(['node', 'data directory', 'store', 'nn backend']);
  });
});
