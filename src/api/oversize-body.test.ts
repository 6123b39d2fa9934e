import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-support.js';

/**
 * Oversize bodies over a real socket. Node's `fetch` (like the SDKs) writes the whole body before it reads the
 * answer, so the server must read and discard the body to deliver its 413 rather than a connection reset
 * (EPIPE / ECONNRESET). The client runs in a child process: in the server's own event loop the race that
 * produces the reset does not happen, so an in-process client would pass even against a server that does not drain.
 */

const run = promisify(execFile);
const MB = 1024 * 1024;
const maxBodyBytes = 2 * MB;
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await makeTestApp({ limits: { maxBodyBytes } });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t.close();
});

/**
 * Sends `attempts` PostHog batches of about `bytes` bytes with Node's fetch from a child process, then one
 * small batch on the same keep-alive pool; prints each outcome (`413 PAYLOAD_TOO_LARGE`, `200`, or `ERR <cause>`).
 */
const CLIENT = `
const [base, token, bytes, attempts, chunked] = process.argv.slice(1);
const body = (size) => JSON.stringify({ api_key: token, batch: [{ event: 'e', distinct_id: 'u', properties: { pad: 'x'.repeat(size) } }] });
const send = (payload) => {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload };
  if (chunked === '1' && payload.length > 1000) {
    const bytes = new TextEncoder().encode(payload);
    let at = 0;
    init.body = new ReadableStream({ pull(c) { if (at >= bytes.length) c.close(); else { c.enqueue(bytes.subarray(at, at + 65536)); at += 65536; } } });
    init.duplex = 'half';
  }
  return fetch(base + '/batch', init).then(
    async (r) => { const j = await r.json(); return r.status + (j.error ? ' ' + j.error.code : ''); },
    (e) => 'ERR ' + String(e.cause?.code ?? e.message),
  );
};
const out = [];
for (let i = 0; i < Number(attempts); i++) out.push(await send(body(Number(bytes))));
out.push(await send(body(10)));
console.log(JSON.stringify(out));
`;

async function client(bytes: number, attempts: number, chunked = false): Promise<string[]> {
  const args = ['--input-type=module', '-e', CLIENT, base, t.project.token, String(bytes), String(attempts), chunked ? '1' : '0'];
  const { stdout } = await run(process.execPath, args, { timeout: 60_000 });
  return JSON.parse(stdout) as string[];
}

describe('oversize bodies from fetch on a live port', () => {
  it('delivers 413 PAYLOAD_TOO_LARGE for a Content-Length over the limit (up to 4x), then serves the next request', async () => {
    expect(await client(7 * MB, 3)).toEqual(['413 PAYLOAD_TOO_LARGE', '413 PAYLOAD_TOO_LARGE', '413 PAYLOAD_TOO_LARGE', '200']);
    expect(await t.northstar.store.countEvents(t.project.id)).toBe(1);
  }, 90_000);

  it('delivers 413 for a chunked body that grows past the limit', async () => {
    expect(await client(5 * MB, 2, true)).toEqual(['413 PAYLOAD_TOO_LARGE', '413 PAYLOAD_TOO_LARGE', '200']);
  }, 90_000);

  it('does not read bodies declared beyond 4x the limit, and stays up', async () => {
    const [huge, after] = await client(12 * MB, 1);
    // Not drained: the client sees the 413 or a reset, whichever the race gives.
    expect(huge).toMatch(/^(413 PAYLOAD_TOO_LARGE|ERR )/);
    expect(after).toBe('200');
  }, 90_000);
});
