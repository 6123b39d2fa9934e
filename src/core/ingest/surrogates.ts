/**
 * Lone UTF-16 surrogates (a high surrogate without its low half, or the reverse) are legal inside a JSON
 * string escape (`"\ud800"`) but cannot be encoded as UTF-8, so DuckDB and every downstream consumer would
 * choke on them. Like PostHog's capture (`passes/invalid_surrogates.rs`) we repair them to U+FFFD instead of
 * rejecting the event.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces every lone surrogate in `text` with U+FFFD; returns the same string when there is none. */
export function repairString(text: string): string {
  // Fast path: almost every string is well-formed, and a regex test is cheaper than a replace.
  LONE_SURROGATE.lastIndex = 0;
  if (!LONE_SURROGATE.test(text)) return text;
  LONE_SURROGATE.lastIndex = 0;
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Repairs lone surrogates in every string of a parsed JSON value, object keys included. Returns the input
 * unchanged (same reference) when nothing needed repair, so the common case allocates nothing.
 */
export function repairSurrogates<T>(value: T): T {
  return repairValue(value, 0) as T;
}

function repairValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return repairString(value);
  // Parsed JSON nests at most as deep as the parser allowed; the guard only stops runaway recursion.
  if (value === null || typeof value !== 'object' || depth > 1000) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const fixed = repairValue(item, depth + 1);
      if (fixed !== item) {
        copy ??= value.slice();
        copy[i] = fixed;
      }
    }
    return copy ?? value;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const fixedKey = repairString(key);
    const fixed = repairValue(item, depth + 1);
    if (fixedKey !== key || fixed !== item) changed = true;
    out[fixedKey] = fixed;
  }
  return changed ? out : value;
}
