// `npm start`: build what is missing or stale, then serve the data directory (NORTHSTAR_DATA_DIR, default
// .northstar), loading the demo shop first when the store has no projects. Prints the URL when ready.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['dist/cli/main.js', 'dist/web/index.html'].map((p) => path.join(root, p));
const sources = ['src', 'web/src'].map((p) => path.join(root, p));

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (entry.isFile()) latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

/** True when an output is missing or older than any source file. */
function needsBuild() {
  if (outputs.some((file) => !existsSync(file))) return true;
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return sources.some((dir) => newest(dir) > oldestOutput);
}

if (needsBuild()) {
  console.error('Building Northstar (npm run build)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Build output goes to stderr, so stdout carries only what the server prints (its URL).
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    console.error(`error BUILD_FAILED: npm run build exited with ${build.status ?? build.signal}\nhint: fix the errors above, then run npm start again.`);
    process.exit(1);
  }
}

const { main } = await import(pathToFileURL(path.join(root, 'dist/cli/main.js')).href);
await main(['serve', '--demo-if-empty', ...process.argv.slice(2)]);
