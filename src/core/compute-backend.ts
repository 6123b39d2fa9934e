/**
 * Which compute backend the neural-network engine uses in this process. The CLI applies the user's choice
 * (`NORTHSTAR_NN_BACKEND`) here once; worker threads started by `core/jobs` inherit the parent's active backend,
 * so a model trained in a job computes on the same backend as one trained inline.
 */
import { getBackend, setBackend } from '../nn/backends/registry.js';

/** Selects `name` (`auto` keeps the default: native, else wasm, else js); returns the active backend's name. */
export function useComputeBackend(name: 'auto' | 'native' | 'wasm' | 'js'): string {
  if (name !== 'auto') setBackend(name);
  return getBackend().name;
}
