import type { TrendResult, TrendSpecInput } from '../../../src/store/insights/spec.js';
import type { CreatedProject } from './cli.js';

/** A JSON answer: status plus parsed body (`undefined` when the body was not JSON). */
export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends a request and parses the JSON answer without throwing on non-2xx. */
export async function requestJson(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(30_000) });
  const text = await response.text();
  let body: unknown;
  try {
    body = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body };
}

/** The stable error `code` of an error answer (`{ error: { code } }` or `{ code }`), if any. */
export function errorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as { code?: unknown; error?: unknown };
  if (typeof record.error === 'object' && record.error !== null) {
    const inner = (record.error as { code?: unknown }).code;
    if (typeof inner === 'string') return inner;
  }
  return typeof record.code === 'string' ? record.code : undefined;
}

function authHeaders(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
}

/** Event names with counts, through `GET /api/projects/:id/events/names`, as a map. */
export async function eventNameCounts(baseUrl: string, project: CreatedProject): Promise<Map<string, number>> {
  const res = await requestJson(`${baseUrl}/api/projects/${encodeURIComponent(project.id)}/events/names`, {
    headers: authHeaders(project.apiKey),
  });
  if (res.status !== 200) throw new Error(`events/names answered ${res.status}: ${JSON.stringify(res.body)}`);
  const list = Array.isArray(res.body) ? res.body : (res.body as { events?: unknown }).events;
  if (!Array.isArray(list)) throw new Error(`events/names: unexpected body ${JSON.stringify(res.body)}`);
  const counts = new Map<string, number>();
  for (const entry of list as Array<{ event: string; count: number }>) counts.set(entry.event, Number(entry.count));
  return counts;
}

/** Total stored events of a project, summed over `events/names`. */
export async function totalStoredEvents(baseUrl: string, project: CreatedProject): Promise<number> {
  let total = 0;
  for (const count of (await eventNameCounts(baseUrl, project)).values()) total += count;
  return total;
}

/** Runs a trend insight through `POST /api/projects/:id/insights/trend` with the project's secret key. */
export async function runTrend(baseUrl: string, project: CreatedProject, spec: Omit<TrendSpecInput, 'kind'>): Promise<TrendResult> {
  const res = await requestJson(`${baseUrl}/api/projects/${encodeURIComponent(project.id)}/insights/trend`, {
    method: 'POST',
    headers: authHeaders(project.apiKey),
    body: JSON.stringify({ kind: 'trend', ...spec }),
  });
  if (res.status !== 200) throw new Error(`insights/trend answered ${res.status}: ${JSON.stringify(res.body)}`);
  const body = res.body as TrendResult | { result?: TrendResult };
  return 'kind' in body ? body : (body.result as TrendResult);
}
