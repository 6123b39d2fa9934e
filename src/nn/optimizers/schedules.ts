/** Learning-rate schedules (Keras names): a function of the optimiser step (0-based). */

/** Maps the step count to a learning rate. */
export interface LearningRateSchedule {
  readonly className: string;
  (step: number): number;
}

function named(className: string, fn: (step: number) => number): LearningRateSchedule {
  return Object.assign(fn, { className }) as LearningRateSchedule;
}

/** lr·rate^(step / decaySteps), floored to whole periods with `staircase`. */
export function exponentialDecay(args: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }): LearningRateSchedule {
  return named('ExponentialDecay', (step) => {
    const p = step / args.decaySteps;
    return args.initialLearningRate * Math.pow(args.decayRate, args.staircase ? Math.floor(p) : p);
  });
}

/** Piecewise-constant: values[i] while step ≤ boundaries[i] (values has one more entry). */
export function piecewiseConstantDecay(args: { boundaries: readonly number[]; values: readonly number[] }): LearningRateSchedule {
  return named('PiecewiseConstantDecay', (step) => {
    for (let i = 0; i < args.boundaries.length; i++) if (step <= args.boundaries[i]!) return args.values[i]!;
    return args.values[args.values.length - 1]!;
  });
}

/** Cosine decay from lr to lr·alpha over decaySteps, with optional linear warm-up. */
export function cosineDecay(args: { initialLearningRate: number; decaySteps: number; alpha?: number; warmupSteps?: number }): LearningRateSchedule {
  const alpha = args.alpha ?? 0;
  const warm = args.warmupSteps ?? 0;
  return named('CosineDecay', (step) => {
    if (step < warm) return (args.initialLearningRate * (step + 1)) / warm;
    const t = Math.min(1, (step - warm) / args.decaySteps);
    const cos = 0.5 * (1 + Math.cos(Math.PI * t));
    return args.initialLearningRate * ((1 - alpha) * cos + alpha);
  });
}

/** lr / (1 + rate·step / decaySteps). */
export function inverseTimeDecay(args: { initialLearningRate: number; decaySteps: number; decayRate: number }): LearningRateSchedule {
  return named('InverseTimeDecay', (step) => args.initialLearningRate / (1 + (args.decayRate * step) / args.decaySteps));
}
