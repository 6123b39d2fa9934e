import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.js';

/** A project as the dashboard lists it. */
export interface ProjectSummary {
  id: string;
  name: string;
}

/** Reads `GET /api/projects` (an array, or `{ projects: [...] }`) into id + name pairs. */
export function parseProjects(body: unknown): ProjectSummary[] {
  const list = Array.isArray(body) ? body : (body as { projects?: unknown } | null)?.projects;
  if (!Array.isArray(list)) return [];
  const out: ProjectSummary[] = [];
  for (const entry of list as unknown[]) {
    const p = entry as { id?: unknown; name?: unknown } | null;
    if (p && typeof p.id === 'string') out.push({ id: p.id, name: typeof p.name === 'string' && p.name !== '' ? p.name : p.id });
  }
  return out;
}

/** Fetches the projects the dashboard token can read. */
export async function getProjects(signal?: AbortSignal): Promise<ProjectSummary[]> {
  return parseProjects(await apiGet<unknown>('/api/projects', signal));
}

/** Query options for the project list (rarely changes: cached for a minute). */
export function projectsQueryOptions() {
  return queryOptions({ queryKey: ['projects'], queryFn: ({ signal }) => getProjects(signal), staleTime: 60_000 });
}

/** The project list. */
export function useProjects() {
  return useQuery(projectsQueryOptions());
}
