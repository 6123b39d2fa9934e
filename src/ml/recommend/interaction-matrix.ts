import { type CsrMatrix, csrFromCoo } from './csr-matrix.js';
import { decayFactor } from './time-decay.js';

/** Interaction rows as parallel typed arrays (users and items are dense indices). */
export interface InteractionRows {
  users: Int32Array;
  items: Int32Array;
  /** Rating or event weight per row. */
  weights: Float32Array;
  /** Seconds since the epoch per row, when known. */
  times?: Float64Array | undefined;
}

/** Options of {@link buildInteractionMatrix}. */
export interface InteractionMatrixOptions {
  /** Only these row positions (a split); all rows when absent. */
  subset?: Int32Array;
  /** Half-life in days applied to each row's weight before summing; 0 = no decay (default). */
  halfLifeDays?: number;
  /** Reference time for the decay (default: the latest time among the rows used). */
  now?: number;
  /** How repeated (user, item) rows combine: `sum` of weights (default) or their `max`. */
  aggregate?: 'sum' | 'max';
}

/** A users × items matrix and, per stored entry, the latest time of its rows (when times are known). */
export interface InteractionMatrix {
  matrix: CsrMatrix;
  times: Float64Array | undefined;
}

/**
 * Builds the sparse users × items matrix from event rows: memory is proportional to the rows used.
 * Weights come from ratings or per-event weights (view/cart/purchase); an optional half-life decays old
 * rows, so recent behaviour dominates.
 */
export function buildInteractionMatrix(
  rows: InteractionRows,
  nUsers: number,
  nItems: number,
  options: InteractionMatrixOptions = {},
): InteractionMatrix {
  const pick = options.subset;
  const n = pick === undefined ? rows.users.length : pick.length;
  const at = (t: number): number => (pick === undefined ? t : pick[t]!);
  const times = rows.times;
  let now = options.now ?? -Infinity;
  if (options.now === undefined && times !== undefined) for (let t = 0; t < n; t++) now = Math.max(now, times[at(t)]!);
  const half = options.halfLifeDays ?? 0;
  const u = new Int32Array(n);
  const i = new Int32Array(n);
  const w = new Float32Array(n);
  for (let t = 0; t < n; t++) {
    const r = at(t);
    u[t] = rows.users[r]!;
    i[t] = rows.items[r]!;
    const decay = times !== undefined && half > 0 ? decayFactor(now - times[r]!, half) : 1;
    w[t] = rows.weights[r]! * decay;
  }
  const matrix =
    options.aggregate === 'max' ? csrFromCooMax(u, i, w, nUsers, nItems) : csrFromCoo(u, i, w, nUsers, nItems);
  if (times === undefined) return { matrix, times: undefined };
  // Latest time per entry: a second pass with max-aggregation over the times themselves.
  const tv = new Float64Array(n);
  for (let t = 0; t < n; t++) tv[t] = times[at(t)]!;
  const latest = maxPerEntry(u, i, tv, matrix);
  return { matrix, times: latest };
}

function csrFromCooMax(u: Int32Array, i: Int32Array, w: Float32Array, nUsers: number, nItems: number): CsrMatrix {
  const shape = csrFromCoo(u, i, new Float32Array(w.length), nUsers, nItems);
  const data = maxPerEntry(u, i, w, shape);
  return { ...shape, data: Float32Array.from(data) };
}

/** For each stored entry of `shape`, the max of `values` over the rows that map to it. */
function maxPerEntry(u: Int32Array, i: Int32Array, values: ArrayLike<number>, shape: CsrMatrix): Float64Array {
  const out = new Float64Array(shape.indices.length).fill(-Infinity);
  for (let t = 0; t < u.length; t++) {
    const p = findEntry(shape, u[t]!, i[t]!);
    const v = values[t] as number;
    if (v > out[p]!) out[p] = v;
  }
  return out;
}

function findEntry(m: CsrMatrix, row: number, col: number): number {
  let lo = m.indptr[row]!;
  let hi = m.indptr[row + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = m.indices[mid]!;
    if (c === col) return mid;
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`entry (${row}, ${col}) missing`);
}
