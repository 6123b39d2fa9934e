/**
 * A set of 64-bit hashes of (project id, event uuid), kept in two typed arrays with open addressing and
 * linear probing. It answers "might this event be stored already?" without touching the table: a miss is
 * certain, a hit must be confirmed against the table (two different keys can share a hash, and a
 * collision must never drop an event). 8 bytes per slot at most 75 % full: 10 M events take 128 MiB,
 * against more than 1 GiB for a JS Set of strings.
 */
export class UuidHashSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private mask: number;
  private count = 0;

  /** @param expected number of keys to size for up front (the set grows by doubling anyway). */
  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity * 0.75 < expected) capacity *= 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Number of distinct hashes held. */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the table (for logs and the memory budget). */
  get byteLength(): number {
    return this.hi.byteLength + this.lo.byteLength;
  }

  /** True when a key with the same 64-bit hash was added (confirm against the table before trusting it). */
  has(projectId: string, uuid: string): boolean {
    const [h, l] = hashKey(projectId, uuid);
    for (let i = l & this.mask; ; i = (i + 1) & this.mask) {
      const sh = this.hi[i] ?? 0;
      const sl = this.lo[i] ?? 0;
      if (sh === 0 && sl === 0) return false;
      if (sh === h && sl === l) return true;
    }
  }

  /** Adds the key's hash; returns false when that hash was already present. */
  add(projectId: string, uuid: string): boolean {
    if ((this.count + 1) > (this.mask + 1) * 0.75) this.grow();
    const [h, l] = hashKey(projectId, uuid);
    return this.insertHash(h, l);
  }

  private insertHash(h: number, l: number): boolean {
    for (let i = l & this.mask; ; i = (i + 1) & this.mask) {
      const sh = this.hi[i] ?? 0;
      const sl = this.lo[i] ?? 0;
      if (sh === 0 && sl === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        this.count++;
        return true;
      }
      if (sh === h && sl === l) return false;
    }
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    const capacity = oldHi.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < oldHi.length; i++) {
      const h = oldHi[i] ?? 0;
      const l = oldLo[i] ?? 0;
      if (h !== 0 || l !== 0) this.insertHash(h, l);
    }
  }
}

/**
 * Two independent 32-bit multiply-xorshift hashes (cyrb53's mixing, both halves kept) over
 * `projectId \u0000 uuid`. Never returns (0, 0), which marks an empty slot.
 */
export function hashKey(projectId: string, uuid: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const mix = (code: number): void => {
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  };
  for (let i = 0; i < projectId.length; i++) mix(projectId.charCodeAt(i));
  mix(0);
  for (let i = 0; i < uuid.length; i++) mix(uuid.charCodeAt(i));
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hi = h2 >>> 0;
  const lo = h1 >>> 0;
  return hi === 0 && lo === 0 ? [0, 1] : [hi, lo];
}
