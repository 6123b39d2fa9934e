/**
 * Float64 LAPACK through the native addon (`native/src/lapack.cc`: OpenBLAS `dpotrf` + `dpotri`), for
 * product algorithms that need a dense SPD inverse (EASE in ml/recommend). Optional like the native backend:
 * when the addon is missing, predates this entry point, or was built without LAPACK, callers get `undefined`
 * and use their own TypeScript path.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NATIVE_ADDON_PATH } from './native.js';

interface LapackAddon {
  spdInverse64?: (a: Float64Array, n: number) => number;
}

/** The addon's LAPACK-unavailable code (lapack.h `kLapackUnavailable`). */
const LAPACK_UNAVAILABLE = -1000;

let addon: LapackAddon | null | undefined;

function load(): LapackAddon | null {
  if (addon !== undefined) return addon;
  addon = null;
  if (!existsSync(NATIVE_ADDON_PATH)) return addon;
  try {
    addon = createRequire(import.meta.url)(NATIVE_ADDON_PATH) as LapackAddon;
  } catch {
    addon = null;
  }
  return addon;
}

/** Result of {@link nativeSpdInverse64}: inverted in place, not positive definite at `order`, or no native path. */
export type NativeSpdResult = { ok: true } | { ok: false; notPositiveDefinite: true; order: number } | undefined;

/**
 * Inverts the symmetric positive-definite row-major n × n `a` in place with a Cholesky factorisation in
 * LAPACK. Returns `undefined` when no native LAPACK is available (nothing was touched).
 */
export function nativeSpdInverse64(a: Float64Array, n: number): NativeSpdResult {
  if (!Number.isInteger(n) || n < 0 || a.length < n * n) throw new RangeError(`spdInverse64: needs ${n}×${n} values, got ${a.length}`);
  const fn = load()?.spdInverse64;
  if (typeof fn !== 'function') return undefined;
  const info = fn(a, n);
  if (info === LAPACK_UNAVAILABLE) return undefined;
  if (info === 0) return { ok: true };
  // dpotrf's info > 0 names the leading minor that is not positive definite (1-based); a is then partly
  // overwritten, as with any in-place factorisation.
  return { ok: false, notPositiveDefinite: true, order: info };
}
