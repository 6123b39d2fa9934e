import { NorthstarError } from '../../common/errors.js';
import { newId, newSecret } from '../../common/ids.js';
import { hashApiKey, verifyApiKey } from '../../privacy/key-hash.js';
import type { EventStore } from '../../store/event-store.js';
import type { ApiKeyRecord, ApiKeyScope, Project } from '../../store/records.js';

/** What `createProject` hands back once: the public ingest token and the secret API key (shown only now). */
export interface CreatedProject {
  id: string;
  name: string;
  /** Public ingest token (`phc_…`): PostHog `api_key`, Segment write key. Grants ingestion only. */
  token: string;
  /** Secret personal API key (`nsk_…`) with read + write scopes; only its hash is stored. */
  apiKey: string;
}

/** A newly minted API key; the secret is returned once and never stored. */
export interface CreatedApiKey {
  id: string;
  projectId: string;
  apiKey: string;
  scopes: ApiKeyScope[];
}

/** Project ids chosen by users: a slug such as `demo-shop`. */
export const PROJECT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Projects, ingest tokens and personal API keys over the store. */
export interface ProjectService {
  create(name: string, options?: { id?: string }): Promise<CreatedProject>;
  /** The project; NOT_FOUND when there is none. */
  get(id: string): Promise<Project>;
  list(): Promise<Project[]>;
  /** Mints another key for a project (e.g. a read-only one for a BI tool). */
  createKey(projectId: string, options?: { label?: string; scopes?: ApiKeyScope[] }): Promise<CreatedApiKey>;
  /** The key record for a presented secret, or undefined when it is unknown. */
  authenticate(apiKey: string): Promise<ApiKeyRecord | undefined>;
  /** The project owning a public ingest token; INVALID_TOKEN when unknown. */
  resolveToken(token: string | undefined): Promise<Project>;
}

/** Creates the {@link ProjectService}. `keyPepper` keys the API-key hash (see privacy/key-hash.ts). */
export function createProjectService(deps: { store: EventStore; keyPepper?: string }): ProjectService {
  const { store } = deps;
  const pepper = deps.keyPepper;
  const hash = (key: string): string => (pepper === undefined ? hashApiKey(key) : hashApiKey(key, pepper));
  // Tokens are looked up on every ingest request; cache hits (projects are never deleted or re-tokened).
  const tokenCache = new Map<string, Project>();

  async function createKey(projectId: string, options: { label?: string; scopes?: ApiKeyScope[] } = {}): Promise<CreatedApiKey> {
    const scopes = options.scopes ?? ['read', 'write'];
    if (scopes.length === 0 || scopes.some((s) => s !== 'read' && s !== 'write')) {
      throw new NorthstarError('INVALID_ARGUMENT', 'scopes must be a non-empty list of "read" and "write"');
    }
    const apiKey = newSecret('nsk_');
    const record = await store.createApiKey({
      id: newId('key'),
      projectId,
      label: options.label ?? 'default',
      keyHash: hash(apiKey),
      scopes: [...new Set(scopes)],
    });
    return { id: record.id, projectId, apiKey, scopes: record.scopes };
  }

  return {
    async create(name, options = {}) {
      const trimmed = name.trim();
      if (trimmed === '' || trimmed.length > 200) throw new NorthstarError('INVALID_ARGUMENT', 'a project name needs 1 to 200 characters');
      const id = options.id ?? newId('proj');
      if (!PROJECT_ID_PATTERN.test(id) && !/^proj_[A-Za-z0-9_-]+$/.test(id)) {
        throw new NorthstarError('INVALID_ARGUMENT', `project id "${id}" must be a slug: lowercase letters, digits, "-" and "_"`);
      }
      const project = await store.createProject({ id, name: trimmed, token: newSecret('phc_') });
      const key = await createKey(project.id, { label: 'created with the project' });
      return { id: project.id, name: project.name, token: project.token, apiKey: key.apiKey };
    },
    async get(id) {
      const project = await store.getProject(id);
      if (project === undefined) throw new NorthstarError('NOT_FOUND', `no project "${id}"`, { details: { id } });
      return project;
    },
    list: () => store.listProjects(),
    createKey,
    async authenticate(apiKey) {
      if (!apiKey.startsWith('nsk_') || apiKey.length > 200) return undefined;
      const record = await store.findApiKeyByHash(hash(apiKey));
      // The lookup already matched the hash; the constant-time check guards against a store that matches loosely.
      if (record === undefined) return undefined;
      const ok = pepper === undefined ? verifyApiKey(apiKey, record.keyHash) : verifyApiKey(apiKey, record.keyHash, pepper);
      return ok ? record : undefined;
    },
    async resolveToken(token) {
      if (token === undefined || token === '') {
        throw new NorthstarError('INVALID_TOKEN', 'no project token in the request (api_key, token, writeKey or HTTP Basic user)');
      }
      const cached = tokenCache.get(token);
      if (cached !== undefined) return cached;
      const project = token.length <= 200 ? await store.findProjectByToken(token) : undefined;
      if (project === undefined) throw new NorthstarError('INVALID_TOKEN', 'the project token is unknown');
      tokenCache.set(token, project);
      return project;
    },
  };
}
