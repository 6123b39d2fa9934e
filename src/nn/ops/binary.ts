/**
 * The shared engine of add/sub/mul/div: broadcasting forward and gradients reduced back onto each input's
 * shape. Each public op lives in its own file and supplies its derivative.
 */
import { acquire, acquireZeroed, release } from '../memory.js';
import { opResult, sizeOf, type Tensor } from '../tensor.js';
import { scalar } from '../creation.js';
import { broadcastIndex, broadcastShapes } from './broadcast.js';

/** f(a, b) and its partial derivatives, given a, b and f(a, b). */
export interface BinaryRule {
  f(a: number, b: number): number;
  da(a: number, b: number, y: number): number;
  db(a: number, b: number, y: number): number;
}

/** Applies a binary rule with broadcasting; a number operand becomes a constant scalar. */
export function binaryOp(a: Tensor, bIn: Tensor | number, rule: BinaryRule): Tensor {
  const b = typeof bIn === 'number' ? scalar(bIn) : bIn;
  const shape = broadcastShapes(a.shape, b.shape);
  const mapA = broadcastIndex(shape, a.shape);
  const mapB = broadcastIndex(shape, b.shape);
  const ad = a.data;
  const bd = b.data;
  const out = acquire(sizeOf(shape));
  const n = out.length;
  if (mapA === null && mapB === null) for (let i = 0; i < n; i++) out[i] = rule.f(ad[i]!, bd[i]!);
  else for (let i = 0; i < n; i++) out[i] = rule.f(ad[mapA ? mapA[i]! : i]!, bd[mapB ? mapB[i]! : i]!);
  const result = opResult(out, shape, [a, b], (y) => {
    const g = y.grad!;
    const yd = y.data;
    for (const [input, map, isA] of [[a, mapA, true], [b, mapB, false]] as const) {
      if (!input.requiresGrad) continue;
      const target = input.ensureGrad();
      // A scratch buffer keeps the sum order fixed, so results do not depend on which input came first.
      const acc = map === null ? target : acquireZeroed(input.size);
      for (let i = 0; i < n; i++) {
        const av = ad[mapA ? mapA[i]! : i]!;
        const bv = bd[mapB ? mapB[i]! : i]!;
        const d = isA ? rule.da(av, bv, yd[i]!) : rule.db(av, bv, yd[i]!);
        const j = map ? map[i]! : i;
        acc[j] = acc[j]! + g[i]! * d;
      }
      if (acc !== target) {
        for (let j = 0; j < target.length; j++) target[j] = target[j]! + acc[j]!;
        release(acc);
      }
    }
  });
  if (typeof bIn === 'number' && !result.requiresGrad) b.dispose();
  return result;
}
