/**
 * The training callback API (TensorFlow.js `CustomCallbackArgs` shape): hooks may be async; logs carry the
 * epoch's metrics (`loss`, `accuracy`, `val_loss`, ...). A callback stops training by setting
 * `model.stopTraining = true`.
 */

/** Metric values by Keras name. */
export type Logs = Record<string, number>;

/** What a callback may read and control on the model being trained. */
export interface TrainingModel {
  stopTraining: boolean;
  getWeightValues(): Float32Array[];
  setWeightValues(values: readonly Float32Array[]): void;
}

/** Hooks called during `fit`; every one is optional. */
export interface CallbackHooks {
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
}

/** Base class for callbacks that need the model (EarlyStopping, ...). */
export abstract class Callback {
  protected model: TrainingModel | undefined;

  /** Called by `fit` before training starts. */
  setModel(model: TrainingModel): void {
    this.model = model;
  }
}

/** Runs a list of hook objects in order, awaiting each. */
export class CallbackList {
  private readonly items: readonly CallbackHooks[];

  constructor(items: ReadonlyArray<CallbackHooks | Callback>, model: TrainingModel) {
    for (const c of items) if (c instanceof Callback) c.setModel(model);
    this.items = items as readonly CallbackHooks[];
  }

  async call<K extends keyof CallbackHooks>(hook: K, ...args: Parameters<NonNullable<CallbackHooks[K]>>): Promise<void> {
    for (const c of this.items) {
      const fn = c[hook] as ((...a: unknown[]) => void | Promise<void>) | undefined;
      if (fn) await fn.apply(c, args);
    }
  }
}
