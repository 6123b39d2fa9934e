import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { NorthstarError } from '../../../common/errors.js';
import { vetTarget, type AllowList, type Resolver } from './ssrf-guard.js';

/** Settings of {@link guardedPost}. */
export interface GuardedPostOptions {
  allow: AllowList;
  timeoutMs: number;
  resolver?: Resolver;
  /** Most response bytes read (the rest is dropped). */
  maxResponseBytes?: number;
}

/** The answer of a webhook call. */
export interface PostResult {
  status: number;
  body: string;
}

/**
 * POSTs `body` to `rawUrl` after {@link vetTarget}: the socket connects to the vetted address (a `lookup` that
 * answers with it, so the host name is not resolved a second time), TLS still verifies the host name, no redirect
 * is followed (a 3xx is returned as it is), and the whole call is bounded by `timeoutMs`.
 */
export async function guardedPost(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: GuardedPostOptions,
): Promise<PostResult> {
  const target = await vetTarget(rawUrl, options.allow, options.resolver);
  const pinned: LookupFunction = (_host, opts, callback) => {
    if (typeof opts === 'object' && opts !== null && (opts as { all?: boolean }).all === true) {
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: target.address, family: target.family }]);
    } else {
      callback(null, target.address, target.family);
    }
  };
  const client = target.url.protocol === 'https:' ? https : http;
  const limit = options.maxResponseBytes ?? 64 * 1024;
  return new Promise<PostResult>((resolve, reject) => {
    const req = client.request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Northstar-Alerts/1', ...headers },
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < limit) chunks.push(chunk.subarray(0, limit - size));
          size += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    req.on('error', (error) => reject(error instanceof NorthstarError ? error : error));
    req.end(body);
  });
}
