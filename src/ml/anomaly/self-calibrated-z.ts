/**
 * Judges a raw anomaly signal against its own recent history, so that one threshold means the same on a calm
 * series and on a noisy one (the idea behind HTM's anomaly likelihood). Raw signals here (neighbour distances,
 * relative entropies) are positive and skewed, so the z-score is taken on log(x + floor): a z of 1 means "this many
 * times the typical value", whatever the series' units.
 */

/** Settings of {@link SelfCalibratedZ}. */
export interface SelfCalibratedZOptions {
  /** Past values the z-score is computed against (oldest dropped first). */
  readonly size: number;
  /** Added before the log: values far below it all count as "nothing" (log 0 = −∞ would make noise look huge). */
  readonly floor: number;
  /** Smallest standard deviation of the logs: a near-constant history must not turn a tiny rise into a huge z. */
  readonly minSpread: number;
}

/** A ring of past raw values and the z of a new one against them. */
export class SelfCalibratedZ {
  private values: number[] = [];

  constructor(private readonly o: SelfCalibratedZOptions) {}

  /** z of log(x + floor) against the stored history (NaN with fewer than two stored values). */
  z(x: number, floor = this.o.floor): number {
    const n = this.values.length;
    if (n < 2 || !Number.isFinite(x)) return Number.NaN;
    let mean = 0;
    for (const v of this.values) mean += Math.log(v + floor);
    mean /= n;
    let ss = 0;
    for (const v of this.values) ss += (Math.log(v + floor) - mean) ** 2;
    const sd = Math.max(Math.sqrt(ss / n), this.o.minSpread);
    return (Math.log(x + floor) - mean) / sd;
  }

  /** Stores a raw value (non-finite ones are ignored). */
  add(x: number): void {
    if (!Number.isFinite(x)) return;
    this.values.push(x);
    if (this.values.length > this.o.size) this.values.shift();
  }

  /** Replaces the history (keeps the newest `size`). */
  reset(values: readonly number[]): void {
    this.values = values.filter(Number.isFinite).slice(-this.o.size);
  }

  /** The stored history, oldest first (plain JSON). */
  toJSON(): number[] {
    return [...this.values];
  }
}
