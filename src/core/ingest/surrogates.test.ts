import { describe, expect, it } from 'vitest';
import { repairString, repairSurrogates } from './surrogates.js';

describe('repairString', () => {
  it.each([
    ['plain ascii', 'hello', 'hello'],
    ['valid pair (emoji)', 'a😀b', 'a😀b'],
    ['lone high at end', 'ab\uD800', 'ab\uFFFD'],
    ['lone low at start', '\uDC00ab', '\uFFFDab'],
    ['reversed pair', '\uDC00\uD800', '\uFFFD\uFFFD'],
    ['high then letter', '\uD83Dx', '\uFFFDx'],
    ['chinese text kept', '你好\uD800世界', '你好\uFFFD世界'],
  ])('%s', (_name, input, expected) => {
    expect(repairString(input)).toBe(expected);
  });
});

describe('repairSurrogates', () => {
  it('repairs nested strings and keys of parsed JSON', () => {
    const parsed: unknown = JSON.parse('{"event":"x\\ud800","properties":{"k\\udc00":["\\ud800",1,true,null]}}');
    expect(repairSurrogates(parsed)).toEqual({ event: 'x\uFFFD', properties: { 'k\uFFFD': ['\uFFFD', 1, true, null] } });
  });

  it('returns the same reference when nothing needs repair', () => {
    const value = { a: ['x', { b: 'y' }], c: 1 };
    expect(repairSurrogates(value)).toBe(value);
  });

  it('produces strings that survive a UTF-8 round trip', () => {
    const fixed = repairSurrogates({ t: 'a\uD800b' });
    expect(Buffer.from(JSON.stringify(fixed), 'utf8').toString('utf8')).toBe(JSON.stringify(fixed));
    expect(fixed.t).toBe('a\uFFFDb');
  });
});
