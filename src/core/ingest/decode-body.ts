import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { NorthstarError } from '../../common/errors.js';
import { repairSurrogates } from './surrogates.js';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotli = promisify(zlib.brotliDecompress);

/** How a request body arrived: raw bytes plus the headers and query fields that say how to read them. */
export interface EncodedBody {
  body: Buffer;
  /** `Content-Encoding` header (gzip, deflate, br, identity). */
  contentEncoding?: string | undefined;
  /** `Content-Type` header; `application/x-www-form-urlencoded` means posthog-js's `data=<base64>` form. */
  contentType?: string | undefined;
  /** posthog-js `?compression=` query value: `gzip-js`, `base64`, `lz64`. */
  compression?: string | undefined;
  /** Largest body accepted after decompression. */
  maxBytes: number;
}

function tooLarge(maxBytes: number): NorthstarError {
  return new NorthstarError('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes after decompression`, {
    details: { maxBodyBytes: maxBytes },
  });
}

/**
 * Inflates with a hard output cap. zlib stops and errors as soon as the output passes `maxOutputLength`,
 * so a gzip bomb costs at most `maxBytes` of memory and the time to inflate that much, never its full size.
 */
async function inflateCapped(kind: 'gzip' | 'deflate' | 'br', data: Buffer, maxBytes: number): Promise<Buffer> {
  const options = { maxOutputLength: maxBytes };
  try {
    if (kind === 'gzip') return await gunzip(data, options);
    if (kind === 'deflate') return await inflate(data, options);
    return await brotli(data, options);
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw new NorthstarError('INVALID_PAYLOAD', `the body is not valid ${kind} data`, { cause: error });
  }
}

function isGzip(data: Buffer): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

function unsupported(what: string): NorthstarError {
  return new NorthstarError('UNSUPPORTED_ENCODING', `${what} is not supported`);
}

/** Removes transfer encodings (Content-Encoding, posthog-js compression) and returns the plain bytes. */
export async function decompressBody(input: EncodedBody): Promise<Buffer> {
  const encoding = (input.contentEncoding ?? 'identity').trim().toLowerCase();
  const compression = (input.compression ?? '').trim().toLowerCase();
  let data = input.body;
  if (encoding === 'gzip' || encoding === 'x-gzip') data = await inflateCapped('gzip', data, input.maxBytes);
  else if (encoding === 'deflate') data = await inflateCapped('deflate', data, input.maxBytes);
  else if (encoding === 'br') data = await inflateCapped('br', data, input.maxBytes);
  else if (encoding !== 'identity' && encoding !== '') throw unsupported(`Content-Encoding "${encoding}"`);
  if (compression === 'lz64' || compression === 'lz-string') throw unsupported('lz64 (lz-string) compression; use gzip-js');
  // posthog-js sends gzip-js with text/plain and no Content-Encoding; the magic bytes also catch a lost query.
  if (compression === 'gzip-js' || compression === 'gzip' || isGzip(data)) {
    if (isGzip(data)) data = await inflateCapped('gzip', data, input.maxBytes);
    else if (compression !== '') throw new NorthstarError('INVALID_PAYLOAD', 'compression=gzip-js but the body is not gzip data');
  }
  if (data.length > input.maxBytes) throw tooLarge(input.maxBytes);
  return data;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new NorthstarError('INVALID_JSON', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Parses JSON Lines: one JSON value per non-blank line. */
function parseJsonLines(text: string): unknown[] {
  const out: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    try {
      out.push(JSON.parse(line) as unknown);
    } catch (error) {
      throw new NorthstarError('INVALID_JSON', `line ${i + 1} is not valid JSON: ${(error as Error).message}`, { details: { line: i + 1 } });
    }
  }
  return out;
}

/**
 * posthog-js legacy form body: `data=<base64 of JSON>` (urlencoded), optionally with `compression=` inside
 * the form. Returns the decoded bytes, `undefined` when the body is not such a form.
 */
async function decodeForm(text: string, input: EncodedBody): Promise<Buffer | undefined> {
  const form = new URLSearchParams(text);
  const data = form.get('data');
  if (data === null) return undefined;
  const compression = (form.get('compression') ?? input.compression ?? '').toLowerCase();
  if (compression === 'lz64' || compression === 'lz-string') throw unsupported('lz64 (lz-string) compression; use gzip-js');
  const trimmed = data.trim();
  // A form field may hold JSON directly (curl -d data={...}); otherwise it is base64.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return Buffer.from(trimmed, 'utf8');
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length === 0) throw new NorthstarError('INVALID_PAYLOAD', 'the "data" form field is not base64');
  const plain = isGzip(bytes) ? await inflateCapped('gzip', bytes, input.maxBytes) : bytes;
  if (plain.length > input.maxBytes) throw tooLarge(input.maxBytes);
  return plain;
}

/** A decoded body: the parsed value and the size of the JSON text it was parsed from (after decompression). */
export interface DecodedBody {
  value: unknown;
  bytes: number;
}

// A lone surrogate can only enter through a `\uD8xx`-`\uDFxx` escape: UTF-8 decoding never produces one.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * Turns a request body into parsed JSON: decompresses (capped), decodes UTF-8 (invalid bytes → U+FFFD),
 * unwraps posthog-js's base64 form, parses JSON or JSON Lines (`application/x-ndjson`, `application/jsonl`),
 * and repairs lone surrogates. Throws INVALID_JSON, PAYLOAD_TOO_LARGE, UNSUPPORTED_ENCODING, INVALID_PAYLOAD.
 */
export async function decodeRequestBody(input: EncodedBody): Promise<DecodedBody> {
  let plain = await decompressBody(input);
  const contentType = (input.contentType ?? '').toLowerCase();
  let text = decoder.decode(plain);
  if (contentType.includes('x-www-form-urlencoded') || text.startsWith('data=')) {
    const form = await decodeForm(text, input);
    if (form !== undefined) {
      plain = form;
      text = decoder.decode(form);
    }
  } else if (input.compression?.toLowerCase() === 'base64') {
    plain = Buffer.from(text.trim(), 'base64');
    text = decoder.decode(plain);
  }
  if (text.trim() === '') throw new NorthstarError('INVALID_JSON', 'the body is empty');
  const lines = contentType.includes('ndjson') || contentType.includes('jsonl') || contentType.includes('json-seq');
  const parsed = lines ? parseJsonLines(text) : parseJson(text);
  // The scan is a fraction of a microsecond per event; the walk it saves is several.
  return { value: SURROGATE_ESCAPE.test(text) ? repairSurrogates(parsed) : parsed, bytes: plain.length };
}

/** {@link decodeRequestBody} without the size: just the parsed, repaired value. */
export async function decodeBody(input: EncodedBody): Promise<unknown> {
  return (await decodeRequestBody(input)).value;
}
