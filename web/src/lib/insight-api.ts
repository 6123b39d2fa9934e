import type { InsightResultFor, InsightSpec } from '../../../src/store/insights/spec.js';
import { apiPost, projectPath } from './api-client.js';

/** URL segment of each insight kind under `/api/projects/:id/insights/`. */
export const INSIGHT_PATHS = {
  trend: 'trend',
  funnel: 'funnel',
  funnel_actors: 'funnel-actors',
  retention: 'retention',
  paths: 'paths',
  lifecycle: 'lifecycle',
} as const satisfies Record<InsightSpec['kind'], string>;

/**
 * Runs one insight over HTTP. The body is the spec as the user shaped it (zod defaults are applied by the
 * server), so `spec` is the spec's *input* type.
 */
export function postInsight<K extends InsightSpec['kind']>(
  projectId: string,
  kind: K,
  spec: object,
  signal?: AbortSignal,
): Promise<InsightResultFor<K>> {
  return apiPost<InsightResultFor<K>>(projectPath(projectId, `insights/${INSIGHT_PATHS[kind]}`), { kind, ...spec }, signal);
}
