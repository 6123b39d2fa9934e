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
      case 'events': {
        const predicates = [`project_id = ${bind(node.projectId)}`, ...node.where.map((w) => print(w))];
        return `(SELECT * FROM events WHERE ${predicates.join(' AND ')})`;
      }
    }
  };

  return { sql: print(root), params };
}
