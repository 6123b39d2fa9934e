import type { DialectFunctionName, ParamValue } from '../ast.js';
import type { Interval } from '../spec.js';

/** Prints one dialect function from its already-printed arguments. */
export type DialectFunction = (args: readonly string[], unit: Interval | undefined) => string;

/**
 * Everything that differs between SQL engines, as data: placeholders, property access and the functions
 * the AST names. Dialects are plain objects spread from {@link baseDialect} (growthbook's
 * `integrations/dialects` pattern), so a new engine overrides only what differs; there is no base class.
 */
export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse';
  /** Whether the engine has SQL window functions (ClickHouse 18.16 does not; plans then use arrays). */
  readonly windowFunctions: boolean;
  /** Whether `WITH name AS (subquery)` is available (else shared subqueries are inlined). */
  readonly ctes: boolean;
  /** Text of the placeholder for parameter `name` holding `value`. */
  placeholder(name: string, value: ParamValue): string;
  /** The value bound for a property key (a JSON path or the bare key, as the engine wants it). */
  propertyPath(key: string): string;
  /** Reads a property as text (NULL when absent) given the printed placeholder of its path. */
  propertyString(pathPlaceholder: string): string;
  /** Reads a property as a DOUBLE (NULL when absent or not a number). */
  propertyNumber(pathPlaceholder: string): string;
  readonly functions: Readonly<Record<DialectFunctionName, DialectFunction>>;
}

function arg(args: readonly string[], index: number): string {
  const value = args[index];
  if (value === undefined) throw new Error(`dialect function is missing argument ${index}`);
  return value;
}

/** ANSI-ish defaults shared by the dialects; each dialect spreads this and overrides what differs. */
export const baseFunctions: Readonly<Record<DialectFunctionName, DialectFunction>> = {
  toDouble: (a) => `CAST(${arg(a, 0)} AS DOUBLE)`,
  toText: (a) => `CAST(${arg(a, 0)} AS VARCHAR)`,
  timestamp: (a) => `CAST(${arg(a, 0)} AS TIMESTAMP)`,
  epochMs: (a) => `epoch_ms(${arg(a, 0)})`,
  truncate: (a, unit) => `date_trunc('${unit ?? 'day'}', ${arg(a, 0)})`,
  addInterval: (a, unit) => `(${arg(a, 0)} + ${arg(a, 1)} * INTERVAL 1 ${(unit ?? 'day').toUpperCase()})`,
  countDistinct: (a) => `count(DISTINCT ${arg(a, 0)})`,
  median: (a) => `median(${arg(a, 0)})`,
  argMin: (a) => `arg_min(${arg(a, 0)}, ${arg(a, 1)})`,
  argMax: (a) => `arg_max(${arg(a, 0)}, ${arg(a, 1)})`,
  argMaxNull: (a) => `arg_max_null(${arg(a, 0)}, ${arg(a, 1)})`,
  argMinNull: (a) => `arg_min_null(${arg(a, 0)}, ${arg(a, 1)})`,
  contains: (a) => `(strpos(${arg(a, 0)}, ${arg(a, 1)}) > 0)`,
  nullDouble: () => 'CAST(NULL AS DOUBLE)',
  nullText: () => 'CAST(NULL AS VARCHAR)',
  innerJoin: () => 'INNER JOIN',
  intDiv: (a) => `((${arg(a, 0)}) // (${arg(a, 1)}))`,
};

/** The parts of a dialect that are the same everywhere. */
export const baseDialect = {
  windowFunctions: true,
  ctes: true,
  functions: baseFunctions,
} as const satisfies Partial<Dialect>;
