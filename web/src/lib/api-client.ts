import { ApiError, apiErrorFromBody } from './api-error.js';

/** Name of the `<meta>` tag the server fills with this process's dashboard token. */
export const DASHBOARD_TOKEN_META = 'northstar-dashboard-token';

/** localStorage key of a personal API key the user pasted (when the page carries no session token). */
export const API_KEY_STORAGE_KEY = 'northstar.apiKey';

function storedApiKey(): string | undefined {
  try {
    return window.localStorage.getItem(API_KEY_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The bearer token the dashboard sends: the session token the server injects into index.html for loopback
 * clients (docs/api.md "Dashboard session"); else a personal API key the user pasted (remembered in
 * localStorage), as needed when the page is opened from another machine; else, under `vite dev`,
 * `VITE_NORTHSTAR_TOKEN`.
 */
export function readDashboardToken(doc: Document = document): string | undefined {
  // The first non-empty tag wins: a stale empty placeholder must not hide the one the server injected.
  for (const meta of doc.querySelectorAll<HTMLMetaElement>(`meta[name="${DASHBOARD_TOKEN_META}"]`)) {
    const fromPage = meta.content.trim();
    if (fromPage) return fromPage;
  }
  const pasted = storedApiKey();
  if (pasted) return pasted;
  const fromEnv: unknown = import.meta.env['VITE_NORTHSTAR_TOKEN'];
  return typeof fromEnv === 'string' && fromEnv !== '' ? fromEnv : undefined;
}

/** True when the page carries the server's session token (so pasting a key would change nothing). */
export function hasSessionToken(doc: Document = document): boolean {
  return [...doc.querySelectorAll<HTMLMetaElement>(`meta[name="${DASHBOARD_TOKEN_META}"]`)].some((m) => m.content.trim() !== '');
}

let cachedToken: string | undefined;

/** Remembers (or, with null, forgets) a pasted personal API key and uses it from the next request on. */
export function setStoredApiKey(key: string | null): void {
  try {
    if (key === null) window.localStorage.removeItem(API_KEY_STORAGE_KEY);
    else window.localStorage.setItem(API_KEY_STORAGE_KEY, key);
  } catch {
    // storage disabled: the key still holds for this page through the cache below
  }
  cachedToken = key ?? readDashboardToken();
}

function authHeaders(): Record<string, string> {
  cachedToken ??= readDashboardToken();
  return cachedToken ? { authorization: `Bearer ${cachedToken}` } : {};
}

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal, rawType?: string): Promise<T> {
  let response: Response;
  // rawType: `body` is text sent as is with that content type (a CSV upload), not JSON.
  const contentType = rawType ?? 'application/json';
  try {
    response = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': contentType }), ...authHeaders() },
      ...(body === undefined ? {} : { body: rawType === undefined ? JSON.stringify(body) : body instanceof Blob ? body : String(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError('NETWORK', cause instanceof Error ? cause.message : String(cause), 0);
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) throw apiErrorFromBody(response.status, parsed);
  if (parsed === undefined) throw new ApiError('INVALID_RESPONSE', 'The server answered without a JSON body.', response.status);
  return parsed as T;
}

/** GET a JSON resource of the Northstar API with the dashboard token. */
export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return send<T>('GET', path, undefined, signal);
}

/** POST a JSON body to the Northstar API with the dashboard token. */
export function apiPost<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return send<T>('POST', path, body, signal);
}

/** POST a text body as is (a CSV upload) with the dashboard token; the answer is JSON. */
export function apiPostText<T>(path: string, text: string, contentType: string, signal?: AbortSignal): Promise<T> {
  return send<T>('POST', path, text, signal, contentType);
}

/** POST bytes as is (a .zip upload) with the dashboard token; the answer is JSON. */
export function apiPostBlob<T>(path: string, blob: Blob, signal?: AbortSignal): Promise<T> {
  return send<T>('POST', path, blob, signal, blob.type || 'application/octet-stream');
}

/** `/api/projects/<id>/<rest>` with the id escaped. */
export function projectPath(projectId: string, rest: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/${rest}`;
}
