/**
 * Which backend the engine computes on. The default is `native` when the addon loads, else `wasm` (our SIMD128
 * kernels, portable), else `js`; the CLI or API may pick one explicitly with {@link setBackend}.
 * {@link backendStatus} explains the choice (doctor).
 */
import { NorthstarError } from '../../common/errors.js';
import type { Backend } from './backend.js';
import { jsBackend } from './js.js';
import { loadNativeBackend, type NativeLoad } from './native.js';
import { createWasmBackend, type WasmBackend } from './wasm-backend.js';

let nativeLoad: NativeLoad | undefined;
let wasmLoad: { ok: true; backend: WasmBackend } | { ok: false; reason: string } | undefined;
let current: Backend | undefined;

function native(): NativeLoad {
  nativeLoad ??= loadNativeBackend();
  return nativeLoad;
}

// Created on first use: instantiating costs a few milliseconds and its helper thread starts only with the
// first large GEMM (and is unref'd, so it never keeps the process alive).
function wasm(): NonNullable<typeof wasmLoad> {
  if (wasmLoad === undefined) {
    try {
      wasmLoad = { ok: true, backend: createWasmBackend() };
    } catch (error) {
      wasmLoad = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  return wasmLoad;
}

/** Names of the backends that can be used in this process, fastest first. */
export function availableBackends(): string[] {
  return [...(native().ok ? ['native'] : []), ...(wasm().ok ? ['wasm'] : []), 'js'];
}

/** The backend ops compute on. */
export function getBackend(): Backend {
  if (current === undefined) {
    const n = native();
    const w = n.ok ? undefined : wasm();
    current = n.ok ? n.backend : w?.ok ? w.backend : jsBackend;
  }
  return current;
}

/** Looks up a backend by name without selecting it. */
export function findBackend(name: string): Backend {
  if (name === 'js') return jsBackend;
  if (name === 'native') {
    const n = native();
    if (n.ok) return n.backend;
    throw new NorthstarError('NN_BACKEND_UNAVAILABLE', `The native nn backend is unavailable: ${n.reason}`);
  }
  if (name === 'wasm') {
    const w = wasm();
    if (w.ok) return w.backend;
    throw new NorthstarError('NN_BACKEND_UNAVAILABLE', `The wasm nn backend is unavailable: ${w.reason}`, { hint: 'Use Node.js 20 or newer, or the js backend.' });
  }
  throw new NorthstarError('INVALID_ARGUMENT', `Unknown nn backend "${name}"; use one of ${availableBackends().join(', ')}`);
}

/** Selects the backend by name (`js` | `wasm` | `native`) or instance; returns the previous one. */
export function setBackend(backend: string | Backend): Backend {
  const previous = getBackend();
  current = typeof backend === 'string' ? findBackend(backend) : backend;
  return previous;
}

/** What `northstar doctor` prints: the active backend, and why native (or wasm) is not used when it is not. */
export function backendStatus(): {
  active: string;
  description: string;
  available: string[];
  native: { available: boolean; reason?: string };
  wasm: { available: boolean; reason?: string };
} {
  const n = native();
  const w = wasm();
  const active = getBackend();
  return {
    active: active.name,
    description: active.describe(),
    available: availableBackends(),
    native: n.ok ? { available: true } : { available: false, reason: n.reason },
    wasm: w.ok ? { available: true } : { available: false, reason: w.reason },
  };
}
