// Builds the optional native backend (OpenBLAS + C++ kernels) with npm's bundled node-gyp against the
// installed Node headers. Runs from the root `install` script; it never fails the install: without a
// compiler or BLAS the portable `js` backend is used and this prints how to enable the fast path.
// Set NORTHSTAR_SKIP_NATIVE=1 to skip the build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    '/usr/local/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    '/usr/share/nodejs/node-gyp/bin/node-gyp.js',
  ];
  return candidates.find((c) => c && existsSync(c));
}

function explain(reason) {
  console.warn(`[northstar] native nn backend not built: ${reason}`);
  console.warn('[northstar] training uses the portable js backend. To enable the fast path install a C++ compiler,');
  console.warn('[northstar] make, python3 and OpenBLAS (Debian/Ubuntu: apt-get install g++ make python3 libopenblas-dev;');
  console.warn('[northstar] macOS: xcode-select --install), then run `node native/build.js`. Check with `northstar doctor`.');
}

function main() {
  if (process.env.NORTHSTAR_SKIP_NATIVE === '1') {
    console.warn('[northstar] NORTHSTAR_SKIP_NATIVE=1: native nn backend skipped.');
    return;
  }
  const gyp = findNodeGyp();
  if (!gyp) return explain('node-gyp (bundled with npm) was not found');
  const nodedir = process.env.npm_config_nodedir || (existsSync('/usr/include/node/node_api.h') ? '/usr' : undefined);
  const args = [gyp, 'rebuild', '--loglevel=warn'];
  if (nodedir) args.push(`--nodedir=${nodedir}`);
  const result = spawnSync(process.execPath, args, { cwd: here, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) return explain(result.error.message);
  if (result.status !== 0) return explain(`node-gyp exited with status ${result.status} (see the messages above)`);
  console.log('[northstar] native nn backend built: native/build/Release/northstar_nn.node');
}

try {
  main();
} catch (error) {
  explain(error instanceof Error ? error.message : String(error));
}
process.exitCode = 0;
