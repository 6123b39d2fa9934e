import { isPlainObject } from './build-event.js';

/** The serialised size of a raw event and, when it could be split out, the JSON of its `properties`. */
export interface EventSize {
  /** UTF-8 bytes of `JSON.stringify(raw)`, exactly. */
  bytes: number;
  /** `JSON.stringify(raw.properties)`, when `raw.properties` is a plain object: reusable for the properties column. */
  propertiesJson?: string;
}

/**
 * Measures an event for the per-event size limit without serialising its properties twice: the properties are
 * serialised on their own (the store needs that text anyway) and the rest of the event with a one-byte
 * placeholder in their place. `JSON.stringify` writes a key's value where the key stands, so the sum is exactly
 * the size of the whole event's JSON.
 */
export function measureEvent(raw: unknown): EventSize {
  if (!isPlainObject(raw) || typeof raw['toJSON'] === 'function' || !isPlainObject(raw['properties'])) {
    return { bytes: Buffer.byteLength(JSON.stringify(raw) ?? 'null', 'utf8') };
  }
  const propertiesJson = JSON.stringify(raw['properties']);
  const rest = JSON.stringify({ ...raw, properties: 0 });
  return { bytes: Buffer.byteLength(rest, 'utf8') - 1 + Buffer.byteLength(propertiesJson, 'utf8'), propertiesJson };
}

/**
 * True when `built` has exactly the keys of `source`, in the same order, with identical values, so that
 * `JSON.stringify(built)` equals `JSON.stringify(source)`. Mappers that add keys (Segment's `$context`, a
 * replaced timestamp) make it false, and the store then serialises the built properties itself.
 */
export function sameProperties(built: Record<string, unknown>, source: Record<string, unknown>): boolean {
  const keys = Object.keys(built);
  const sourceKeys = Object.keys(source);
  if (keys.length !== sourceKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key !== sourceKeys[i] || built[key] !== source[key]) return false;
  }
  return true;
}
