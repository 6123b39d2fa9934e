import type { ParamValue } from '../ast.js';
import type { Interval } from '../spec.js';
import { baseDialect, baseFunctions, type Dialect, type DialectFunction } from './base.js';

/** ClickHouse type of a bound value, for the `{name:Type}` placeholder. */
function clickhouseType(value: ParamValue): string {
  if (value === null) return 'Nullable(String)';
  if (typeof value === 'boolean') return 'UInt8';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'Int64' : 'Float64';
  return 'String';
}

const TRUNCATE: Record<Interval, string> = {
  hour: 'toStartOfHour',
  day: 'toStartOfDay',
  week: 'toMonday',
  month: 'toStartOfMonth',
};
const ADD: Record<Interval, string> = { hour: 'addHours', day: 'addDays', week: 'addWeeks', month: 'addMonths' };

function arg(args: readonly string[], index: number): string {
  const value = args[index];
  if (value === undefined) throw new Error(`dialect function is missing argument ${index}`);
  return value;
}

const truncate: DialectFunction = (a, unit) => {
  const fn = TRUNCATE[unit ?? 'day'];
  // toMonday/toStartOfMonth return a Date; bring it back to DateTime so buckets compare with timestamps.
  return unit === 'week' || unit === 'month' ? `toDateTime(${fn}(${arg(a, 0)}))` : `${fn}(${arg(a, 0)})`;
};

/**
 * ClickHouse (scale-out store): `{p1:Type}` placeholders, properties in a String column read with
 * `JSONExtractRaw`/`JSONExtractString`, events timestamps as DateTime (UTC). Plans that need window functions
 * use arrays instead (`windowFunctions: false`).
 */
export const clickhouseDialect: Dialect = {
  ...baseDialect,
  name: 'clickhouse',
  windowFunctions: false,
  ctes: false,
  placeholder: (name: string, value: ParamValue) => `{${name}:${clickhouseType(value)}}`,
  propertyPath: (key: string) => key,
  propertyString: (path: string) =>
    `if(JSONHas(properties, ${path}), JSONExtractString(properties, ${path}), NULL)`,
  propertyNumber: (path: string) => `toFloat64OrNull(JSONExtractRaw(properties, ${path}))`,
  functions: {
    ...baseFunctions,
    toDouble: (a) => `toFloat64(${arg(a, 0)})`,
    toText: (a) => `toString(${arg(a, 0)})`,
    timestamp: (a) => `parseDateTimeBestEffort(${arg(a, 0)}, 'UTC')`,
    epochMs: (a) => `(toInt64(toUnixTimestamp(${arg(a, 0)})) * 1000)`,
    truncate,
    addInterval: (a, unit) => `${ADD[unit ?? 'day']}(${arg(a, 0)}, ${arg(a, 1)})`,
    countDistinct: (a) => `uniqExact(${arg(a, 0)})`,
    median: (a) => `quantileExact(0.5)(${arg(a, 0)})`,
    argMin: (a) => `argMin(${arg(a, 0)}, ${arg(a, 1)})`,
    argMax: (a) => `argMax(${arg(a, 0)}, ${arg(a, 1)})`,
    // argMax skips NULL arguments; a one-element tuple is never NULL, so the NULL of the best row survives.
    argMaxNull: (a) => `tupleElement(argMax(tuple(${arg(a, 0)}), ${arg(a, 1)}), 1)`,
    argMinNull: (a) => `tupleElement(argMin(tuple(${arg(a, 0)}), ${arg(a, 1)}), 1)`,
    contains: (a) => `(position(${arg(a, 0)}, ${arg(a, 1)}) > 0)`,
    nullDouble: () => 'CAST(NULL AS Nullable(Float64))',
    nullText: () => 'CAST(NULL AS Nullable(String))',
    // 18.16 needs the strictness spelled out.
    innerJoin: () => 'ALL INNER JOIN',
    intDiv: (a) => `intDiv(${arg(a, 0)}, ${arg(a, 1)})`,
  },
};
