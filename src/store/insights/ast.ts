import type { Interval } from './spec.js';

/**
 * The insight query AST: a tree of SQL fragments whose leaves are typed nodes. Fragment text only ever
 * comes from template literals in this folder (never from a spec); everything a caller supplies becomes a
 * `param` (event names, property values) or a `prop` node (property keys, bound as a JSON-path param).
 * Dialect differences are `call` nodes that the dialect object prints, so one tree prints for DuckDB and
 * ClickHouse alike.
 */

/** A value bound as a query parameter. */
export type ParamValue = string | number | boolean | null;

/** Names of the functions every dialect prints (see `DialectFunctions` in dialects/base.ts). */
export type DialectFunctionName =
  | 'toDouble'
  | 'toText'
  | 'timestamp'
  | 'epochMs'
  | 'truncate'
  | 'addInterval'
  | 'countDistinct'
  | 'median'
  | 'argMin'
  | 'argMax'
  | 'argMaxNull'
  | 'argMinNull'
  | 'contains'
  | 'nullDouble'
  | 'nullText'
  | 'innerJoin'
  | 'intDiv';

/** One node of the query tree. */
export type SqlNode =
  | { readonly kind: 'fragment'; readonly parts: readonly string[]; readonly children: readonly SqlNode[] }
  | { readonly kind: 'param'; readonly value: ParamValue }
  | { readonly kind: 'ident'; readonly name: string }
  | { readonly kind: 'call'; readonly fn: DialectFunctionName; readonly args: readonly SqlNode[]; readonly unit?: Interval }
  | { readonly kind: 'prop'; readonly key: string; readonly as: 'string' | 'number' }
  | { readonly kind: 'events'; readonly projectId: string; readonly where: readonly SqlNode[] }
  | { readonly kind: 'cte'; readonly name: string; readonly body: SqlNode };

/** What may be interpolated into {@link sql}: a node, or a list of nodes (joined with ", "). */
export type SqlInput = SqlNode | readonly SqlNode[];

/**
 * Tagged template building a fragment. The literal text is ours; each `${}` must be a node, so a string
 * from a spec cannot be spliced in by accident (the type system rejects it).
 */
export function sql(strings: TemplateStringsArray, ...inputs: SqlInput[]): SqlNode {
  const children: SqlNode[] = inputs.map((input) => (isNodeList(input) ? join(input, ', ') : input));
  return { kind: 'fragment', parts: [...strings], children };
}

function isNodeList(input: SqlInput): input is readonly SqlNode[] {
  return Array.isArray(input);
}

/** Joins nodes with a separator chosen by our code (", ", " AND ", " UNION ALL "). */
export function join(nodes: readonly SqlNode[], separator: string): SqlNode {
  if (nodes.length === 0) return { kind: 'fragment', parts: [''], children: [] };
  const parts = ['', ...nodes.slice(1).map(() => separator), ''];
  return { kind: 'fragment', parts, children: [...nodes] };
}

/** A bound parameter. */
export function param(value: ParamValue): SqlNode {
  return { kind: 'param', value };
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A column or alias name written by our code (checked: lower-case letters, digits and `_`). */
export function ident(name: string): SqlNode {
  if (!IDENT.test(name)) throw new Error(`invalid identifier ${JSON.stringify(name)}`);
  return { kind: 'ident', name };
}

/** A dialect function call; `unit` parameterises interval functions. */
export function call(fn: DialectFunctionName, args: readonly SqlNode[], unit?: Interval): SqlNode {
  return unit === undefined ? { kind: 'call', fn, args } : { kind: 'call', fn, args, unit };
}

/** An event property read as text or as a number (NULL when absent or not numeric). */
export function prop(key: string, as: 'string' | 'number' = 'string'): SqlNode {
  return { kind: 'prop', key, as };
}

/**
 * The events table of one project, the ONLY way a query can name it: the printer always emits
 * `(SELECT * FROM events WHERE project_id = <param> AND ...where)`, so the project predicate cannot be
 * forgotten. `where` pushes further predicates into the scan.
 */
export function fromEvents(projectId: string, where: readonly SqlNode[] = []): SqlNode {
  return { kind: 'events', projectId, where };
}

/**
 * A named subquery used (possibly) several times: printed once as `WITH name AS (...)` where the dialect has
 * CTEs, inlined as a parenthesised subquery at each use where it does not (ClickHouse 18.16).
 */
export function cte(name: string, body: SqlNode): SqlNode {
  ident(name);
  return { kind: 'cte', name, body };
}

/** `a AND b AND ...`; true when empty (spelled `1 = 1`: ClickHouse 18.16 has no TRUE literal). */
export function and(nodes: readonly SqlNode[]): SqlNode {
  return nodes.length === 0 ? sql`(1 = 1)` : sql`(${join(nodes, ' AND ')})`;
}

/** `a OR b OR ...`; false when empty. */
export function or(nodes: readonly SqlNode[]): SqlNode {
  return nodes.length === 0 ? sql`(1 = 0)` : sql`(${join(nodes, ' OR ')})`;
}

/** An integer written into the SQL text (only for numbers our code computed, e.g. step indices). */
export function int(value: number): SqlNode {
  if (!Number.isSafeInteger(value)) throw new Error(`not a safe integer: ${value}`);
  return { kind: 'fragment', parts: [String(value)], children: [] };
}
