import type { PathsResult } from '../../../../src/store/insights/spec.js';

/** A sankey node: `id` is unique per (depth, event); `event` is what the label shows. */
export interface SankeyNode {
  id: string;
  event: string;
  depth: number;
}

/** A sankey link between node ids. */
export interface SankeyLink {
  source: string;
  target: string;
  value: number;
}

/** Node id of `event` at `depth` steps from the chosen event (depth 0 is the chosen event itself). */
export function nodeId(depth: number, event: string): string {
  return `${depth}\u241f${event}`;
}

/** The event name inside a node id. */
export function nodeEvent(id: string): string {
  const i = id.indexOf('\u241f');
  return i < 0 ? id : id.slice(i + 1);
}

/**
 * Turns path edges into a sankey graph. The same event can occur at several depths (a → b → a), and a sankey
 * must be acyclic, so nodes are keyed by (depth, event). Edges always run in time order (source before
 * target): for `next` paths step k links depth k-1 to depth k, for `previous` paths depth k (further back) to
 * depth k-1, so the diagram reads left to right in time either way.
 */
export function pathsToSankey(result: PathsResult): { nodes: SankeyNode[]; links: SankeyLink[] } {
  const nodes = new Map<string, SankeyNode>();
  const links: SankeyLink[] = [];
  const node = (depth: number, event: string): string => {
    const id = nodeId(depth, event);
    if (!nodes.has(id)) nodes.set(id, { id, event, depth });
    return id;
  };
  node(0, result.event);
  for (const edge of result.edges) {
    if (edge.count <= 0) continue;
    const next = result.direction === 'next';
    const from = node(next ? edge.step - 1 : edge.step, edge.source);
    const to = node(next ? edge.step : edge.step - 1, edge.target);
    links.push({ source: from, target: to, value: edge.count });
  }
  // Drop nodes no link touches (only the chosen event can be one, when it has no neighbours at all).
  const used = new Set(links.flatMap((l) => [l.source, l.target]));
  return { nodes: [...nodes.values()].filter((n) => used.has(n.id)), links };
}
