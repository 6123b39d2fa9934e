import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, projectPath } from '../../../lib/api-client.js';
import type { PersonEvents } from './types.js';

/** Fetches `GET /api/projects/:id/persons/:distinctId/events?limit=` (newest first). */
export function getPersonEvents(projectId: string, distinctId: string, limit: number, signal?: AbortSignal): Promise<PersonEvents> {
  return apiGet<PersonEvents>(projectPath(projectId, `persons/${encodeURIComponent(distinctId)}/events?limit=${limit}`), signal);
}

/** Query options for a user's recent history. */
export function personEventsQueryOptions(projectId: string, distinctId: string, limit: number) {
  return queryOptions({
    queryKey: ['person-events', projectId, distinctId, limit],
    queryFn: ({ signal }) => getPersonEvents(projectId, distinctId, limit, signal),
  });
}

/** A user's recent events; disabled without a user. */
export function usePersonEvents(projectId: string, distinctId: string | null, limit = 20) {
  return useQuery({ ...personEventsQueryOptions(projectId, distinctId ?? '', limit), enabled: distinctId !== null });
}
