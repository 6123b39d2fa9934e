import { createGzip } from 'node:zlib';

/**
 * Hostile request bodies for the bad-input test, built without ever holding the inflated size in memory.
 */

/**
 * A gzip bomb: a PostHog `/batch` body whose JSON is `{"api_key":…,"batch":[` + `inflatedBytes` of spaces +
 * `]}`, i.e. valid JSON once fully inflated (the nastiest kind: a server that inflates it all would parse it).
 * Spaces compress about 1000:1, so 1 GiB inflates from roughly 1 MiB on the wire.
 */
export async function gzipBomb(token: string, inflatedBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
  });
  const write = (data: Buffer | string): Promise<void> =>
    new Promise((resolve) => {
      if (gzip.write(data)) resolve();
      else gzip.once('drain', resolve);
    });
  await write(`{"api_key":${JSON.stringify(token)},"batch":[`);
  const block = Buffer.alloc(1 << 20, 0x20);
  for (let written = 0; written < inflatedBytes; written += block.length) await write(block);
  await write(']}');
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

/** Peak resident set size of a process in bytes (Linux `/proc/<pid>/status` VmHWM); undefined elsewhere. */
export async function peakRssBytes(pid: number): Promise<number | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
