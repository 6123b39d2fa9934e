/**
 * Root-cause hints after Adtributor (Bhagwan et al., NSDI 2014): for each candidate dimension, how much of the
 * change of the metric each value explains (explanatory power, EP) and how surprising the change of its share
 * is (Jensen-Shannon divergence between expected and actual shares). Within a dimension the most surprising
 * values with EP ≥ 0.1 are taken until they explain 67 % of the change; dimensions that get there rank first,
 * by total surprise. Works for additive metrics (counts) and for rates (numerator / denominator), where a
 * value's EP is the share of the change that disappears when that value alone is put back to its expectation.
 */

/** One value of a dimension at the anomalous bucket: actual and expected numerator (and denominator for rates). */
export interface ElementObservation {
  value: string | null;
  actualNum: number;
  expectedNum: number;
  actualDen?: number;
  expectedDen?: number;
}

/** A ranked contributor. `contribution` is EP in [-∞, ∞] (1 = explains all of the change). */
export interface Contributor {
  dimension: string;
  value: string | null;
  /** The value's own metric (rate or count), actual and expected. */
  actual: number;
  expected: number;
  contribution: number;
  surprise: number;
  /** Share of the total (numerator) expected and actual. */
  expectedShare: number;
  actualShare: number;
}

/** A dimension's summary: how much of the change its selected values explain, and their total surprise. */
export interface DimensionRank {
  dimension: string;
  explained: number;
  surprise: number;
  /** True when its selected values explain at least `explainTarget` of the change. */
  explains: boolean;
}

/** Thresholds of {@link rankRootCauses} (Adtributor's TEEP and TEP). */
export interface RootCauseOptions {
  minElementContribution?: number;
  explainTarget?: number;
  /** Most contributors kept per dimension. */
  perDimension?: number;
}

function js(p: number, q: number): number {
  const m = (p + q) / 2;
  const term = (x: number): number => (x > 0 && m > 0 ? 0.5 * x * Math.log2(x / m) : 0);
  return term(p) + term(q);
}

const safeDiv = (a: number, b: number): number => (b !== 0 && Number.isFinite(b) ? a / b : Number.NaN);
const sum = (xs: number[]): number => xs.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);

/**
 * Ranks the values of each dimension by their part in the change from expected to actual. `isRate` tells whether
 * the metric is Σnum/Σden (then every element must carry its denominator) or Σnum. Returns contributors (best
 * dimension first, its values by surprise) and the dimension ranking; both empty when the metric did not change.
 */
export function rankRootCauses(
  dimensions: ReadonlyArray<{ dimension: string; elements: readonly ElementObservation[] }>,
  isRate: boolean,
  options: RootCauseOptions = {},
): { contributors: Contributor[]; dimensions: DimensionRank[] } {
  const teep = options.minElementContribution ?? 0.1;
  const tep = options.explainTarget ?? 0.67;
  const perDimension = options.perDimension ?? 5;
  const ranked: Array<{ rank: DimensionRank; picked: Contributor[] }> = [];
  for (const { dimension, elements: all0 } of dimensions) {
    // A rate's value without any denominator (a property only the numerator's events carry, e.g. a category on
    // orders but not on checkouts) describes no population: it cannot explain a change of the rate.
    const elements = isRate ? all0.filter((e) => (e.actualDen ?? 0) > 0 || (e.expectedDen ?? 0) > 0) : all0;
    if (elements.length < 2) continue;
    const A = sum(elements.map((e) => e.actualNum));
    const F = sum(elements.map((e) => e.expectedNum));
    const Ad = isRate ? sum(elements.map((e) => e.actualDen ?? 0)) : 1;
    const Fd = isRate ? sum(elements.map((e) => e.expectedDen ?? 0)) : 1;
    const actualMetric = safeDiv(A, Ad);
    const expectedMetric = safeDiv(F, Fd);
    const change = actualMetric - expectedMetric;
    if (!Number.isFinite(change) || Math.abs(change) < 1e-12) continue;
    const all: Contributor[] = elements.map((e) => {
      const ad = e.actualDen ?? 0;
      const fd = e.expectedDen ?? 0;
      const without = isRate ? safeDiv(A - e.actualNum + e.expectedNum, Ad - ad + fd) : A - e.actualNum + e.expectedNum;
      const contribution = (actualMetric - without) / change;
      const p = safeDiv(e.expectedNum, F);
      const q = safeDiv(e.actualNum, A);
      let surprise = js(Number.isFinite(p) ? p : 0, Number.isFinite(q) ? q : 0);
      if (isRate) surprise += js(Number.isFinite(safeDiv(fd, Fd)) ? fd / Fd : 0, Number.isFinite(safeDiv(ad, Ad)) ? ad / Ad : 0);
      return {
        dimension,
        value: e.value,
        actual: isRate ? safeDiv(e.actualNum, ad) : e.actualNum,
        expected: isRate ? safeDiv(e.expectedNum, fd) : e.expectedNum,
        contribution: Number.isFinite(contribution) ? contribution : 0,
        surprise,
        expectedShare: Number.isFinite(p) ? p : 0,
        actualShare: Number.isFinite(q) ? q : 0,
      };
    });
    all.sort((a, b) => b.surprise - a.surprise || b.contribution - a.contribution);
    const picked: Contributor[] = [];
    let explained = 0;
    for (const c of all) {
      if (c.contribution < teep) continue;
      picked.push(c);
      explained += c.contribution;
      if (explained >= tep || picked.length >= perDimension) break;
    }
    if (picked.length === 0) continue;
    ranked.push({ rank: { dimension, explained, surprise: sum(picked.map((c) => c.surprise)), explains: explained >= tep }, picked });
  }
  ranked.sort((a, b) => Number(b.rank.explains) - Number(a.rank.explains) || b.rank.surprise - a.rank.surprise);
  return { contributors: ranked.flatMap((r) => r.picked), dimensions: ranked.map((r) => r.rank) };
}

/**
 * Expected value at `index` from history alone: the median of the same seasonal position over the previous four
 * cycles (falling back to the previous `period` points, then to every earlier point). NaN without history.
 */
export function seasonalBaseline(values: readonly number[], index: number, period: number): number {
  const pick = (xs: number[]): number => {
    const f = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    if (f.length === 0) return Number.NaN;
    const m = f.length >> 1;
    return f.length % 2 === 1 ? f[m]! : (f[m - 1]! + f[m]!) / 2;
  };
  if (period > 1) {
    const same: number[] = [];
    for (let k = 1; k <= 4 && index - k * period >= 0; k++) same.push(values[index - k * period]!);
    const m = pick(same);
    if (Number.isFinite(m)) return m;
  }
  const recent = pick(values.slice(Math.max(0, index - Math.max(period, 7)), index));
  return Number.isFinite(recent) ? recent : pick(values.slice(0, index));
}
