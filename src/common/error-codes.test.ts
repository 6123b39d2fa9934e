import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode } from './error-codes.js';
import { NorthstarError, toNorthstarError } from './errors.js';

const docPath = new URL('../../docs/errors.md', import.meta.url);

function documentedCodes(): string[] {
  const rows = readFileSync(docPath, 'utf8').split('\n');
  return rows
    .map((row) => /^\|\s*([A-Z][A-Z0-9_]+)\s*\|/.exec(row)?.[1])
    .filter((code): code is string => code !== undefined);
}

describe('error codes', () => {
  it('docs/errors.md lists exactly the codes of the table, once each', () => {
    const documented = documentedCodes();
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('every code has a non-empty hint', () => {
    for (const [code, { hint }] of Object.entries(ERROR_CODES)) expect(hint.length, code).toBeGreaterThan(10);
  });

  it('NorthstarError carries code, default hint and details in its JSON', () => {
    const error = new NorthstarError('NOT_FOUND', 'project x does not exist', { details: { id: 'x' } });
    expect(error.toJSON()).toEqual({
      code: 'NOT_FOUND',
      message: 'project x does not exist',
      hint: ERROR_CODES.NOT_FOUND.hint,
      details: { id: 'x' },
    });
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('NOPE')).toBe(false);
  });

  it('wraps unknown throws as INTERNAL and keeps known ones', () => {
    const known = new NorthstarError('FORBIDDEN', 'no');
    expect(toNorthstarError(known)).toBe(known);
    const wrapped = toNorthstarError(new TypeError('boom'));
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.cause).toBeInstanceOf(TypeError);
  });
});
