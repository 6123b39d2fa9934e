import type { CsrMatrix } from './csr-matrix.js';

/** A typed array a fitted model holds; kept in its own element type when saved. */
export type StateArray = Float32Array | Float64Array | Int32Array;

/** The learned arrays of a fitted model by name (`itemFactors`, `similarity.indptr`, …); no I/O here. */
export type ModelState = Record<string, StateArray>;

/**
 * A model whose learned arrays can be taken out and put back: `toState()` after `fit`, `loadState()` on a
 * fresh instance with the same hyper-parameters and training matrix instead of `fit` (core/recommend
 * saves them to disk so a restart needs no retrain).
 */
export interface StatefulModel {
  toState(): ModelState;
  loadState(matrix: CsrMatrix, state: ModelState): void;
}

/** Whether a recommender can be saved and restored. */
export function isStateful(model: object): model is StatefulModel {
  return typeof (model as Partial<StatefulModel>).toState === 'function' && typeof (model as Partial<StatefulModel>).loadState === 'function';
}

/** The arrays of a CSR matrix under `prefix.` (its shape comes back from `rows`/`cols` entries). */
export function csrToState(prefix: string, m: CsrMatrix): ModelState {
  return {
    [`${prefix}.indptr`]: m.indptr,
    [`${prefix}.indices`]: m.indices,
    [`${prefix}.data`]: m.data,
    [`${prefix}.shape`]: Int32Array.of(m.nRows, m.nCols),
  };
}

/** Reads an array of the expected type from a state; a missing or mistyped one is a RangeError. */
export function stateArray<T extends StateArray>(state: ModelState, key: string, type: new (n: number) => T): T {
  const a = state[key];
  if (!(a instanceof type)) throw new RangeError(`model state: "${key}" is missing or not a ${type.name}`);
  return a;
}

/** The CSR matrix saved by {@link csrToState}. */
export function csrFromState(prefix: string, state: ModelState): CsrMatrix {
  const shape = stateArray(state, `${prefix}.shape`, Int32Array);
  return {
    nRows: shape[0] ?? 0,
    nCols: shape[1] ?? 0,
    indptr: stateArray(state, `${prefix}.indptr`, Int32Array),
    indices: stateArray(state, `${prefix}.indices`, Int32Array),
    data: stateArray(state, `${prefix}.data`, Float32Array),
  };
}
