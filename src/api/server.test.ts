import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startServer } from './server.js';

describe('startServer', () => {
  it('opens the store in the data directory, listens on a free port and keeps events across restarts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'northstar-server-'));
    const config = loadConfig({ NORTHSTAR_DATA_DIR: dataDir, NORTHSTAR_PORT: '0', NORTHSTAR_LOG_LEVEL: 'silent' });
    const first = await startServer(config);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const project = await first.northstar.projects.create('Live', { id: 'live' });
    const sent = await fetch(`${first.url}/batch/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: project.token, batch: [{ event: 'e', distinct_id: 'u', uuid: 'live-1' }] }),
    });
    expect(sent.status).toBe(200);
    await first.close();

    const second = await startServer(config);
    try {
      const names = await fetch(`${second.url}/api/projects/live/events/names`, { headers: { authorization: `Bearer ${project.apiKey}` } });
      expect(await names.json()).toEqual({ events: [{ event: 'e', count: 1 }] });
    } finally {
      await second.close();
    }
  });
});
