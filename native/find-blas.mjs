// Prints the compiler/linker flags binding.gyp needs for BLAS, so one binding.gyp works with Debian's
// OpenBLAS (any flavour), Homebrew's, or a path given in NORTHSTAR_BLAS_INCLUDE / NORTHSTAR_BLAS_LIB.
// Usage (from binding.gyp): node find-blas.mjs include|libdir|libs
import fs from 'node:fs';
import path from 'node:path';

const what = process.argv[2];
const env = process.env;

const includeCandidates = [
  env.NORTHSTAR_BLAS_INCLUDE,
  '/usr/include/x86_64-linux-gnu/openblas-pthread',
  '/usr/include/aarch64-linux-gnu/openblas-pthread',
  '/usr/include/x86_64-linux-gnu/openblas-openmp',
  '/usr/include/x86_64-linux-gnu/openblas-serial',
  '/usr/include/openblas',
  '/usr/include/x86_64-linux-gnu',
  '/usr/include',
  '/opt/homebrew/opt/openblas/include',
  '/usr/local/opt/openblas/include',
].filter(Boolean);

const libCandidates = [
  env.NORTHSTAR_BLAS_LIB,
  '/usr/lib/x86_64-linux-gnu/openblas-pthread',
  '/usr/lib/aarch64-linux-gnu/openblas-pthread',
  '/usr/lib/x86_64-linux-gnu/openblas-openmp',
  '/usr/lib/x86_64-linux-gnu/openblas-serial',
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
  '/opt/homebrew/opt/openblas/lib',
  '/usr/local/opt/openblas/lib',
].filter(Boolean);

function firstWith(dirs, file) {
  return dirs.find((d) => fs.existsSync(path.join(d, file)));
}

if (what === 'include') {
  const dir = firstWith(includeCandidates, 'cblas.h');
  process.stdout.write(dir ?? '');
} else if (what === 'libdir') {
  const dir = firstWith(libCandidates, 'libopenblas.so') ?? firstWith(libCandidates, 'libopenblas.dylib');
  process.stdout.write(dir ?? '');
} else {
  process.stderr.write('usage: node find-blas.mjs include|libdir\n');
  process.exitCode = 2;
}
