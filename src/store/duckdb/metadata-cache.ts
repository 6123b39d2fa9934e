import type { DuckDBConnection } from '@duckdb/node-api';
import type { ApiKeyRecord, Project } from '../records.js';
import { selectApiKeys, selectProjects } from './project-repo.js';

/**
 * Projects and API keys held in memory. Every ingest request resolves a token and every API call a key
 * hash; answering those from a map keeps them off the read connections, where they would otherwise wait
 * behind a long insight query. One process owns the file and every write goes through this store, so the
 * cache is updated right after each successful write and never goes stale. Callers get copies.
 */
export class MetadataCache {
  private readonly projects = new Map<string, Project>();
  private readonly projectIdByToken = new Map<string, string>();
  private readonly keysByHash = new Map<string, ApiKeyRecord>();

  /** Fills a cache from the tables. */
  static async load(conn: DuckDBConnection): Promise<MetadataCache> {
    const cache = new MetadataCache();
    for (const project of await selectProjects(conn)) cache.putProject(project);
    for (const key of await selectApiKeys(conn)) cache.putApiKey(key);
    return cache;
  }

  /** Records a project after it was written. */
  putProject(project: Project): void {
    const previous = this.projects.get(project.id);
    if (previous !== undefined) this.projectIdByToken.delete(previous.token);
    this.projects.set(project.id, structuredClone(project));
    this.projectIdByToken.set(project.token, project.id);
  }

  /** Records an API key after it was written. */
  putApiKey(key: ApiKeyRecord): void {
    this.keysByHash.set(key.keyHash, structuredClone(key));
  }

  /** A copy of the project with this id. */
  project(id: string): Project | undefined {
    const project = this.projects.get(id);
    return project === undefined ? undefined : structuredClone(project);
  }

  /** A copy of the project with this ingest token. */
  projectByToken(token: string): Project | undefined {
    const id = this.projectIdByToken.get(token);
    return id === undefined ? undefined : this.project(id);
  }

  /** Copies of all projects, oldest first (ties by id). */
  allProjects(): Project[] {
    return [...this.projects.values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((p) => structuredClone(p));
  }

  /** A copy of the API key with this hash. */
  apiKeyByHash(keyHash: string): ApiKeyRecord | undefined {
    const key = this.keysByHash.get(keyHash);
    return key === undefined ? undefined : structuredClone(key);
  }
}
