import { randomBytes, randomUUID } from 'node:crypto';

/** A nominal type: a string that was checked or minted as a particular kind of id. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
/** A project's id (`proj_…` or a user-chosen slug such as `demo-shop`). */
export type ProjectId = Brand<string, 'ProjectId'>;

/** Marks a string as a project id (after it was validated or looked up). */
export function asProjectId(id: string): ProjectId {
  return id as ProjectId;
}

/** A random id with a readable prefix, e.g. `proj_3k9x…`. */
export function newId(prefix: string, bytes = 12): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** A random secret with a prefix (`phc_` project tokens, `nsk_` personal API keys). */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

/**
 * A time-ordered UUIDv7 (RFC 9562): events minted server-side sort by creation time, which keeps
 * DuckDB's zone maps useful.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random UUIDv4. */
export function uuidv4(): string {
  return randomUUID();
}
