/** Params schema of every `/api/projects/:id/...` route. */
export const projectParamsSchema = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['id'],
} as const;

/** Parsed `:id` param. */
export interface ProjectParams {
  id: string;
}

/** Optional `?now=` (ISO time) that anchors relative dates of insights (reproducible answers, demos). */
export const nowQuerySchema = {
  type: 'object',
  properties: { now: { type: 'string', format: 'date-time' } },
  additionalProperties: false,
} as const;

/** The `now` query as a Date, when given. */
export function parseNow(query: unknown): Date | undefined {
  const value = (query as { now?: unknown } | undefined)?.now;
  return typeof value === 'string' ? new Date(value) : undefined;
}
