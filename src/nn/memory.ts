/**
 * A pool of Float32Array buffers keyed by length. Touching fresh memory is very slow on the VMs Northstar
 * was measured on (~12 µs per new 4 KiB page), and a training loop needs the same buffer sizes every step, so
 * tensors return their buffers here on dispose and the next step reuses them instead of allocating.
 */

const pool = new Map<number, Float32Array[]>();
let pooledBytes = 0;
/** Beyond this many pooled bytes, released buffers are left to the garbage collector. */
const MAX_POOLED_BYTES = 512 * 1024 * 1024;
/** Buffers shorter than this are cheap to allocate and not worth tracking. */
const MIN_POOLED_LENGTH = 64;

/** A buffer of `length` floats with unspecified contents (overwrite it fully, or use {@link acquireZeroed}). */
export function acquire(length: number): Float32Array {
  if (length >= MIN_POOLED_LENGTH) {
    const list = pool.get(length);
    const buf = list?.pop();
    if (buf !== undefined) {
      pooledBytes -= buf.byteLength;
      return buf;
    }
  }
  return new Float32Array(length);
}

/** A zero-filled buffer of `length` floats. */
export function acquireZeroed(length: number): Float32Array {
  const buf = acquire(length);
  buf.fill(0);
  return buf;
}

/** Hands a buffer back; the caller must not use it afterwards. */
export function release(buf: Float32Array): void {
  if (buf.length < MIN_POOLED_LENGTH || buf.byteOffset !== 0 || buf.length !== buf.buffer.byteLength / 4) return;
  if (pooledBytes + buf.byteLength > MAX_POOLED_BYTES) return;
  let list = pool.get(buf.length);
  if (list === undefined) {
    list = [];
    pool.set(buf.length, list);
  }
  list.push(buf);
  pooledBytes += buf.byteLength;
}

/** Drops every pooled buffer (after training, to return memory). */
export function clearPool(): void {
  pool.clear();
  pooledBytes = 0;
}

/** Bytes currently held by the pool (diagnostics and tests). */
export function pooledMemory(): number {
  return pooledBytes;
}
