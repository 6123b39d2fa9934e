import { describe, expect, it } from 'vitest';
import type { PathsResult } from '../../../../src/store/insights/spec.js';
import { nodeEvent, pathsToSankey } from './paths-sankey.js';

const result = (direction: 'next' | 'previous', edges: PathsResult['edges']): PathsResult => ({
  kind: 'paths',
  event: 'a',
  direction,
  dateFrom: '2026-01-01T00:00:00Z',
  dateTo: '2026-02-01T00:00:00Z',
  total: 10,
  edges,
});

describe('pathsToSankey', () => {
  it('keys nodes by depth so a repeated event does not make a cycle', () => {
    const graph = pathsToSankey(
      result('next', [
        { step: 1, source: 'a', target: 'b', count: 6, share: 0.6 },
        { step: 2, source: 'b', target: 'a', count: 4, share: 0.4 },
        { step: 1, source: 'a', target: 'c', count: 0, share: 0 },
      ]),
    );
    expect(graph.nodes.map((n) => [n.depth, n.event])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'a'],
    ]);
    expect(graph.links).toHaveLength(2);
    expect(new Set(graph.nodes.map((n) => n.id)).size).toBe(3);
    expect(graph.links.map((l) => [nodeEvent(l.source), nodeEvent(l.target), l.value])).toEqual([
      ['a', 'b', 6],
      ['b', 'a', 4],
    ]);
  });

  it('places previous paths further back at greater depth, links still running earlier → later', () => {
    // As the store reports them: step 1 = (event before) → chosen event, step 2 = (two before) → (one before).
    const graph = pathsToSankey(
      result('previous', [
        { step: 1, source: 'z', target: 'a', count: 3, share: 1 },
        { step: 2, source: 'y', target: 'z', count: 2, share: 0.66 },
      ]),
    );
    const depthOf = new Map(graph.nodes.map((n) => [n.id, n.depth]));
    expect(graph.nodes.map((n) => [n.depth, n.event])).toEqual([
      [0, 'a'],
      [1, 'z'],
      [2, 'y'],
    ]);
    for (const link of graph.links) expect(depthOf.get(link.source)).toBe((depthOf.get(link.target) ?? 0) + 1);
    expect(graph.links.map((l) => [nodeEvent(l.source), nodeEvent(l.target), l.value])).toEqual([
      ['z', 'a', 3],
      ['y', 'z', 2],
    ]);
  });

  it('gives an empty graph when there are no edges', () => {
    expect(pathsToSankey(result('next', []))).toEqual({ nodes: [], links: [] });
  });
});
