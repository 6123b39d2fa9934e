import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { decodeBody } from './decode-body.js';

const MAX = 1024 * 1024;
const json = { event: 'e', distinct_id: 'u', properties: { 名字: '你好' } };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof NorthstarError ? error.code : `other: ${String(error)}`;
  }
}

/** A gzip stream of `megabytes` MB of zeros, built chunk by chunk so the test never holds the inflated data. */
async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gz = zlib.createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gz.on('data', (chunk: Buffer) => parts.push(chunk));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) {
    if (!gz.write(zeros)) await new Promise((resolve) => gz.once('drain', resolve));
  }
  await new Promise<void>((resolve) => gz.end(resolve));
  return Buffer.concat(parts);
}

describe('decodeBody', () => {
  it('parses plain JSON', async () => {
    expect(await decodeBody({ body: Buffer.from(JSON.stringify(json)), maxBytes: MAX })).toEqual(json);
  });

  it('inflates Content-Encoding: gzip', async () => {
    const body = zlib.gzipSync(JSON.stringify(json));
    expect(await decodeBody({ body, contentEncoding: 'gzip', maxBytes: MAX })).toEqual(json);
  });

  it('inflates posthog-js compression=gzip-js sent as text/plain', async () => {
    const body = zlib.gzipSync(JSON.stringify([json]));
    expect(await decodeBody({ body, contentType: 'text/plain', compression: 'gzip-js', maxBytes: MAX })).toEqual([json]);
  });

  it('decodes the posthog-js base64 form body (data=...)', async () => {
    const data = Buffer.from(JSON.stringify(json)).toString('base64');
    const body = Buffer.from(new URLSearchParams({ data }).toString());
    expect(await decodeBody({ body, contentType: 'application/x-www-form-urlencoded', maxBytes: MAX })).toEqual(json);
  });

  it('decodes a base64 form with gzip inside', async () => {
    const data = zlib.gzipSync(JSON.stringify(json)).toString('base64');
    const body = Buffer.from(new URLSearchParams({ data, compression: 'gzip-js' }).toString());
    expect(await decodeBody({ body, contentType: 'application/x-www-form-urlencoded', maxBytes: MAX })).toEqual(json);
  });

  it('parses JSON Lines', async () => {
    const body = Buffer.from(`${JSON.stringify(json)}\n\n${JSON.stringify({ ...json, event: 'f' })}\n`);
    expect(await decodeBody({ body, contentType: 'application/x-ndjson', maxBytes: MAX })).toEqual([json, { ...json, event: 'f' }]);
  });

  it('repairs lone surrogates and invalid UTF-8 bytes', async () => {
    const body = Buffer.concat([Buffer.from('{"a":"x\\ud800","b":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    expect(await decodeBody({ body, maxBytes: MAX })).toEqual({ a: 'x\uFFFD', b: '\uFFFD\uFFFD' });
  });

  it.each([
    ['malformed JSON', { body: Buffer.from('{"event":') }, 'INVALID_JSON'],
    ['empty body', { body: Buffer.alloc(0) }, 'INVALID_JSON'],
    ['bad JSON line', { body: Buffer.from('{}\n{oops'), contentType: 'application/x-ndjson' }, 'INVALID_JSON'],
    ['lz64', { body: Buffer.from('data=abc'), compression: 'lz64' }, 'UNSUPPORTED_ENCODING'],
    ['unknown encoding', { body: Buffer.from('{}'), contentEncoding: 'zstd' }, 'UNSUPPORTED_ENCODING'],
    ['corrupt gzip', { body: Buffer.from([0x1f, 0x8b, 1, 2, 3]), contentEncoding: 'gzip' }, 'INVALID_PAYLOAD'],
    ['too large plain', { body: Buffer.alloc(MAX + 1, 0x20) }, 'PAYLOAD_TOO_LARGE'],
  ])('%s → %s', async (_name, input, code) => {
    expect(await codeOf(decodeBody({ maxBytes: MAX, ...input }))).toBe(code);
  });

  it('cuts a gzip bomb off at the cap without inflating it', async () => {
    const bomb = await gzipBomb(256); // 256 MB of zeros in about 250 KB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    expect(await codeOf(decodeBody({ body: bomb, contentEncoding: 'gzip', maxBytes: MAX }))).toBe('PAYLOAD_TOO_LARGE');
    expect(await codeOf(decodeBody({ body: bomb, compression: 'gzip-js', maxBytes: MAX }))).toBe('PAYLOAD_TOO_LARGE');
    const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(grownMb).toBeLessThan(64);
  });
});
