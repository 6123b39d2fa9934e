/**
 * Weight regularisers (Keras semantics: l1 adds λ·Σ|w|, l2 adds λ·Σw² to the loss). They act directly on
 * the weight and gradient buffers after backward, so they add no graph nodes.
 */

/** A penalty on one weight tensor. */
export interface Regularizer {
  readonly className: string;
  /** The value added to the loss. */
  penalty(w: Float32Array): number;
  /** Adds d(penalty)/dw into `grad`. */
  addGradient(w: Float32Array, grad: Float32Array): void;
  getConfig(): Record<string, number>;
}

/** λ₁·Σ|w| + λ₂·Σw². */
export function l1l2(config: { l1?: number; l2?: number } = {}): Regularizer {
  const a = config.l1 ?? 0.01;
  const b = config.l2 ?? 0.01;
  return {
    className: 'L1L2',
    penalty(w) {
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < w.length; i++) {
        s1 += Math.abs(w[i]!);
        s2 += w[i]! * w[i]!;
      }
      return a * s1 + b * s2;
    },
    addGradient(w, g) {
      for (let i = 0; i < w.length; i++) g[i] = g[i]! + a * Math.sign(w[i]!) + 2 * b * w[i]!;
    },
    getConfig: () => ({ l1: a, l2: b }),
  };
}

/** λ·Σ|w| (Keras default λ = 0.01). */
export function l1(config: { l1?: number } = {}): Regularizer {
  return { ...l1l2({ l1: config.l1 ?? 0.01, l2: 0 }), className: 'L1' };
}

/** λ·Σw² (Keras default λ = 0.01). */
export function l2(config: { l2?: number } = {}): Regularizer {
  return { ...l1l2({ l1: 0, l2: config.l2 ?? 0.01 }), className: 'L2' };
}

/** Resolves `'l1' | 'l2' | 'l1l2'` with Keras defaults, or passes a regulariser through. */
export function getRegularizer(v: string | Regularizer | undefined): Regularizer | undefined {
  if (v === undefined || typeof v !== 'string') return v;
  const key = v.replaceAll('_', '').toLowerCase();
  if (key === 'l1') return l1();
  if (key === 'l2') return l2();
  return l1l2();
}
