import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drainRequestBody, shouldDrain } from './drain-body.js';

/** A stream standing in for a request body (the live-port behaviour is in oversize-body.test.ts). */
function body(): PassThrough & IncomingMessage {
  return new PassThrough() as PassThrough & IncomingMessage;
}

describe('drainRequestBody', () => {
  it('reads a body to its end and reports it ended', async () => {
    const raw = body();
    const done = drainRequestBody(raw, { maxBytes: 100, maxMs: 5_000 });
    raw.write(Buffer.alloc(60));
    raw.end(Buffer.alloc(30));
    expect(await done).toBe(true);
  });

  it('gives up past the byte bound and when the time bound passes', async () => {
    const big = body();
    const overBytes = drainRequestBody(big, { maxBytes: 100, maxMs: 5_000 });
    big.write(Buffer.alloc(101));
    expect(await overBytes).toBe(false);
    expect(big.isPaused()).toBe(true);
    const slow = body();
    slow.write(Buffer.alloc(10));
    expect(await drainRequestBody(slow, { maxBytes: 100, maxMs: 20 })).toBe(false);
  });
});

describe('shouldDrain', () => {
  it('drains chunked bodies and declared lengths within the bound only', () => {
    expect(shouldDrain(undefined, 1000)).toBe(true);
    expect(shouldDrain('1000', 1000)).toBe(true);
    expect(shouldDrain('1001', 1000)).toBe(false);
    expect(shouldDrain('abc', 1000)).toBe(false);
  });
});
