/**
 * An online detector: feed points one at a time, get a score for each at once, save and restore its state.
 *
 * Points are grouped into blocks of `blockSize`, chosen so that the learning period holds ~`blocksPerLearn`
 * blocks (the time scale follows the data's rate, as ARTime's down-sampling does). A block is summarised by its
 * value farthest from the recent level, so a one-point spike survives the grouping. Several {@link KnnNovelty}
 * views (shapes of 1, 4 and 16 blocks: "a value never seen", "a short pattern never seen", "a longer pattern never
 * seen") and a {@link HistogramShift} view ("the recent values are distributed unlike the older ones") each give a
 * z-score of how unusual the newest block is for this series; their positive parts combine as a Euclidean norm.
 *
 * Reporting is shaped for people and for NAB, which rewards the first report of an incident and charges every
 * report outside one: a block reports (non-zero score) only when its z beats every z of the previous `maskBlocks`
 * blocks, and within `maskBlocks` of the last report it must beat that report by `repeatMargin` as well. Both
 * rules are threshold-free, so whatever alert threshold a user picks, a burst gives one alert.
 *
 * Cost per point: O(1) inside a block; at a block end O(memory × featureLength) per view. Missing values
 * (non-finite) are skipped; with timestamps, out-of-order points are ignored and a gap longer than `gapFactor`
 * typical intervals restarts the shapes (a shape never spans a hole in the data).
 */
import { NorthstarError } from '../../common/errors.js';
import { KnnNovelty } from './knn-novelty.js';
import type { KnnNoveltyState } from './knn-novelty.js';
import { HistogramShift } from './histogram-shift.js';
import type { HistogramShiftState } from './histogram-shift.js';
import type { AnomalyPoint } from './anomaly-point.js';
import { resolveStreamingOptions } from './streaming-options.js';
import type { ResolvedStreamingOptions, StreamingDetectorOptions } from './streaming-options.js';

export type { StreamingDetectorOptions } from './streaming-options.js';

/**
 * One scored point, in the shape every detector here returns ({@link AnomalyPoint}): `score` in [0, 1] (0 while
 * learning, for missing points, inside a block and when damped; never NaN); `label` `high`/`low` when the score
 * reaches 0.5 (on the side of the block's extreme); `expected` ± band = the recent block level ± 3 robust
 * deviations, for charts (NaN before the first block). Plus `z`, the block's combined z before damping (NaN where
 * no block ended or nothing can be judged yet).
 */
export interface StreamingScore extends AnomalyPoint {
  readonly z: number;
}

/** Serialisable state of a {@link StreamingDetector} (plain JSON). */
export interface StreamingDetectorState {
  readonly version: 1;
  readonly options: ResolvedStreamingOptions;
  readonly seen: number;
  readonly blocks: number;
  readonly lastTime: number | null;
  readonly interval: number | null;
  readonly block: { count: number; min: number | null; max: number | null; sum: number };
  readonly lo: number | null;
  readonly hi: number | null;
  readonly level: number | null;
  readonly spread: number | null;
  readonly calibrated: boolean;
  readonly recentZ: number[];
  readonly lastReport: { block: number; z: number } | null;
  readonly spanValues: number[];
  readonly span: { lo: number; hi: number } | null;
  readonly views: KnnNoveltyState[];
  readonly shift: HistogramShiftState | null;
}

const NOTHING: StreamingScore = { score: 0, label: 'normal', z: Number.NaN, expected: Number.NaN, lower: Number.NaN, upper: Number.NaN };

/** Online multi-view k-NN novelty detector (see the module comment). */
export class StreamingDetector {
  /** Points per block. */
  readonly blockSize: number;
  private readonly o: ResolvedStreamingOptions;
  private readonly views: KnnNovelty[];
  private readonly shift: HistogramShift | null;
  private seen = 0;
  private blocks = 0;
  private lastTime: number | null = null;
  private interval: number | null = null;
  private block = { count: 0, min: Infinity, max: -Infinity, sum: 0 };
  private lo: number | null = null;
  private hi: number | null = null;
  private level: number | null = null;
  private spread: number | null = null;
  private calibrated = false;
  private recentZ: number[] = [];
  private spanValues: number[] = [];
  private span: { lo: number; hi: number } | null = null;
  private lastReport: { block: number; z: number } | null = null;

  constructor(options: StreamingDetectorOptions = {}) {
    this.o = resolveStreamingOptions(options);
    this.blockSize = Math.max(1, Math.round(this.o.learnPoints / this.o.blocksPerLearn));
    const { memory, statsBlocks, floor, minSpread } = this.o;
    this.views = this.o.featureLengths.map((featureLength) => new KnnNovelty({ featureLength, memory, statsBlocks, floor, minSpread }));
    const window = Math.round(this.o.shiftBlocks);
    this.shift = window >= 1 ? new HistogramShift({ window, memory, bins: Math.max(2, Math.round(this.o.bins)), statsBlocks, floor, minSpread }) : null;
  }

  /** Restores a detector from {@link toJSON}'s output; it continues exactly where the saved one stopped. */
  static fromState(state: StreamingDetectorState): StreamingDetector {
    if (state.version !== 1 || state.views.length !== state.options.featureLengths.length) {
      throw new NorthstarError('INVALID_ARGUMENT', 'not a streaming detector state (version 1)');
    }
    const d = new StreamingDetector(state.options);
    d.seen = state.seen;
    d.blocks = state.blocks;
    d.lastTime = state.lastTime;
    d.interval = state.interval;
    d.block = { count: state.block.count, min: state.block.min ?? Infinity, max: state.block.max ?? -Infinity, sum: state.block.sum };
    d.lo = state.lo;
    d.hi = state.hi;
    d.level = state.level;
    d.spread = state.spread;
    d.calibrated = state.calibrated;
    d.recentZ = [...state.recentZ];
    d.lastReport = state.lastReport === null ? null : { ...state.lastReport };
    d.spanValues = [...state.spanValues];
    d.span = state.span === null ? null : { ...state.span };
    state.views.forEach((v, i) => d.views[i]!.load(v));
    if (state.shift !== null && d.shift !== null) d.shift.load(state.shift);
    return d;
  }

  /** The whole state as plain JSON (±Infinity written as null so that JSON.stringify keeps it). */
  toJSON(): StreamingDetectorState {
    const b = this.block;
    return {
      version: 1,
      options: { ...this.o, featureLengths: [...this.o.featureLengths] },
      seen: this.seen,
      blocks: this.blocks,
      lastTime: this.lastTime,
      interval: this.interval,
      block: { count: b.count, min: Number.isFinite(b.min) ? b.min : null, max: Number.isFinite(b.max) ? b.max : null, sum: b.sum },
      lo: this.lo,
      hi: this.hi,
      level: this.level,
      spread: this.spread,
      calibrated: this.calibrated,
      recentZ: [...this.recentZ],
      lastReport: this.lastReport === null ? null : { ...this.lastReport },
      spanValues: [...this.spanValues],
      span: this.span === null ? null : { ...this.span },
      views: this.views.map((v) => v.toJSON()),
      shift: this.shift?.toJSON() ?? null,
    };
  }

  /**
   * Scores the next point. `time` (epoch ms) is optional; with it, a point older than the previous one is ignored
   * (score 0) and a long gap restarts the shapes. Non-finite values are missing points (score 0).
   */
  update(value: number, time?: number): StreamingScore {
    if (time !== undefined && Number.isFinite(time)) {
      if (this.lastTime !== null) {
        const dt = time - this.lastTime;
        if (dt < 0) return this.idle();
        if (dt > 0) {
          const gap = this.interval !== null && dt > this.o.gapFactor * this.interval;
          if (gap) for (const v of this.views) v.breakShape();
          // Typical interval: a slow running estimate that the gaps themselves do not move.
          else this.interval = this.interval === null ? dt : 0.95 * this.interval + 0.05 * dt;
        }
      }
      this.lastTime = time;
    }
    if (!Number.isFinite(value)) return this.idle();
    this.seen++;
    this.lo = this.lo === null ? value : Math.min(this.lo, value);
    this.hi = this.hi === null ? value : Math.max(this.hi, value);
    const b = this.block;
    b.count++;
    b.min = Math.min(b.min, value);
    b.max = Math.max(b.max, value);
    b.sum += value;
    if (b.count < this.blockSize) return this.idle();
    const mean = b.sum / b.count;
    const prevLevel = this.level ?? mean;
    this.spread = this.spread === null ? 0 : 0.9 * this.spread + 0.1 * Math.abs(mean - prevLevel);
    // A short memory of the level (half-life one block): the block's extreme is taken on the side away from it,
    // so a spike survives the grouping while plain noise does not pull the summary either way.
    this.level = (prevLevel + mean) / 2;
    const extreme = Math.abs(b.max - this.level) >= Math.abs(b.min - this.level) ? b.max : b.min;
    this.block = { count: 0, min: Infinity, max: -Infinity, sum: 0 };
    return this.closeBlock(extreme);
  }

  /** What a point that ends no block gets: score 0 and the current band. */
  private idle(): StreamingScore {
    if (this.level === null) return NOTHING;
    return { score: 0, label: 'normal', z: Number.NaN, ...this.band() };
  }

  private band(): { expected: number; lower: number; upper: number } {
    const level = this.level ?? Number.NaN;
    const width = 3 * 1.25 * (this.spread ?? 0); // mean absolute deviation × 1.25 ≈ σ for Gaussian noise
    return { expected: level, lower: level - width, upper: level + width };
  }

  /**
   * The scale that novelty floors and histogram bins follow: the 1st–99th percentile span of the stored block
   * values (refreshed every 10 blocks), not min–max, so one huge spike does not flatten everything after it. At
   * least 5 % of the min–max range, so a mostly flat series with rare moves still has a scale.
   */
  private robustSpan(extreme: number): { lo: number; range: number } {
    this.spanValues.push(extreme);
    if (this.spanValues.length > this.o.memory) this.spanValues.shift();
    if (this.span === null || this.blocks % 10 === 0) {
      const sorted = Float64Array.from(this.spanValues).sort();
      const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
      this.span = { lo: q(0.01), hi: q(0.99) };
    }
    const full = (this.hi ?? 0) - (this.lo ?? 0);
    const range = Math.max(this.span.hi - this.span.lo, 0.05 * full, 1e-12 * Math.max(1, Math.abs(this.hi ?? 0)));
    return { lo: this.span.lo, range };
  }

  private closeBlock(extreme: number): StreamingScore {
    this.blocks++;
    const { lo, range } = this.robustSpan(extreme);
    const learning = this.seen <= this.o.learnPoints;
    if (!learning && !this.calibrated) {
      for (const v of this.views) v.recalibrate();
      this.calibrated = true;
    }
    // Views that agree are stronger evidence than one alone: combine the positive z's as a Euclidean norm (one
    // view at z keeps z; two at z give 1.41·z). Views with nothing to say yet (NaN) are left out.
    const zs = this.views.map((v) => v.push(extreme, range));
    if (this.shift !== null) zs.push(this.shift.push(extreme, lo, range));
    const known = zs.filter(Number.isFinite);
    const z = known.length === 0 ? Number.NaN : Math.sqrt(known.reduce((a, x) => a + Math.max(0, x) ** 2, 0));
    const band = this.band();
    if (learning || !Number.isFinite(z)) return { score: 0, label: 'normal', z, ...band };
    const prevMax = this.recentZ.length > 0 ? Math.max(...this.recentZ) : Number.NEGATIVE_INFINITY;
    this.recentZ.push(z);
    if (this.recentZ.length > this.o.maskBlocks) this.recentZ.shift();
    const last = this.lastReport;
    const inMask = last !== null && this.blocks - last.block <= this.o.maskBlocks;
    const reports = z > 0 && z > prevMax && (!inMask || z > last.z + this.o.repeatMargin);
    if (!reports) return { score: 0, label: 'normal', z, ...band };
    this.lastReport = { block: this.blocks, z };
    const score = z / (z + this.o.halfAt);
    const label = score < 0.5 ? 'normal' : extreme >= band.expected ? 'high' : 'low';
    return { score, label, z, ...band };
  }
}

/** Runs a fresh {@link StreamingDetector} over a whole series (timestamps optional, epoch ms): one point per input. */
export function detectStreamingAnomalies(values: readonly number[], timestamps?: readonly number[], options: StreamingDetectorOptions = {}): StreamingScore[] {
  const d = new StreamingDetector(options);
  return values.map((v, i) => d.update(v, timestamps?.[i]));
}

/** Just the scores of {@link detectStreamingAnomalies}. */
export function streamingScores(values: readonly number[], timestamps?: readonly number[], options: StreamingDetectorOptions = {}): number[] {
  return detectStreamingAnomalies(values, timestamps, options).map((p) => p.score);
}
