import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import type { EventStore } from '../../store/event-store.js';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { createProjectService, type ProjectService } from './project-service.js';

let store: EventStore;
let projects: ProjectService;
beforeEach(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  projects = createProjectService({ store });
});
afterEach(async () => {
  await store.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof NorthstarError ? error.code : String(error)),
  );
}

describe('project service', () => {
  it('creates a project with a public token and a secret read+write key', async () => {
    const created = await projects.create('  Demo shop ', { id: 'demo-shop' });
    expect(created).toMatchObject({ id: 'demo-shop', name: 'Demo shop' });
    expect(created.token).toMatch(/^phc_[A-Za-z0-9_-]{32}$/);
    expect(created.apiKey).toMatch(/^nsk_[A-Za-z0-9_-]{32}$/);
    const key = await projects.authenticate(created.apiKey);
    expect(key).toMatchObject({ projectId: 'demo-shop', scopes: ['read', 'write'] });
    expect((await projects.resolveToken(created.token)).id).toBe('demo-shop');
  });

  it('mints ids when none is given', async () => {
    expect((await projects.create('x')).id).toMatch(/^proj_/);
  });

  it.each([
    ['duplicate id', async (p: ProjectService) => { await p.create('a', { id: 'dup' }); return p.create('b', { id: 'dup' }); }, 'ALREADY_EXISTS'],
    ['invalid id', (p: ProjectService) => p.create('a', { id: 'Has Spaces' }), 'INVALID_ARGUMENT'],
    ['empty name', (p: ProjectService) => p.create('   '), 'INVALID_ARGUMENT'],
    ['unknown project', (p: ProjectService) => p.get('nope'), 'NOT_FOUND'],
    ['unknown token', (p: ProjectService) => p.resolveToken('phc_unknown'), 'INVALID_TOKEN'],
    ['missing token', (p: ProjectService) => p.resolveToken(undefined), 'INVALID_TOKEN'],
    ['bad scopes', async (p: ProjectService) => p.createKey((await p.create('k')).id, { scopes: [] }), 'INVALID_ARGUMENT'],
  ] as const)('%s', async (_name, run, code) => {
    expect(await codeOf(run(projects))).toBe(code);
  });

  it('authenticates only real keys, and only with the same pepper', async () => {
    const created = await projects.create('p', { id: 'p' });
    expect(await projects.authenticate(created.apiKey + 'x')).toBeUndefined();
    expect(await projects.authenticate(created.token)).toBeUndefined();
    const other = createProjectService({ store, keyPepper: 'different' });
    expect(await other.authenticate(created.apiKey)).toBeUndefined();
  });

  it('mints read-only keys', async () => {
    const created = await projects.create('p', { id: 'p' });
    const ro = await projects.createKey(created.id, { scopes: ['read'], label: 'bi' });
    expect((await projects.authenticate(ro.apiKey))?.scopes).toEqual(['read']);
  });
});
