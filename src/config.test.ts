import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NorthstarError } from './common/errors.js';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.store.dataDir).toBe(path.resolve('/srv/app/.northstar'));
    expect(config.api.host).toBe('127.0.0.1');
    expect(config.api.port).toBe(8000);
  });

  it('reads NORTHSTAR_* variables', () => {
    const config = loadConfig({ NORTHSTAR_DATA_DIR: 'data', NORTHSTAR_HOST: '0.0.0.0', NORTHSTAR_PORT: '9001' }, '/x');
    expect(config.store.dbFile).toBe(path.resolve('/x/data/northstar.duckdb'));
    expect(config.api).toMatchObject({ host: '0.0.0.0', port: 9001 });
  });

  it('fails listing every bad variable at once', () => {
    try {
      loadConfig({ NORTHSTAR_PORT: 'eighty', NORTHSTAR_LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NorthstarError);
      const e = error as NorthstarError;
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.message).toContain('NORTHSTAR_PORT');
      expect(e.message).toContain('NORTHSTAR_LOG_LEVEL');
    }
  });
});
