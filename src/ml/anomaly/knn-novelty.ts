/**
 * k-nearest-neighbour novelty of a sliding shape, calibrated against its own recent history.
 *
 * The last `featureLength` block values form a vector; its novelty is the RMS distance to the nearest stored
 * vector that does not overlap it in time, as in Numenta's knncad. Raw novelties are not comparable across series
 * (a noisy series always has distant neighbours), so each is judged by a {@link SelfCalibratedZ} against the
 * previous `statsBlocks` novelties, with a floor of `floor` × the range so far. The history stays in the data's
 * units and only the floor follows the range, so one huge spike (which widens the range at once) does not shrink
 * every later novelty relative to its history and hide the next incident.
 */
import { SelfCalibratedZ } from './self-calibrated-z.js';

/** Settings of one {@link KnnNovelty}. */
export interface KnnNoveltyOptions {
  /** Block values per vector. */
  readonly featureLength: number;
  /** Vectors kept for the neighbour search (oldest dropped first). */
  readonly memory: number;
  /** Past novelties the z-score is computed against. */
  readonly statsBlocks: number;
  /** Novelty floor as a fraction of the range. */
  readonly floor: number;
  /** Smallest spread of log novelties (see {@link SelfCalibratedZ}). */
  readonly minSpread: number;
}

/** Serialisable state of a {@link KnnNovelty}. */
export interface KnnNoveltyState {
  readonly recent: number[];
  readonly features: number[][];
  readonly novelties: number[];
}

/** Sliding-shape k-NN novelty (see the module comment). */
export class KnnNovelty {
  private recent: number[] = [];
  private features: number[][] = [];
  private readonly novelties: SelfCalibratedZ;

  constructor(private readonly o: KnnNoveltyOptions) {
    this.novelties = new SelfCalibratedZ({ size: o.statsBlocks, floor: o.floor, minSpread: o.minSpread });
  }

  /** Restores the state written by {@link toJSON}. */
  load(state: KnnNoveltyState): void {
    this.recent = [...state.recent];
    this.features = state.features.map((f) => [...f]);
    this.novelties.reset(state.novelties);
  }

  /** The state as plain JSON. */
  toJSON(): KnnNoveltyState {
    return { recent: [...this.recent], features: this.features.map((f) => [...f]), novelties: this.novelties.toJSON() };
  }

  /** Forgets the current shape (after a gap in the data) but keeps everything learnt. */
  breakShape(): void {
    this.recent = [];
  }

  /**
   * Adds one block value and returns the z-score of the shape that ends with it, or NaN while the shape is
   * incomplete or no history exists. `range` is the series' range so far (> 0); it sets the novelty floor.
   */
  push(value: number, range: number): number {
    const w = this.o.featureLength;
    this.recent.push(value);
    if (this.recent.length > w) this.recent.shift();
    if (this.recent.length < w) return Number.NaN;
    const f = [...this.recent];
    const d = this.nearest(f);
    this.features.push(f);
    if (this.features.length > this.o.memory) this.features.shift();
    if (!Number.isFinite(d)) return Number.NaN;
    const z = this.novelties.z(d, this.o.floor * range);
    this.novelties.add(d);
    return z;
  }

  /**
   * Replaces the novelties seen so far by each stored vector's distance to its nearest non-overlapping
   * neighbour among all of them. Called once when learning ends: the first vectors had almost no neighbours, so
   * their novelties were inflated and would make the first real anomalies look ordinary.
   */
  recalibrate(): void {
    const fs = this.features;
    const w = this.o.featureLength;
    const out: number[] = [];
    for (let i = 0; i < fs.length; i++) {
      let best = Infinity;
      for (let j = 0; j < fs.length; j++) if (Math.abs(i - j) >= w) best = Math.min(best, sqDist(fs[i]!, fs[j]!, best));
      if (Number.isFinite(best)) out.push(Math.sqrt(best / w));
    }
    this.novelties.reset(out);
  }

  /** RMS distance to the nearest stored vector that does not overlap `f` in time (∞ when there is none). */
  private nearest(f: readonly number[]): number {
    const usable = this.features.length - (f.length - 1);
    let best = Infinity;
    for (let i = 0; i < usable; i++) best = Math.min(best, sqDist(f, this.features[i]!, best));
    return Math.sqrt(best / f.length);
  }
}

/** Squared Euclidean distance, abandoned (returning a value ≥ bound) once it exceeds `bound`. */
function sqDist(a: readonly number[], b: readonly number[], bound: number): number {
  let s = 0;
  for (let j = 0; j < a.length && s < bound; j++) {
    const e = a[j]! - b[j]!;
    s += e * e;
  }
  return s;
}
