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
 * must be acyclic, so nodes are keyed by (depth, event). For `previous` paths the links are reversed so the
 * diagram always reads in time order, left to right.
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
    const from = node(edge.step - 1, edge.source);
    const to = node(edge.step, edge.target);
    links.push(result.direction === 'next' ? { source: from, target: to, value: edge.count } : { source: to, target: from, value: edge.count });
  }
  // Drop nodes no link touches (only the chosen event can be one, when it has no neighbours at all).
  const used = new Set(links.flatMap((l) => [l.source, l.target]));
  return { nodes: [...nodes.values()].filter((n) => used.has(n.id)), links };
}
