import type { ParamValue, SqlNode } from './ast.js';
import type { Dialect } from './dialects/base.js';

/** A query ready for an adapter: SQL text and its named parameters (`p1`, `p2`, ...). */
export interface PrintedQuery {
  sql: string;
  params: Record<string, ParamValue>;
}

/**
 * Prints an AST in a dialect. Parameters are numbered in order of appearance; the events table is always
 * printed with its project predicate (see `fromEvents`).
 */
export function printQuery(root: SqlNode, dialect: Dialect): PrintedQuery {
  const params: Record<string, ParamValue> = {};
  let next = 1;
  // CTE definitions in dependency order (a definition is printed before it is registered, so its own
  // CTEs come first); names must be unique per query.
  const ctes = new Map<string, { body: SqlNode; text: string }>();
  const bind = (value: ParamValue): string => {
    const name = `p${next++}`;
    params[name] = value;
    return dialect.placeholder(name, value);
  };

  const print = (node: SqlNode): string => {
    switch (node.kind) {
      case 'fragment': {
        let out = node.parts[0] ?? '';
        node.children.forEach((child, i) => {
          out += print(child) + (node.parts[i + 1] ?? '');
        });
        return out;
      }
      case 'param':
        return bind(node.value);
      case 'ident':
        return node.name;
      case 'call':
        return dialect.functions[node.fn](
          node.args.map((a) => print(a)),
          node.unit,
        );
      case 'prop': {
        const path = bind(dialect.propertyPath(node.key));
        return node.as === 'number' ? dialect.propertyNumber(path) : dialect.propertyString(path);
      }
      case 'cte': {
        if (!dialect.ctes) return `(${print(node.body)})`;
        const known = ctes.get(node.name);
        if (known) {
          if (known.body !== node.body) throw new Error(`two different CTEs named ${node.name}`);
          return node.name;
        }
        const text = print(node.body);
        ctes.set(node.name, { body: node.body, text });
        return node.name;
      }
      case 'events': {
        const predicates = [`project_id = ${bind(node.projectId)}`, ...node.where.map((w) => print(w))];
        return `(SELECT * FROM events WHERE ${predicates.join(' AND ')})`;
      }
    }
  };

  const body = print(root);
  if (ctes.size === 0) return { sql: body, params };
  const definitions = [...ctes.entries()].map(([name, { text }]) => `${name} AS (${text})`);
  return { sql: `WITH ${definitions.join(', ')} ${body}`, params };
}
