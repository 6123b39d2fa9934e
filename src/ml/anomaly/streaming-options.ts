/**
 * Settings of the streaming detector: the options a caller may pass, their defaults and validation (merged once,
 * in the factory, as the style guide asks). Defaults are in blocks of the learning period, so they scale with it.
 */
import { NorthstarError } from '../../common/errors.js';

/** Settings of `StreamingDetector`. */
export interface StreamingDetectorOptions {
  /** Points observed before any score is reported (default 750, NAB's longest probationary period). */
  readonly learnPoints?: number;
  /** Blocks that fit in the learning period; sets the block size (default 100). */
  readonly blocksPerLearn?: number;
  /** Shape lengths, in blocks, of the novelty views (default [1, 4, 16]). */
  readonly featureLengths?: readonly number[];
  /** Shapes kept per view for the neighbour search (default 3000). */
  readonly memory?: number;
  /** Past novelties each z-score is judged against (default 4 × blocksPerLearn). */
  readonly statsBlocks?: number;
  /** Novelty floor, a fraction of the data's span (default 0.01: differences under 1 % of it are not news). */
  readonly floor?: number;
  /** Smallest spread of a view's log history, so a flat history cannot make a tiny rise extreme (default 0.5). */
  readonly minSpread?: number;
  /** Recent blocks whose value histogram is compared with the older ones (default blocksPerLearn / 2; 0 = off). */
  readonly shiftBlocks?: number;
  /** Histogram bins of that comparison (default 10). */
  readonly bins?: number;
  /** Blocks after a report during which reports are damped (default blocksPerLearn / 4). */
  readonly maskBlocks?: number;
  /** z by which a report inside the mask must beat the last report (default 1). */
  readonly repeatMargin?: number;
  /** z at which the score is 0.5 (default 3). */
  readonly halfAt?: number;
  /** A gap longer than this many typical intervals restarts the shapes (default 5). */
  readonly gapFactor?: number;
}

/** Options with every default filled in (what a saved state records). */
export type ResolvedStreamingOptions = Required<Omit<StreamingDetectorOptions, 'featureLengths'>> & { readonly featureLengths: number[] };

/** Merges defaults once and validates (the style guide's "defaults in the factory"). */
export function resolveStreamingOptions(options: StreamingDetectorOptions): ResolvedStreamingOptions {
  const blocksPerLearn = options.blocksPerLearn ?? 100;
  const o: ResolvedStreamingOptions = {
    learnPoints: options.learnPoints ?? 750,
    blocksPerLearn,
    featureLengths: [...(options.featureLengths ?? [1, 4, 16])],
    memory: options.memory ?? 3000,
    statsBlocks: options.statsBlocks ?? 4 * blocksPerLearn,
    floor: options.floor ?? 0.01,
    minSpread: options.minSpread ?? 0.5,
    shiftBlocks: options.shiftBlocks ?? Math.round(blocksPerLearn / 2),
    bins: options.bins ?? 10,
    maskBlocks: options.maskBlocks ?? Math.round(blocksPerLearn / 4),
    repeatMargin: options.repeatMargin ?? 1,
    halfAt: options.halfAt ?? 3,
    gapFactor: options.gapFactor ?? 5,
  };
  const bad = Object.entries(o).filter(([, v]) => (Array.isArray(v) ? v.some((x) => !(Number.isInteger(x) && x >= 1)) || v.length === 0 : !(Number.isFinite(v) && (v as number) >= 0)));
  if (bad.length > 0 || o.blocksPerLearn < 1 || o.halfAt <= 0 || o.memory < 2) {
    throw new NorthstarError('INVALID_ARGUMENT', `invalid streaming detector options: ${bad.map(([k]) => k).join(', ') || 'blocksPerLearn/halfAt/memory'}`, {
      hint: 'Numbers must be finite and ≥ 0 (blocksPerLearn ≥ 1, halfAt > 0, memory ≥ 2); featureLengths a non-empty list of integers ≥ 1.',
    });
  }
  return o;
}

