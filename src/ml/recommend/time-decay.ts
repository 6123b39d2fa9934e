import type { CsrMatrix } from './csr-matrix.js';
import type { FitContext } from './recommender.js';

const SECONDS_PER_DAY = 86_400;

/** Weight 2^(−age / halfLife): an interaction `halfLifeDays` old counts half as much as one made `now`. */
export function decayFactor(ageSeconds: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0)) return 1;
  return Math.pow(2, -Math.max(0, ageSeconds) / (halfLifeDays * SECONDS_PER_DAY));
}

/**
 * The matrix with each entry multiplied by its decay factor, when the context carries times and the
 * half-life is positive; otherwise the matrix itself. `now` defaults to the latest time in the context.
 */
export function applyTimeDecay(matrix: CsrMatrix, context: FitContext, halfLifeDays: number): CsrMatrix {
  const times = context.times;
  if (!(halfLifeDays > 0) || times === undefined) return matrix;
  if (times.length !== matrix.data.length) throw new RangeError('context.times must align with matrix entries');
  let now = context.now ?? -Infinity;
  if (context.now === undefined) for (let p = 0; p < times.length; p++) now = Math.max(now, times[p]!);
  const data = new Float32Array(matrix.data.length);
  for (let p = 0; p < data.length; p++) data[p] = matrix.data[p]! * decayFactor(now - times[p]!, halfLifeDays);
  return { ...matrix, data };
}
