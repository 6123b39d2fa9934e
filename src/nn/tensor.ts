/**
 * Float32 tensors with reverse-mode autograd, kept as plain as micrograd: a tensor holds its data, its
 * gradient, its parents and a backward closure that pushes its gradient into theirs. Ops (one per file in
 * `ops/`) build the graph; {@link Tensor.backward} walks it in reverse topological order.
 */
import { NorthstarError } from '../common/errors.js';
import { acquire, acquireZeroed, release } from './memory.js';

/** Options for creating a tensor. */
export interface TensorOptions {
  /** Track gradients for this tensor (parameters). Op results derive it from their parents. */
  requiresGrad?: boolean;
  /** Parameters are never released by graph cleanup. */
  variable?: boolean;
  name?: string;
}

let gradEnabled = true;
let scopes: Tensor[][] = [];

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A row-major Float32 n-dimensional array with an optional gradient. */
export class Tensor {
  data: Float32Array;
  readonly shape: readonly number[];
  readonly size: number;
  /** d(root)/d(this) after {@link backward}; null until a gradient reaches this tensor. */
  grad: Float32Array | null = null;
  readonly requiresGrad: boolean;
  readonly isVariable: boolean;
  name: string | undefined;
  /** Inputs this tensor was computed from (empty for leaves and when no gradient is tracked). */
  parents: readonly Tensor[] = [];
  /** Pushes `this.grad` into the parents' gradients; set by the op that created the tensor. */
  backwardFn: (() => void) | null = null;
  /** Extra buffers the backward pass needs (masks, im2col columns); released with the tensor. */
  saved: Array<Float32Array> = [];
  disposed = false;

  constructor(data: Float32Array, shape: readonly number[], options: TensorOptions = {}) {
    const size = sizeOf(shape);
    if (data.length !== size) {
      throw new NorthstarError('NN_SHAPE_MISMATCH', `data has ${data.length} values but shape [${shape.join(', ')}] needs ${size}`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.size = size;
    this.requiresGrad = options.requiresGrad ?? false;
    this.isVariable = options.variable ?? false;
    this.name = options.name;
    scopes[scopes.length - 1]?.push(this);
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** The gradient buffer, allocated zero-filled on first use. */
  ensureGrad(): Float32Array {
    this.grad ??= acquireZeroed(this.size);
    return this.grad;
  }

  /**
   * The gradient buffer and whether it was just created. A fresh buffer holds garbage: the caller must
   * overwrite all of it (or run GEMM with beta 0) instead of adding; this skips a zero fill and an add pass
   * for the common case of a tensor with a single consumer.
   */
  gradBuffer(): { grad: Float32Array; fresh: boolean } {
    if (this.grad !== null) return { grad: this.grad, fresh: false };
    this.grad = acquire(this.size);
    return { grad: this.grad, fresh: true };
  }

  /** Zeroes the gradient (parameters keep their buffer between steps). */
  zeroGrad(): void {
    this.grad?.fill(0);
  }

  /**
   * Back-propagates from this tensor (a scalar unless `seed` gives d(root)/d(this)). Returns the graph's
   * nodes in topological order so a training loop can release them ({@link releaseGraph}).
   */
  backward(seed?: Float32Array): Tensor[] {
    if (!this.requiresGrad) throw new NorthstarError('INVALID_ARGUMENT', 'backward() on a tensor that does not require a gradient');
    const order = topologicalOrder(this);
    const g = this.ensureGrad();
    if (seed === undefined) {
      if (this.size !== 1) throw new NorthstarError('NN_SHAPE_MISMATCH', `backward() without a seed needs a scalar, got [${this.shape.join(', ')}]`);
      g[0] = g[0]! + 1;
    } else {
      for (let i = 0; i < g.length; i++) g[i] = g[i]! + seed[i]!;
    }
    for (let i = order.length - 1; i >= 0; i--) order[i]!.backwardFn?.();
    return order;
  }

  /** The values (TensorFlow.js name); the returned array is the tensor's own buffer. */
  dataSync(): Float32Array {
    this.assertAlive();
    return this.data;
  }

  /** Nested arrays, asynchronously (TensorFlow.js `array()`); `data` is a property here, not a method. */
  async array(): Promise<unknown> {
    return this.arraySync();
  }

  /** Values as nested arrays matching the shape. */
  arraySync(): unknown {
    this.assertAlive();
    const build = (dim: number, offset: number): unknown => {
      const n = this.shape[dim]!;
      if (dim === this.shape.length - 1) return Array.from(this.data.subarray(offset, offset + n));
      const stride = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: n }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return this.shape.length === 0 ? this.data[0] : build(0, 0);
  }

  /** Returns the buffers to the pool; the tensor must not be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    release(this.data);
    if (this.grad !== null) release(this.grad);
    for (const buf of this.saved) release(buf);
    this.grad = null;
    this.saved = [];
    this.parents = [];
    this.backwardFn = null;
  }

  private assertAlive(): void {
    if (this.disposed) throw new NorthstarError('INVALID_ARGUMENT', 'tensor used after dispose()');
  }
}

/** Nodes reachable from `root` through tensors that need gradients, parents before children. */
export function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative DFS: deep graphs (long sequences) must not overflow the stack.
  const stack: Array<[Tensor, number]> = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [node, next] = top;
    if (next < node.parents.length) {
      top[1] = next + 1;
      const p = node.parents[next]!;
      if (p.requiresGrad && !seen.has(p)) {
        seen.add(p);
        stack.push([p, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}

/** Disposes every non-parameter node of a graph (after the optimiser step), keeping `keep`. */
export function releaseGraph(order: readonly Tensor[], keep: ReadonlySet<Tensor> = new Set()): void {
  for (const t of order) if (!t.isVariable && !keep.has(t)) t.dispose();
}

/**
 * Creates an op result: it tracks gradients when gradients are enabled and a parent needs one, and then
 * gets `backward` as its closure. Without tracking, no graph is kept (inference).
 */
export function opResult(
  data: Float32Array,
  shape: readonly number[],
  parents: readonly Tensor[],
  backward: (out: Tensor) => void,
): Tensor {
  const track = gradEnabled && parents.some((p) => p.requiresGrad);
  const out = new Tensor(data, shape, { requiresGrad: track });
  if (track) {
    out.parents = parents;
    out.backwardFn = () => {
      if (out.grad !== null) backward(out);
    };
  }
  return out;
}

/** Runs `fn` without recording a graph (inference, metric computation). */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** True while gradients are being recorded. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `fn` and disposes every tensor created inside it except those it returns (TensorFlow.js `tidy`).
 * Parameters are never disposed.
 */
export function tidy<T>(fn: () => T): T {
  scopes.push([]);
  let result: T;
  let created: Tensor[];
  try {
    result = fn();
  } finally {
    created = scopes.pop() ?? [];
  }
  const keep = new Set<Tensor>();
  const collect = (v: unknown): void => {
    if (v instanceof Tensor) keep.add(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(result);
  for (const t of created) if (!keep.has(t) && !t.isVariable) t.dispose();
  // Returned tensors belong to the enclosing scope now.
  const outer = scopes[scopes.length - 1];
  if (outer) for (const t of keep) outer.push(t);
  return result;
}

/** Resets the scope stack (only for tests that abort inside tidy). */
export function resetScopes(): void {
  scopes = [];
}

/** Copies values into a pooled buffer and wraps them in a tensor. */
export function fromValues(values: ArrayLike<number>, shape: readonly number[], options: TensorOptions = {}): Tensor {
  const data = acquire(values.length);
  data.set(values);
  return new Tensor(data, shape, options);
}
