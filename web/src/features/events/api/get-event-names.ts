import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';

/** An event name with how often it occurs. */
export interface EventNameCount {
  event: string;
  count: number;
}

/**
 * Reads `GET /api/projects/:id/events/names` into name + count pairs, most frequent first. Accepts the
 * documented `{ events: [{ event, count }] }` and the plain array or `name` spellings, so a field rename does
 * not blank every picker.
 */
export function parseEventNames(body: unknown): EventNameCount[] {
  const record = body as { events?: unknown; names?: unknown } | null;
  const list = Array.isArray(body) ? body : Array.isArray(record?.events) ? record.events : record?.names;
  if (!Array.isArray(list)) return [];
  const out: EventNameCount[] = [];
  for (const entry of list as unknown[]) {
    if (typeof entry === 'string') {
      out.push({ event: entry, count: 0 });
      continue;
    }
    const e = entry as { event?: unknown; name?: unknown; count?: unknown } | null;
    const name = typeof e?.event === 'string' ? e.event : typeof e?.name === 'string' ? e.name : undefined;
    if (name !== undefined) out.push({ event: name, count: typeof e?.count === 'number' ? e.count : Number(e?.count ?? 0) });
  }
  return out.sort((a, b) => b.count - a.count || a.event.localeCompare(b.event));
}

/** Fetches the project's event names. */
export async function getEventNames(projectId: string, signal?: AbortSignal): Promise<EventNameCount[]> {
  return parseEventNames(await apiGet<unknown>(projectPath(projectId, 'events/names'), signal));
}

/** Query options for the event names of a project (cached for a minute: pickers on every page share it). */
export function eventNamesQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: ['event-names', projectId],
    queryFn: ({ signal }) => getEventNames(projectId, signal),
    staleTime: 60_000,
  });
}

/** The project's event names, most frequent first. */
export function useEventNames(projectId: string) {
  return useQuery(eventNamesQueryOptions(projectId));
}
