/**
 * Distribution change: the relative entropy (Kullback-Leibler divergence) of the histogram of the last `window`
 * block values against the histogram of everything older in memory, over `bins` equal bins spanning the range
 * so far. It rises when the series starts spending its time at unusual levels or stops varying as it used to
 * (a flat stretch in a busy series, a noisier regime), which a nearest-neighbour test of single shapes can miss.
 * NAB's "Relative Entropy" detector (Wang et al. 2011) tests the same quantity; here it is not a chi-square test
 * but judged, like the other views, by a {@link SelfCalibratedZ} against its own recent history.
 */
import { SelfCalibratedZ } from './self-calibrated-z.js';

/** Settings of one {@link HistogramShift}. */
export interface HistogramShiftOptions {
  /** Recent block values compared with the older ones. */
  readonly window: number;
  /** Block values kept in all (recent + reference). */
  readonly memory: number;
  /** Histogram bins over the range. */
  readonly bins: number;
  /** Past divergences the z-score is computed against. */
  readonly statsBlocks: number;
  /** Divergence floor (nats) and smallest log spread, as in {@link SelfCalibratedZ}. */
  readonly floor: number;
  readonly minSpread: number;
}

/** Serialisable state of a {@link HistogramShift}. */
export interface HistogramShiftState {
  readonly values: number[];
  readonly divergences: number[];
}

/** Pseudo-count per bin, so an empty reference bin gives a large but finite divergence. */
const PSEUDO = 1e-3;

/** Relative entropy of recent vs older block values (see the module comment). */
export class HistogramShift {
  private values: number[] = [];
  private readonly divergences: SelfCalibratedZ;

  constructor(private readonly o: HistogramShiftOptions) {
    this.divergences = new SelfCalibratedZ({ size: o.statsBlocks, floor: o.floor, minSpread: o.minSpread });
  }

  /** Restores the state written by {@link toJSON}. */
  load(state: HistogramShiftState): void {
    this.values = [...state.values];
    this.divergences.reset(state.divergences);
  }

  /** The state as plain JSON. */
  toJSON(): HistogramShiftState {
    return { values: [...this.values], divergences: this.divergences.toJSON() };
  }

  /**
   * Adds one block value; returns the z of the divergence now (NaN until the reference holds at least `window`
   * values). `lo` and `range` (> 0) are the series' minimum and range so far.
   */
  push(value: number, lo: number, range: number): number {
    this.values.push(value);
    if (this.values.length > this.o.memory) this.values.shift();
    const n = this.values.length;
    const w = this.o.window;
    if (n < 2 * w) return Number.NaN;
    const bins = this.o.bins;
    const recent = new Float64Array(bins).fill(PSEUDO);
    const older = new Float64Array(bins).fill(PSEUDO);
    const bin = (x: number): number => Math.min(bins - 1, Math.max(0, Math.floor(((x - lo) / range) * bins)));
    for (let i = 0; i < n - w; i++) older[bin(this.values[i]!)]! += 1;
    for (let i = n - w; i < n; i++) recent[bin(this.values[i]!)]! += 1;
    const sr = w + bins * PSEUDO;
    const so = n - w + bins * PSEUDO;
    let kl = 0;
    for (let i = 0; i < bins; i++) {
      const p = recent[i]! / sr;
      kl += p * Math.log(p / (older[i]! / so));
    }
    const z = this.divergences.z(kl);
    this.divergences.add(kl);
    return z;
  }
}
