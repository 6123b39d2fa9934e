import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';

/** Reads `{ properties: string[] }` (docs/api.md) into a list of keys. */
export function parsePropertyKeys(body: unknown): string[] {
  const list = (body as { properties?: unknown } | null)?.properties;
  return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
}

/** Fetches `GET /api/projects/:id/events/properties[?event=]`: the property keys seen (on one event). */
export async function getPropertyKeys(projectId: string, event: string | null, signal?: AbortSignal): Promise<string[]> {
  const query = event ? `?event=${encodeURIComponent(event)}` : '';
  return parsePropertyKeys(await apiGet<unknown>(projectPath(projectId, `events/properties${query}`), signal));
}

/** Query options for the property keys of a project (optionally of one event). */
export function propertyKeysQueryOptions(projectId: string, event: string | null) {
  return queryOptions({
    queryKey: ['property-keys', projectId, event],
    queryFn: ({ signal }) => getPropertyKeys(projectId, event, signal),
    staleTime: 60_000,
  });
}

/** The property keys of a project, or of one event when `event` is set. */
export function usePropertyKeys(projectId: string, event: string | null) {
  return useQuery(propertyKeysQueryOptions(projectId, event));
}
