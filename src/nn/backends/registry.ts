/**
 * Which backend the engine computes on. The default is `native` when the addon loads, else `js`; the CLI or
 * API may pick one explicitly with {@link setBackend}. {@link backendStatus} explains the choice (doctor).
 */
import { NorthstarError } from '../../common/errors.js';
import type { Backend } from './backend.js';
import { jsBackend } from './js.js';
import { loadNativeBackend, type NativeLoad } from './native.js';

let nativeLoad: NativeLoad | undefined;
let current: Backend | undefined;

function native(): NativeLoad {
  nativeLoad ??= loadNativeBackend();
  return nativeLoad;
}

/** Names of the backends that can be used in this process, fastest first. */
export function availableBackends(): string[] {
  return native().ok ? ['native', 'js'] : ['js'];
}

/** The backend ops compute on. */
export function getBackend(): Backend {
  if (current === undefined) {
    const n = native();
    current = n.ok ? n.backend : jsBackend;
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
  throw new NorthstarError('INVALID_ARGUMENT', `Unknown nn backend "${name}"; use one of ${availableBackends().join(', ')}`);
}

/** Selects the backend by name (`js` | `native`) or instance; returns the previous one. */
export function setBackend(backend: string | Backend): Backend {
  const previous = getBackend();
  current = typeof backend === 'string' ? findBackend(backend) : backend;
  return previous;
}

/** What `northstar doctor` prints: the active backend, and why native is not used when it is not. */
export function backendStatus(): { active: string; description: string; native: { available: boolean; reason?: string } } {
  const n = native();
  const active = getBackend();
  return {
    active: active.name,
    description: active.describe(),
    native: n.ok ? { available: true } : { available: false, reason: n.reason },
  };
}
