import { describe, expect, it } from 'vitest';
import { pageFromHash } from '../../lib/use-hash-route.js';
import { pickProject } from './pick-project.js';

const projects = [
  { id: 'acme', name: 'Acme' },
  { id: 'demo-shop', name: 'Demo Shop' },
];

describe('pickProject', () => {
  it.each([
    ['acme', 'acme'],
    ['gone', 'demo-shop'],
    [null, 'demo-shop'],
  ])('remembered %s -> %s', (remembered, expected) => {
    expect(pickProject(projects, remembered)).toBe(expected);
  });

  it('takes the first project without a demo shop, and nothing without projects', () => {
    expect(pickProject([{ id: 'b', name: 'B' }, { id: 'a', name: 'A' }], null)).toBe('b');
    expect(pickProject([], 'acme')).toBeUndefined();
  });
});

describe('pageFromHash', () => {
  it.each([
    ['#/funnels', 'funnels'],
    ['#paths', 'paths'],
    ['#/retention?x=1', 'retention'],
    ['#/nope', 'overview'],
    ['', 'overview'],
  ])('%s -> %s', (hash, expected) => {
    expect(pageFromHash(hash)).toBe(expected);
  });
});
