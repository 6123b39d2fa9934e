/**
 * A set of 64-bit hashes of (project id, event uuid), each given as two 32-bit halves, kept in two typed
 * arrays with open addressing and linear probing. It answers "might this event be stored already?"
 * without touching the table: a miss is certain, a hit must be confirmed against the table (two keys can
 * share a hash, and a collision must never drop an event). 8 bytes per slot at most 75 % full: 10 M
 * events take 128 MiB, against more than 1 GiB for a JS Set of strings. The hashes come from DuckDB
 * (see dedup-hashes.ts) so that loading them at open needs no strings on the JS side.
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

  /** True when the same 64-bit hash was added (confirm against the table before trusting it). */
  has(hi: number, lo: number): boolean {
    const [h, l] = normalise(hi, lo);
    for (let i = l & this.mask; ; i = (i + 1) & this.mask) {
      const sh = this.hi[i] ?? 0;
      const sl = this.lo[i] ?? 0;
      if (sh === 0 && sl === 0) return false;
      if (sh === h && sl === l) return true;
    }
  }

  /** Adds a hash; returns false when it was already present. */
  add(hi: number, lo: number): boolean {
    if (this.count + 1 > (this.mask + 1) * 0.75) this.grow();
    const [h, l] = normalise(hi, lo);
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

/** (0, 0) marks an empty slot, so that one hash value is stored as (0, 1); unsigned 32-bit halves. */
function normalise(hi: number, lo: number): [number, number] {
  const h = hi >>> 0;
  const l = lo >>> 0;
  return h === 0 && l === 0 ? [0, 1] : [h, l];
}
