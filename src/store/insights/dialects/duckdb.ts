import type { ParamValue } from '../ast.js';
import { baseDialect, baseFunctions, type Dialect } from './base.js';

/**
 * DuckDB (embedded store): `$p1` placeholders, JSON paths like `$."price"` for properties (the key is quoted so
 * dots and spaces in it are literal), epoch milliseconds through `epoch_ms`.
 */
export const duckdbDialect: Dialect = {
  ...baseDialect,
  name: 'duckdb',
  placeholder: (name: string, _value: ParamValue) => `$${name}`,
  propertyPath: (key: string) => `$."${key}"`,
  propertyString: (path: string) => `json_extract_string(properties, ${path})`,
  propertyNumber: (path: string) => `TRY_CAST(json_extract_string(properties, ${path}) AS DOUBLE)`,
  // DuckDB's median interpolates between the two middle values, which the TypeScript reference mirrors.
  functions: baseFunctions,
};
