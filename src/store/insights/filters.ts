import { NorthstarError } from '../../common/errors.js';
import { and, call, ident, join, param, prop, sql, type SqlNode } from './ast.js';
import type { EventSelector, PropertyFilter } from './spec.js';

/**
 * A property (or the `$event` / `$distinct_id` columns) as text. Keys are never printed into SQL: they
 * become a bound JSON-path parameter through the `prop` node.
 */
export function propertyText(key: string): SqlNode {
  if (key === '$event') return ident('event');
  if (key === '$distinct_id') return ident('distinct_id');
  return prop(key, 'string');
}

/** A property as a number (NULL when absent or not numeric). */
export function propertyNumber(key: string): SqlNode {
  if (key === '$event' || key === '$distinct_id') return call('toDouble', [propertyText(key)]);
  return prop(key, 'number');
}

function textOf(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

function need<T>(value: T | undefined, filter: PropertyFilter): T {
  if (value === undefined) {
    throw new NorthstarError('QUERY_INVALID', `filter on ${JSON.stringify(filter.key)} with op ${filter.op} needs a value`, {
      details: { key: filter.key, op: filter.op },
    });
  }
  return value;
}

function scalar(filter: PropertyFilter): string | number | boolean {
  const value = need(filter.value, filter);
  if (Array.isArray(value)) {
    throw new NorthstarError('QUERY_INVALID', `filter op ${filter.op} takes one value, not a list`, {
      details: { key: filter.key, op: filter.op },
    });
  }
  return value;
}

function list(filter: PropertyFilter): SqlNode[] {
  const value = need(filter.value, filter);
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) {
    throw new NorthstarError('QUERY_INVALID', `filter op ${filter.op} needs at least one value`, { details: { key: filter.key } });
  }
  return items.map((v) => param(textOf(v)));
}

const COMPARE = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * Compiles one filter. Semantics (as PostHog): `neq`, `not_contains` and `not_in` also match events without
 * the property; `contains` is case-insensitive; numbers compare numerically, everything else as text.
 */
export function compileFilter(filter: PropertyFilter): SqlNode {
  const text = propertyText(filter.key);
  switch (filter.op) {
    case 'is_set':
      return sql`(${text} IS NOT NULL)`;
    case 'is_not_set':
      return sql`(${text} IS NULL)`;
    case 'in':
      return sql`(${text} IN (${join(list(filter), ', ')}))`;
    case 'not_in':
      return sql`(${text} IS NULL OR ${text} NOT IN (${join(list(filter), ', ')}))`;
    case 'contains':
      return call('contains', [sql`lower(${text})`, sql`lower(${param(textOf(scalar(filter)))})`]);
    case 'not_contains':
      return sql`(${text} IS NULL OR NOT ${call('contains', [sql`lower(${text})`, sql`lower(${param(textOf(scalar(filter)))})`])})`;
    case 'eq':
    case 'neq': {
      if (Array.isArray(filter.value)) return compileFilter({ ...filter, op: filter.op === 'eq' ? 'in' : 'not_in' });
      const value = scalar(filter);
      const equal =
        typeof value === 'number' ? sql`(${propertyNumber(filter.key)} = ${param(value)})` : sql`(${text} = ${param(textOf(value))})`;
      return filter.op === 'eq' ? equal : sql`(${text} IS NULL OR NOT ${equal})`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const value = scalar(filter);
      const op = COMPARE[filter.op];
      const node =
        typeof value === 'number'
          ? { kind: 'fragment' as const, parts: ['(', ` ${op} `, ')'], children: [propertyNumber(filter.key), param(value)] }
          : { kind: 'fragment' as const, parts: ['(', ` ${op} `, ')'], children: [text, param(textOf(value))] };
      return node;
    }
  }
}

/** All filters ANDed (true when none). */
export function compileFilters(filters: readonly PropertyFilter[]): SqlNode {
  return and(filters.map(compileFilter));
}

/** The condition an event must meet to count as this selector: its name (unless `null`) and its filters. */
export function matchSelector(selector: Pick<EventSelector, 'event' | 'filters'>): SqlNode {
  const parts: SqlNode[] = [];
  if (selector.event !== null) parts.push(sql`event = ${param(selector.event)}`);
  parts.push(...selector.filters.map(compileFilter));
  return and(parts);
}

/** `timestamp` inside `[from, to)` as bound parameters. */
export function inRange(from: Date, to: Date): SqlNode {
  return sql`timestamp >= ${call('timestamp', [param(from.toISOString())])} AND timestamp < ${call('timestamp', [param(to.toISOString())])}`;
}
