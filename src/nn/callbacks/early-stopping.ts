/** EarlyStopping (Keras semantics). */
import { Callback, type Logs } from './callback.js';

/** Keras `EarlyStopping` arguments. */
export interface EarlyStoppingArgs {
  monitor?: string;
  minDelta?: number;
  patience?: number;
  mode?: 'auto' | 'min' | 'max';
  /** Restore the weights of the best epoch when training stops. */
  restoreBestWeights?: boolean;
  /** A baseline the monitored value must beat. */
  baseline?: number;
}

/** Stops training when `monitor` has not improved by `minDelta` for `patience` epochs. */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly restoreBestWeights: boolean;
  private readonly sign: number;
  private readonly baseline: number | undefined;
  private best = Infinity;
  private wait = 0;
  private bestWeights: Float32Array[] | undefined;
  /** The epoch (0-based) training stopped at, or 0 when it ran to the end. */
  stoppedEpoch = 0;
  /** The epoch with the best monitored value. */
  bestEpoch = 0;

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    this.monitor = args.monitor ?? 'val_loss';
    this.minDelta = Math.abs(args.minDelta ?? 0);
    this.patience = args.patience ?? 0;
    this.restoreBestWeights = args.restoreBestWeights ?? false;
    this.baseline = args.baseline;
    const mode = args.mode ?? 'auto';
    const maximise = mode === 'max' || (mode === 'auto' && /acc|auc|precision|recall|f1/.test(this.monitor));
    this.sign = maximise ? -1 : 1;
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.best = this.baseline === undefined ? Infinity : this.sign * this.baseline;
    this.bestWeights = undefined;
    this.stoppedEpoch = 0;
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    const value = logs[this.monitor];
    if (value === undefined) return;
    const v = this.sign * value;
    if (v < this.best - this.minDelta) {
      this.best = v;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBestWeights) this.bestWeights = this.model?.getWeightValues();
      return;
    }
    this.wait++;
    if (this.wait >= this.patience && this.model) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
      if (this.restoreBestWeights && this.bestWeights) this.model.setWeightValues(this.bestWeights);
    }
  }
}

/** TensorFlow.js spelling: `tf.callbacks.earlyStopping({ monitor, patience })`. */
export function earlyStopping(args: EarlyStoppingArgs = {}): EarlyStopping {
  return new EarlyStopping(args);
}
