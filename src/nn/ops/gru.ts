/** Fused GRU (Keras `reset_after=True`): the whole sequence forward and its BPTT backward in one graph node. */
import { getBackend } from '../backends/registry.js';
import { acquire, acquireZeroed, release } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError, writeGrad } from './util.js';

/** GRU options. */
export interface GruOptions {
  /**
   * Valid steps per row (1..steps). Steps at or beyond a row's length are padding: the state is not updated
   * there and the output is 0, so a padded batch gives exactly what each row gives alone.
   */
  lengths?: Int32Array;
  /**
   * Read each row from its last valid step to its first (Keras `go_backwards` inside `Bidirectional`). The output
   * at position t still belongs to input position t (re-aligned, as Bidirectional does).
   */
  reverse?: boolean;
  /** true (default): every step's state [batch, steps, units]; false: the final state [batch, units]. */
  returnSequences?: boolean;
  /**
   * Where a reversed row's states go when `returnSequences`: `input` (default) at the input position they read,
   * `processing` in reading order (output k = the state after k + 1 steps), as a plain Keras
   * `GRU(go_backwards=True)` returns them. Padding outputs stay 0 (at k ≥ length) either way.
   */
  outputOrder?: 'input' | 'processing';
}

/**
 * Keras GRU with gate order z, r, h and `reset_after=True` (the TF2 default):
 * z = σ(x·Wz + b0z + h·Uz + b1z), r = σ(x·Wr + b0r + h·Ur + b1r), ĥ = tanh(x·Wh + b0h + r ⊙ (h·Uh + b1h)),
 * h' = z ⊙ h + (1 − z) ⊙ ĥ, from a zero state.
 * Shapes: `x` [batch, steps, inDim], `kernel` [inDim, 3u], `recurrentKernel` [u, 3u], `bias` [2, 3u] (row 0
 * input bias, row 1 recurrent bias).
 * The input projection of every step is one GEMM; each step adds one [batch, u]·[u, 3u] GEMM. The backward pass
 * walks the steps in reverse with one GEMM each (dh·Uᵀ) and then forms dKernel, dx and dRecurrentKernel as three
 * big GEMMs over all steps, from the stored states, gates and recurrent candidate pre-activations.
 */
export function gru(x: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor, options: GruOptions = {}): Tensor {
  if (x.rank !== 3) throw shapeError('gru', 'input must be [batch, steps, features]', x);
  const [n, steps, d] = x.shape as [number, number, number];
  if (recurrentKernel.rank !== 2 || recurrentKernel.shape[1] !== 3 * recurrentKernel.shape[0]!) {
    throw shapeError('gru', 'recurrentKernel must be [units, 3·units]', recurrentKernel);
  }
  const u = recurrentKernel.shape[0]!;
  const g = 3 * u;
  if (kernel.rank !== 2 || kernel.shape[0] !== d || kernel.shape[1] !== g) throw shapeError('gru', `kernel must be [${d}, ${g}]`, x, kernel);
  if (bias.rank !== 2 || bias.shape[0] !== 2 || bias.shape[1] !== g) throw shapeError('gru', `bias must be [2, ${g}]`, bias);
  if (steps === 0 || u === 0) throw shapeError('gru', 'needs at least one step and one unit', x, recurrentKernel);
  const lengths = options.lengths;
  if (lengths !== undefined && (lengths.length !== n || lengths.some((l) => l < 1 || l > steps))) {
    throw shapeError('gru', `lengths must give ${n} values in 1..${steps}`, x);
  }
  const reverse = options.reverse ?? false;
  const seq = options.returnSequences ?? true;
  const processingOrder = options.outputOrder === 'processing';
  const be = getBackend();
  const U = recurrentKernel.data;
  const bd = bias.data;
  const rows = n * steps;
  const nu = n * u;

  const xw = acquire(rows * g);
  be.gemm(false, false, rows, g, d, 1, x.data, kernel.data, 0, xw);
  // Both biases of z and r and the input bias of ĥ add to every step alike: fold them into the projection once.
  const folded = acquire(g);
  for (let c = 0; c < g; c++) folded[c] = bd[c]! + (c < 2 * u ? bd[g + c]! : 0);
  be.biasAdd(xw, folded, rows, g, xw);
  release(folded);
  // H holds the state before every step plus the final one: H[k] is the input state of step k.
  const H = acquire((steps + 1) * nu);
  H.fill(0, 0, nu);
  // Per step: z and r of every row ([n, 2u], one sigmoid call), then ĥ of every row ([n, u], one tanh call), so
  // the transcendentals run in the backend's vector loops instead of one Math.exp per value.
  const gates = acquire(steps * n * g);
  const recH = acquire(steps * nu);
  const rec = acquire(n * g);
  const out = seq ? acquireZeroed(rows * u) : acquire(nu);
  for (let k = 0; k < steps; k++) {
    const hp = k * nu;
    const hn = hp + nu;
    const gk = k * n * g;
    be.gemm(false, false, n, g, u, 1, H.subarray(hp, hn), U, 0, rec);
    for (let b = 0; b < n; b++) {
      const len = lengths === undefined ? steps : lengths[b]!;
      const zo = gk + b * 2 * u;
      if (k >= len) {
        gates.fill(0, zo, zo + 2 * u);
        continue;
      }
      const xo = (b * steps + (reverse ? len - 1 - k : k)) * g;
      const ro = b * g;
      for (let j = 0; j < 2 * u; j++) gates[zo + j] = xw[xo + j]! + rec[ro + j]!;
    }
    be.unary('sigmoid', gates.subarray(gk, gk + 2 * nu), gates.subarray(gk, gk + 2 * nu), 0);
    for (let b = 0; b < n; b++) {
      const len = lengths === undefined ? steps : lengths[b]!;
      const ho = gk + 2 * nu + b * u;
      if (k >= len) {
        gates.fill(0, ho, ho + u);
        continue;
      }
      const xo = (b * steps + (reverse ? len - 1 - k : k)) * g + 2 * u;
      const ro = b * g + 2 * u;
      const zo = gk + b * 2 * u + u;
      const rho = hp + b * u;
      for (let j = 0; j < u; j++) {
        const rh = rec[ro + j]! + bd[g + 2 * u + j]!;
        recH[rho + j] = rh;
        gates[ho + j] = xw[xo + j]! + gates[zo + j]! * rh;
      }
    }
    be.unary('tanh', gates.subarray(gk + 2 * nu, gk + 3 * nu), gates.subarray(gk + 2 * nu, gk + 3 * nu), 0);
    for (let b = 0; b < n; b++) {
      const len = lengths === undefined ? steps : lengths[b]!;
      const hb = hp + b * u;
      if (k >= len) {
        H.copyWithin(hn + b * u, hb, hb + u);
        continue;
      }
      const t = reverse ? len - 1 - k : k;
      const zo = gk + b * 2 * u;
      const ho = gk + 2 * nu + b * u;
      const oo = (b * steps + (processingOrder ? k : t)) * u;
      for (let j = 0; j < u; j++) {
        const z = gates[zo + j]!;
        const h = z * H[hb + j]! + (1 - z) * gates[ho + j]!;
        H[hn + b * u + j] = h;
        if (seq) out[oo + j] = h;
      }
    }
  }
  release(xw);
  release(rec);
  if (!seq) out.set(H.subarray(steps * nu, (steps + 1) * nu));

  const y = opResult(out, seq ? [n, steps, u] : [n, u], [x, kernel, recurrentKernel, bias], (yt) => {
    const dy = yt.grad!;
    const dXW = acquireZeroed(rows * g);
    const dRec = acquire(steps * n * g);
    let dh = acquire(nu);
    let dhPrev = acquire(nu);
    if (seq) dh.fill(0);
    else dh.set(dy.subarray(0, nu));
    for (let k = steps - 1; k >= 0; k--) {
      const hp = k * nu;
      for (let b = 0; b < n; b++) {
        const len = lengths === undefined ? steps : lengths[b]!;
        const go = (k * n + b) * g;
        const bu = b * u;
        if (k >= len) {
          // Padding: the state passed through unchanged, so its gradient does too.
          dRec.fill(0, go, go + g);
          for (let j = 0; j < u; j++) dhPrev[bu + j] = dh[bu + j]!;
          continue;
        }
        const t = reverse ? len - 1 - k : k;
        const xo = (b * steps + t) * g;
        const rho = hp + bu;
        const zo = k * n * g + b * 2 * u;
        const ho = k * n * g + 2 * nu + bu;
        const oo = (b * steps + (processingOrder ? k : t)) * u;
        for (let j = 0; j < u; j++) {
          const dhj = seq ? dh[bu + j]! + dy[oo + j]! : dh[bu + j]!;
          const z = gates[zo + j]!;
          const r = gates[zo + u + j]!;
          const hh = gates[ho + j]!;
          const dPreH = dhj * (1 - z) * (1 - hh * hh);
          const dPreZ = dhj * (H[hp + bu + j]! - hh) * z * (1 - z);
          const dPreR = dPreH * recH[rho + j]! * r * (1 - r);
          dXW[xo + j] = dPreZ;
          dXW[xo + u + j] = dPreR;
          dXW[xo + 2 * u + j] = dPreH;
          dRec[go + j] = dPreZ;
          dRec[go + u + j] = dPreR;
          dRec[go + 2 * u + j] = dPreH * r;
          dhPrev[bu + j] = dhj * z;
        }
      }
      // dh_prev += dRec_k · Uᵀ (rows of padding steps are zero in dRec_k, so they pass through untouched).
      be.gemm(false, true, n, u, g, 1, dRec.subarray(k * n * g, (k + 1) * n * g), U, 1, dhPrev);
      const swap = dh;
      dh = dhPrev;
      dhPrev = swap;
    }
    release(dh);
    release(dhPrev);
    if (kernel.requiresGrad) {
      const { grad, fresh } = kernel.gradBuffer();
      be.gemm(true, false, d, g, rows, 1, x.data, dXW, fresh ? 0 : 1, grad);
    }
    if (x.requiresGrad) {
      const { grad, fresh } = x.gradBuffer();
      be.gemm(false, true, rows, d, g, 1, dXW, kernel.data, fresh ? 0 : 1, grad);
    }
    if (recurrentKernel.requiresGrad) {
      const { grad, fresh } = recurrentKernel.gradBuffer();
      be.gemm(true, false, u, g, steps * n, 1, H.subarray(0, steps * nu), dRec, fresh ? 0 : 1, grad);
    }
    if (bias.requiresGrad) {
      const b0 = acquire(g);
      const b1 = acquire(g);
      be.sumAxis0(dXW, rows, g, b0);
      be.sumAxis0(dRec, steps * n, g, b1);
      writeGrad(bias, (dst) => {
        dst.set(b0.subarray(0, g), 0);
        dst.set(b1.subarray(0, g), g);
      });
      release(b0);
      release(b1);
    }
    release(dXW);
    release(dRec);
  });
  if (y.requiresGrad) y.saved.push(H, gates, recH);
  else {
    release(H);
    release(gates);
    release(recH);
  }
  return y;
}
