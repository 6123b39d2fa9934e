/**
 * Runs async tasks one at a time, in the order they were submitted. A DuckDB connection holds one
 * transaction at a time, so every user of a connection goes through its lane; a failed task does not
 * block the ones behind it.
 */
export class SerialLane {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** Tasks submitted and not yet finished. */
  get pending(): number {
    return this.queued;
  }

  /** Runs `task` after every task submitted before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => {
        this.queued--;
      },
      () => {
        this.queued--;
      },
    );
    return result;
  }
}
