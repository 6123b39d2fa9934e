/**
 * Progress of a long operation (import, demo load, training). Libraries report through this interface;
 * the CLI renders a bar, the API exposes job status, tests record the calls.
 */
export interface Progress {
  /** Sets the total amount of work, when known. */
  start(total: number | undefined, label?: string): void;
  /** Advances by `delta` units of work. */
  tick(delta?: number, info?: Record<string, unknown>): void;
  /** Marks the work done. */
  finish(info?: Record<string, unknown>): void;
}

/** A progress reporter that ignores everything. */
export const noProgress: Progress = { start: () => {}, tick: () => {}, finish: () => {} };
