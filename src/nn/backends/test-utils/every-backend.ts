/** The backends a suite runs on, so each op-level test file does not set them up again. */
import { afterAll } from 'vitest';
import type { Backend } from '../backend.js';
import { jsBackend } from '../js.js';
import { loadNativeBackend } from '../native.js';
import { setBackend } from '../registry.js';
import { createWasmBackend } from '../wasm-backend.js';

/**
 * js, wasm (2 threads) and native when the addon loads here. Call at a test file's top level: it registers the
 * `afterAll` that puts js back as the current backend and frees the wasm threads.
 */
export function everyBackend(): Backend[] {
  const native = loadNativeBackend();
  const wasm = createWasmBackend({ threads: 2 });
  afterAll(() => {
    setBackend(jsBackend);
    return wasm.dispose();
  });
  return [jsBackend, wasm, ...(native.ok ? [native.backend] : [])];
}
