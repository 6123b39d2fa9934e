import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in `test/e2e/helpers/`). */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
/**
 * The real CLI entry point, exactly as users run it. `NORTHSTAR_E2E_CLI` points the e2e tests at another
 * entry point (e.g. an installed package's bin) without changing them.
 */
const CLI_OVERRIDE = process.env.NORTHSTAR_E2E_CLI;
export const CLI_BIN = CLI_OVERRIDE ?? path.join(REPO_ROOT, 'bin', 'northstar.js');

/** Options of {@link startServerProcess}. */
export interface StartServerOptions {
  /** Data directory (NORTHSTAR_DATA_DIR); must already hold the projects the test uses. */
  dataDir: string;
  /** Port to listen on; a free one is picked when omitted. Restarts reuse the same port. */
  port?: number;
  /** Extra environment (e.g. NORTHSTAR_MAX_BODY_BYTES). */
  env?: Record<string, string>;
  /** How long to wait for `GET /health` to answer 200 (default 30 s). */
  readyTimeoutMs?: number;
}

/** A live `northstar serve` child process. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** True until the process has exited. */
  running(): boolean;
  /** Sends `signal` (default SIGKILL) and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Graceful stop: SIGTERM, then SIGKILL after `graceMs` (default 15 s). Resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** The last lines the process wrote on stdout and stderr (for failure messages). */
  output(): string;
}

/** Asks the kernel for a free TCP port on loopback. */
async function freePort(): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Fails with a clear message when the server build is missing (the CLI runs `dist/`). */
export function assertBuilt(): void {
  if (CLI_OVERRIDE === undefined && !existsSync(path.join(REPO_ROOT, 'dist'))) {
    throw new Error('dist/ is missing: run `npm run build:server` before the e2e tests (npm test does it).');
  }
}

/** Environment for CLI children: the test's data dir and port, quiet logs, no inherited NORTHSTAR_* values. */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('NORTHSTAR_')) env[key] = value;
  }
  return { ...env, NORTHSTAR_DATA_DIR: dataDir, NORTHSTAR_HOST: '127.0.0.1', NORTHSTAR_LOG_LEVEL: 'warn', ...extra };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Spawns the real CLI (`node bin/northstar.js serve`) on a data directory and resolves once `GET /health`
 * answers 200. Rejects with the process output when it exits first or is not ready in time.
 */
export async function startServerProcess(options: StartServerOptions): Promise<ServerProcess> {
  assertBuilt();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [CLI_BIN, 'serve'], {
    cwd: REPO_ROOT,
    env: cliEnv(options.dataDir, { NORTHSTAR_PORT: String(port), ...(options.env ?? {}) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep a bounded tail of the output: enough to explain a failure, never unbounded memory.
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    });
  });

  const server: ServerProcess = {
    url,
    port,
    dataDir: options.dataDir,
    child,
    running: () => !exited,
    kill: async (signal = 'SIGKILL') => {
      if (!exited) child.kill(signal);
      await exit;
    },
    stop: async (graceMs = 15_000) => {
      if (exited) return await exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
    output: () => tail,
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`northstar serve exited before it was ready (code ${String(await exit)}):\n${tail}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) {
        const body = (await response.json()) as { status?: unknown };
        if (body.status === 'ok') return server;
      } else {
        await response.body?.cancel();
      }
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  await server.kill();
  throw new Error(`northstar serve was not ready within the timeout on ${url}:\n${tail}`);
}
