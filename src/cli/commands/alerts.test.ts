import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { createDuckDbStore, createNorthstar } from '../../core/index.js';
import { createMemoryIo } from '../cli-io.js';
import { exitCodeFor } from '../main.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-alerts-cli-'));
const env = { NORTHSTAR_DATA_DIR: path.join(dir, 'data') };
const DAY = 86_400_000;
const NOW = '2026-06-01T06:00:00Z';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = createMemoryIo({ cwd: dir, env });
  const error = await runCli(args, io);
  return { io, error, code: exitCodeFor(error) };
}

beforeAll(async () => {
  // 40 days of `visit` events; on the day 2 days before NOW the web platform loses 90 % of them.
  const store = await createDuckDbStore({ path: path.join(dir, 'data', 'northstar.duckdb') });
  const ns = createNorthstar({ store });
  await ns.projects.create('Shop', { id: 'shop' });
  const rng = createRng(3);
  const today = Math.floor(Date.parse(NOW) / DAY) * DAY;
  const events = [];
  for (let ago = 40; ago >= 1; ago--) {
    for (const [platform, base] of [['web', 40], ['ios', 30]] as const) {
      const n = Math.round((platform === 'web' && ago === 2 ? base * 0.1 : base) + (rng.next() - 0.5) * 4);
      for (let k = 0; k < n; k++) {
        const ts = new Date(today - ago * DAY + Math.floor(rng.next() * DAY));
        events.push({ uuid: `v-${ago}-${platform}-${k}`, event: 'visit', distinctId: `u${k}`, timestamp: ts, receivedAt: ts, properties: { platform }, sessionId: null });
      }
    }
  }
  await store.writeEvents({ projectId: 'shop', events, quarantine: [] });
  await ns.close();
  writeFileSync(path.join(dir, 'monitor.json'), JSON.stringify({ id: 'visits-json', name: 'Visits (JSON)', source: { kind: 'trend', spec: { series: [{ event: 'visit' }] } }, holidays: false }));
});

describe('northstar monitors / alerts', () => {
  it('creates monitors from flags and from a JSON file, and lists them', async () => {
    const created = await cli(['monitors', 'create', '--project', 'shop', '--name', 'Visits', '--event', 'visit', '--direction', 'down', '--json']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.io.text())).toMatchObject({ id: 'visits', spec: { direction: 'down', source: { kind: 'trend' } } });
    expect((await cli(['monitors', 'create', '--project', 'shop', '--spec', '@monitor.json'])).code).toBe(0);
    const list = await cli(['monitors', 'list', '--project', 'shop']);
    expect(list.io.text()).toContain('visits-json');
    expect(list.io.text()).toContain('never');
    const bad = await cli(['monitors', 'create', '--project', 'shop', '--name', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.io.stderr.join('')).toContain('INVALID_ARGUMENT');
  });

  it('runs a scan, lists the alert with its cause, acknowledges and resolves it', async () => {
    const run = await cli(['monitors', 'run', 'visits', '--project', 'shop', '--now', NOW, '--json']);
    expect(run.code).toBe(0);
    const scan = JSON.parse(run.io.text());
    expect(scan.opened).toHaveLength(1);
    const id = scan.opened[0].id as string;
    expect(scan.opened[0].details.contributors[0]).toMatchObject({ dimension: 'platform', value: 'web' });

    const table = await cli(['alerts', 'list', '--project', 'shop', '--status', 'open']);
    expect(table.io.text()).toContain(id);
    expect(table.io.text()).toContain('platform=web');
    const shown = await cli(['alerts', 'show', id, '--project', 'shop']);
    expect(shown.io.text()).toContain('band');
    expect((await cli(['alerts', 'ack', id, '--project', 'shop'])).io.text()).toContain('acknowledged');
    const resolved = await cli(['alerts', 'resolve', id, '--project', 'shop', '--json']);
    expect(JSON.parse(resolved.io.text())).toMatchObject({ id, status: 'resolved' });
    expect(JSON.parse((await cli(['alerts', 'list', '--project', 'shop', '--status', 'open', '--json'])).io.text())).toEqual([]);
    expect((await cli(['alerts', 'ack', 'alt_nope', '--project', 'shop'])).code).toBe(2);
  });

  it('serve runs the scheduler: due monitors are scanned, recently scanned ones are not, and it stops cleanly', async () => {
    const before = JSON.parse((await cli(['monitors', 'list', '--project', 'shop', '--json'])).io.text()) as Array<{ id: string; lastRunAt: string | null }>;
    const visitsRun = before.find((m) => m.id === 'visits')!.lastRunAt;
    expect(visitsRun).not.toBeNull();
    expect(before.find((m) => m.id === 'visits-json')!.lastRunAt).toBeNull();
    const io = createMemoryIo({ env: { ...env, NORTHSTAR_PORT: '0', NORTHSTAR_LOG_LEVEL: 'debug' }, cwd: dir });
    const running = runCli(['serve'], io);
    // The scheduler logs each finished scan (debug): wait for that line, then stop the server.
    for (let i = 0; i < 600 && !io.stderr.join('').includes('"shop/visits-json"'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(io.stderr.join('')).toContain('monitor scanned');
    io.shutdown('SIGTERM');
    expect(await running).toBeUndefined();
    const after = JSON.parse((await cli(['monitors', 'list', '--project', 'shop', '--json'])).io.text()) as Array<{ id: string; lastRunAt: string | null; lastRunStatus: string | null }>;
    expect(after.find((m) => m.id === 'visits-json')).toMatchObject({ lastRunStatus: 'ok', lastRunAt: expect.any(String) });
    expect(after.find((m) => m.id === 'visits')!.lastRunAt).toBe(visitsRun);
  });

  it('documents itself with --help', async () => {
    const help = await cli(['monitors', 'create', '--help']);
    expect(help.io.text()).toContain('--from');
    expect(help.io.text()).toContain('northstar monitors create --name');
    expect((await cli(['alerts', '--help'])).io.text()).toContain('resolve');
  });
});
