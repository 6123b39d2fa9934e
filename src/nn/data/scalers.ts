/**
 * Feature scalers over [samples, features] tensors (scikit-learn semantics): fit on training data only,
 * then transform any split. Constant columns get scale 1 so they map to 0 instead of NaN.
 */
import { NorthstarError } from '../../common/errors.js';
import { Tensor } from '../tensor.js';

function columns(x: Tensor): { rows: number; cols: number } {
  if (x.rank !== 2) throw new NorthstarError('NN_SHAPE_MISMATCH', `scalers need [samples, features], got [${x.shape.join(', ')}]`);
  return { rows: x.shape[0]!, cols: x.shape[1]! };
}

/** Fitted per-column offset and scale: transform(x) = (x − offset) / scale (+ min for MinMax ranges). */
abstract class AffineScaler {
  protected offset: Float64Array | undefined;
  protected scale: Float64Array | undefined;
  protected shift = 0;

  protected abstract fitColumns(x: Tensor, rows: number, cols: number): void;

  /** Learns the per-column statistics. */
  fit(x: Tensor): this {
    const { rows, cols } = columns(x);
    if (rows === 0) throw new NorthstarError('NN_INVALID_DATA', 'cannot fit a scaler on zero samples');
    this.fitColumns(x, rows, cols);
    return this;
  }

  /** Applies the fitted scaling to a new tensor. */
  transform(x: Tensor): Tensor {
    const { rows, cols } = columns(x);
    const off = this.offset;
    const sc = this.scale;
    if (off === undefined || sc === undefined) throw new NorthstarError('INVALID_ARGUMENT', 'scaler used before fit()');
    if (off.length !== cols) throw new NorthstarError('NN_SHAPE_MISMATCH', `scaler was fitted on ${off.length} features, got ${cols}`);
    const out = new Float32Array(x.size);
    const d = x.data;
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[r * cols + j] = (d[r * cols + j]! - off[j]!) / sc[j]! + this.shift;
    return new Tensor(out, x.shape);
  }

  /** fit then transform. */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /** Undoes {@link transform}. */
  inverseTransform(x: Tensor): Tensor {
    const { rows, cols } = columns(x);
    const off = this.offset!;
    const sc = this.scale!;
    const out = new Float32Array(x.size);
    const d = x.data;
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[r * cols + j] = (d[r * cols + j]! - this.shift) * sc[j]! + off[j]!;
    return new Tensor(out, x.shape);
  }

  /** The fitted state as JSON (saved beside a model). */
  toJSON(): { offset: number[]; scale: number[]; shift: number } {
    return { offset: Array.from(this.offset ?? []), scale: Array.from(this.scale ?? []), shift: this.shift };
  }

  /** Restores a state written by {@link toJSON}. */
  load(state: { offset: number[]; scale: number[]; shift: number }): this {
    this.offset = Float64Array.from(state.offset);
    this.scale = Float64Array.from(state.scale);
    this.shift = state.shift;
    return this;
  }
}

/** (x − mean) / std per column (population std, as scikit-learn). */
export class StandardScaler extends AffineScaler {
  protected fitColumns(x: Tensor, rows: number, cols: number): void {
    const mean = new Float64Array(cols);
    const sq = new Float64Array(cols);
    const d = x.data;
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) mean[j] = mean[j]! + d[r * cols + j]!;
    for (let j = 0; j < cols; j++) mean[j] = mean[j]! / rows;
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < cols; j++) {
        const c = d[r * cols + j]! - mean[j]!;
        sq[j] = sq[j]! + c * c;
      }
    this.offset = mean;
    this.scale = sq.map((s) => {
      const std = Math.sqrt(s / rows);
      return std > 0 ? std : 1;
    });
  }
}

/** Maps each column's [min, max] onto `featureRange` (default [0, 1]). */
export class MinMaxScaler extends AffineScaler {
  private readonly range: readonly [number, number];

  constructor(featureRange: readonly [number, number] = [0, 1]) {
    super();
    this.range = featureRange;
  }

  protected fitColumns(x: Tensor, rows: number, cols: number): void {
    const min = new Float64Array(cols).fill(Infinity);
    const max = new Float64Array(cols).fill(-Infinity);
    const d = x.data;
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < cols; j++) {
        const v = d[r * cols + j]!;
        if (v < min[j]!) min[j] = v;
        if (v > max[j]!) max[j] = v;
      }
    const [lo, hi] = this.range;
    this.offset = min;
    this.scale = min.map((m, j) => {
      const span = max[j]! - m;
      return span > 0 ? span / (hi - lo) : 1;
    });
    this.shift = lo;
  }
}
