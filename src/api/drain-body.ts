import type { IncomingMessage } from 'node:http';

/** How much of an oversize body the server reads and discards before answering 413 (multiples of the body limit). */
export const DRAIN_LIMIT_FACTOR = 4;
/** Longest time spent discarding an oversize body before answering anyway. */
export const DRAIN_TIME_MS = 10_000;

/** Bounds of {@link drainRequestBody}. */
export interface DrainBounds {
  /** Most bytes read and discarded from now on. */
  maxBytes: number;
  /** Most milliseconds spent. */
  maxMs: number;
}

/**
 * Reads and discards the rest of a request body so that a client which writes its whole body before reading
 * the answer (Node's `fetch`, the SDKs) receives the answer instead of EPIPE / ECONNRESET: closing a socket
 * with unread data makes the kernel reset the connection, and the client's pending write fails before it
 * reads anything. Resolves `true` when the body ended (the connection stays usable), `false` when a bound was
 * hit or the request failed (the caller should answer with `Connection: close`). Never buffers the data.
 */
export function drainRequestBody(raw: IncomingMessage, bounds: DrainBounds): Promise<boolean> {
  if (raw.complete || raw.readableEnded) return Promise.resolve(true);
  if (raw.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    let read = 0;
    const finish = (ended: boolean): void => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('error', onFail);
      raw.off('close', onClose);
      // Stop pulling from a client that keeps sending past the bound.
      if (!ended) raw.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer | string): void => {
      read += chunk.length;
      if (read > bounds.maxBytes) finish(false);
    };
    const onEnd = (): void => finish(true);
    const onFail = (): void => finish(false);
    const onClose = (): void => finish(raw.complete);
    const timer = setTimeout(() => finish(false), bounds.maxMs);
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onFail);
    raw.on('close', onClose);
    raw.resume();
  });
}

/**
 * Whether an oversize body is worth draining: bodies that declare a length beyond the bound are refused at
 * once (reading 4x the limit of a 10 GB upload would only waste bandwidth); chunked bodies (no length) are
 * drained up to the bound.
 */
export function shouldDrain(contentLength: string | undefined, maxBytes: number): boolean {
  if (contentLength === undefined) return true;
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared <= maxBytes;
}
