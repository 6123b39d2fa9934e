/** Adds a bias vector along the last axis. */
import { getBackend } from '../backends/registry.js';
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { accumulate, rowsCols, shapeError, writeGrad } from './util.js';

/** x + bias, where bias has the size of x's last axis; dbias = Σ over the other axes. */
export function biasAdd(x: Tensor, bias: Tensor): Tensor {
  const { rows, cols } = rowsCols(x);
  if (bias.size !== cols) throw shapeError('biasAdd', `bias needs ${cols} values`, x, bias);
  const be = getBackend();
  const out = acquire(x.size);
  be.biasAdd(x.data, bias.data, rows, cols, out);
  return opResult(out, x.shape, [x, bias], (y) => {
    const g = y.grad!;
    accumulate(x, g);
    writeGrad(bias, (db) => be.sumAxis0(g, rows, cols, db));
  });
}
