/** Keras' `Orthogonal` initialiser, for recurrent kernels (kept with the GRU layer, its only user so far). */
import type { Rng } from '../../common/rng.js';
import type { Initializer } from '../initializers.js';

/**
 * A [fanIn, fanOut] matrix with orthonormal rows (fanIn ≤ fanOut) or columns (otherwise), times `gain`: the
 * Gram–Schmidt orthonormalisation (in float64) of a standard normal draw, as Keras' QR of one does up to signs.
 * Orthogonal recurrent weights keep the state's norm through many steps at initialisation, which is why
 * Keras uses it for `recurrent_kernel`.
 */
export function orthogonalInit(gain = 1): Initializer {
  return {
    className: 'Orthogonal',
    getConfig: () => ({ gain }),
    init(size: number, fanIn: number, _fanOut: number, rng: Rng): Float32Array {
      const rows = fanIn;
      const cols = size / rows;
      // Orthonormalise the `count` shorter vectors of length `len`.
      const count = Math.min(rows, cols);
      const len = Math.max(rows, cols);
      const vecs: Float64Array[] = [];
      for (let i = 0; i < count; i++) {
        const v = Float64Array.from({ length: len }, () => rng.normal(0, 1));
        for (const q of vecs) {
          let dot = 0;
          for (let j = 0; j < len; j++) dot += v[j]! * q[j]!;
          for (let j = 0; j < len; j++) v[j] = v[j]! - dot * q[j]!;
        }
        let norm = 0;
        for (let j = 0; j < len; j++) norm += v[j]! * v[j]!;
        norm = Math.sqrt(norm) || 1;
        for (let j = 0; j < len; j++) v[j] = v[j]! / norm;
        vecs.push(v);
      }
      const out = new Float32Array(size);
      for (let i = 0; i < count; i++) {
        for (let j = 0; j < len; j++) {
          // Rows when the matrix is wide, columns when it is tall.
          const at = rows <= cols ? i * cols + j : j * cols + i;
          out[at] = gain * vecs[i]![j]!;
        }
      }
      return out;
    },
  };
}
