/** ModelCheckpoint (Keras semantics): saves the model folder at the end of an epoch. */
import { NorthstarError } from '../../common/errors.js';
import { saveModel } from '../io/model-folder.js';
import { Sequential } from '../model/sequential.js';
import { Callback, type Logs } from './callback.js';

/** Keras `ModelCheckpoint` arguments; `filepath` is a folder and may contain `{epoch}`. */
export interface ModelCheckpointArgs {
  filepath: string;
  monitor?: string;
  saveBestOnly?: boolean;
  mode?: 'auto' | 'min' | 'max';
  /** JSON metadata written beside the weights (class names, scaler state). */
  metadata?: Record<string, unknown>;
}

/** Saves after every epoch, or only when `monitor` improves with `saveBestOnly`. */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  private readonly sign: number;
  private readonly metadata: Record<string, unknown>;
  private best = Infinity;
  /** Folders written so far, in order. */
  readonly saved: string[] = [];

  constructor(args: ModelCheckpointArgs) {
    super();
    this.filepath = args.filepath;
    this.monitor = args.monitor ?? 'val_loss';
    this.saveBestOnly = args.saveBestOnly ?? false;
    const mode = args.mode ?? 'auto';
    this.sign = mode === 'max' || (mode === 'auto' && /acc|auc|precision|recall|f1/.test(this.monitor)) ? -1 : 1;
    this.metadata = args.metadata ?? {};
  }

  onTrainBegin(): void {
    this.best = Infinity;
  }

  async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.saveBestOnly) {
      const value = logs[this.monitor];
      if (value === undefined || !(this.sign * value < this.best)) return;
      this.best = this.sign * value;
    }
    if (!(this.model instanceof Sequential)) throw new NorthstarError('INTERNAL', 'ModelCheckpoint needs a Sequential model');
    const dir = this.filepath.replaceAll('{epoch}', String(epoch + 1));
    await saveModel(this.model, dir, { ...this.metadata, epoch: epoch + 1, logs });
    this.saved.push(dir);
  }
}
