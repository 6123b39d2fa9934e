import { NorthstarError } from '../common/errors.js';

/** An integer flag value within [min, max]; INVALID_ARGUMENT names the flag otherwise. */
export function intArg(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new NorthstarError('INVALID_ARGUMENT', `--${name} must be an integer between ${min} and ${max}, got "${String(value)}"`);
  }
  return n;
}

/** A string flag value, or undefined when absent or empty. */
export function stringArg(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A string flag that must be present. */
export function requiredArg(name: string, value: unknown, example: string): string {
  const text = stringArg(value);
  if (text === undefined) {
    throw new NorthstarError('INVALID_ARGUMENT', `--${name} is required`, { hint: `For example: ${example}` });
  }
  return text;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** A duration such as `7d`, `12h`, `30m`, `2w` or plain seconds, in seconds. */
export function durationArg(name: string, value: unknown): number | undefined {
  const text = stringArg(value);
  if (text === undefined) return undefined;
  const m = /^(\d+)([smhdw]?)$/.exec(text.trim());
  if (m === null) {
    throw new NorthstarError('INVALID_ARGUMENT', `--${name} must be a duration like 7d, 12h, 30m, 2w or seconds, got "${text}"`);
  }
  return Number(m[1]) * (UNIT_SECONDS[m[2] || 's'] ?? 1);
}

/** A comma-separated list (`a,b,c`), trimmed, empty items dropped. */
export function listArg(value: unknown): string[] {
  const text = stringArg(value);
  return text === undefined ? [] : text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
