import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { assertBuilt, CLI_BIN, cliEnv, REPO_ROOT } from './server-process.js';

const execFileAsync = promisify(execFile);

/** What `northstar project create NAME --json` prints (issue 2, "Contract"). */
export interface CreatedProject {
  id: string;
  /** Public ingest token (PostHog api_key / Segment write key). */
  token: string;
  /** Secret personal API key for the query API. */
  apiKey: string;
}

/** Runs the real CLI (`node bin/northstar.js ...args`) against a data directory and returns its stdout. */
export async function runCli(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  assertBuilt();
  try {
    const { stdout } = await execFileAsync(process.execPath, [CLI_BIN, ...args], {
      cwd: REPO_ROOT,
      env: cliEnv(dataDir, env),
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: unknown };
    throw new Error(
      `northstar ${args.join(' ')} failed (exit ${String(e.code)}):\n${e.stderr ?? ''}\n${e.stdout ?? ''}`,
      { cause: error },
    );
  }
}

/** Creates a project through the CLI (before `serve` starts: the server owns the DuckDB file while it runs). */
export async function createProject(dataDir: string, name: string): Promise<CreatedProject> {
  const stdout = await runCli(dataDir, ['project', 'create', name, '--json']);
  // The JSON document is the last non-empty line (a first run may log store creation before it).
  const lines = stdout.trim().split('\n');
  const parsed = JSON.parse(lines.slice(lines.findIndex((line) => line.trimStart().startsWith('{'))).join('\n')) as Partial<CreatedProject>;
  if (typeof parsed.id !== 'string' || typeof parsed.token !== 'string' || typeof parsed.apiKey !== 'string') {
    throw new Error(`project create --json printed an unexpected document: ${stdout}`);
  }
  return { id: parsed.id, token: parsed.token, apiKey: parsed.apiKey };
}

/** A fresh temporary data directory, with a remover for `afterAll`. */
export async function tempDataDir(label: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `northstar-${label}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
