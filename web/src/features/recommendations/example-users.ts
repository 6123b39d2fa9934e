import { useQuery } from '@tanstack/react-query';
import { useEventNames } from '../events/api/get-event-names.js';
import { defaultFunnelSteps } from '../events/default-events.js';
import { funnelActorsQueryOptions } from '../funnels/api/get-funnel-actors.js';
import type { FunnelActorsQuery } from '../funnels/api/get-funnel-actors.js';

/**
 * A few users worth looking up: those who reached the last step of the project's default funnel (on the demo
 * shop, buyers), who have the richest histories. Asked through the documented funnel-actors route; no user
 * listing route exists, and a person can still type any distinct_id.
 */
export function useExampleUsers(projectId: string, count = 6): string[] {
  const names = useEventNames(projectId);
  const steps = names.data ? defaultFunnelSteps(names.data) : [];
  const query: FunnelActorsQuery = {
    funnel: { steps: steps.map((event) => ({ event })), windowSeconds: 30 * 86400, dateFrom: '-90d', dateTo: 'now' },
    step: Math.max(1, steps.length),
    status: 'completed',
    limit: count,
  };
  const actors = useQuery({ ...funnelActorsQueryOptions(projectId, query), enabled: steps.length >= 2, staleTime: 60_000 });
  return actors.data?.actors.map((a) => a.distinctId) ?? [];
}
