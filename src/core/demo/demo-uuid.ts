/**
 * Deterministic, UUID-formatted ids for the demo shop. The same (seed, stream, counter) always gives the same
 * id, so loading the demo twice stores nothing new: the store dedups on the event uuid.
 */

/** A 32-bit integer hash (lowbias32); a bijection on 32-bit values, so distinct counters never collide. */
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number): string =>
  (HEX[n >>> 24] ?? '') + (HEX[(n >>> 16) & 255] ?? '') + (HEX[(n >>> 8) & 255] ?? '') + (HEX[n & 255] ?? '');

/** Id streams, so events, sessions, orders and feedback never share a counter space. */
export const DEMO_ID_STREAM = { event: 1, session: 2, order: 3, feedback: 4 } as const;

/**
 * A version-8 (custom) UUID derived from `seed`, `stream` and `counter`. The first 32 bits are a bijection of the
 * counter for a fixed seed and stream, which rules out collisions inside one dataset.
 */
export function demoUuid(seed: number, stream: number, counter: number): string {
  const key = mix32((seed >>> 0) ^ mix32(stream * 0x9e3779b9));
  const w0 = mix32(key ^ mix32(counter >>> 0));
  const w1 = mix32(w0 ^ key ^ 0x632be5ab);
  const w2 = mix32(w1 ^ (counter >>> 0));
  const w3 = mix32(w2 ^ key ^ 0x85ebca6b);
  // Version nibble 8 (RFC 9562 "custom") and the RFC variant bits; w0 stays whole.
  const v1 = ((w1 & 0xffff0fff) | 0x00008000) >>> 0;
  const v2 = ((w2 & 0x3fffffff) | 0x80000000) >>> 0;
  const h1 = hex8(v1);
  const h2 = hex8(v2);
  return `${hex8(w0)}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex8(w3)}`;
}
