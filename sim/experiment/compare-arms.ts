import { mannWhitneyU, studentTQuantile, studentTTails } from "../stats/index.ts";
import { twoPassMoments } from "../stats/moments.ts";
import { proportionDifference } from "./proportion-difference.ts";
import { minEffectVariance, minEffectVarianceBinary } from "./sample-interval.ts";

/** One arm against the control on one metric, before multiple-comparison adjustment. */
export type Comparison = {
  test: "two-proportion z" | "Welch t";
  /** The metric in the control arm and in the treatment arm; null for an arm with no members. */
  control: number | null;
  treatment: number | null;
  /** Units behind each value: members (observed at least D days, for retention at day D). */
  nControl: number;
  nTreatment: number;
  /** treatment − control; null when an arm has no members. */
  diff: number | null;
  /** diff / control; null when the control is 0 or missing. */
  relLift: number | null;
  /** Interval for diff at 1 − alpha; null when it cannot be estimated (an arm with < 2 values). */
  ciLow: number | null;
  ciHigh: number | null;
  /**
   * Interval for the average effect on the randomised population itself (the paired mode's
   * truth): as ciLow/ciHigh with the sharp finite-population variance (sample-interval.ts).
   */
  sampleCiLow: number | null;
  sampleCiHigh: number | null;
  /** Two-sided p-value; 1 when there is nothing to test. */
  p: number;
  /** Mann–Whitney p (means only): a rank test that heavy tails do not sway. Not adjusted. */
  mannWhitneyP?: number;
};

/**
 * Two-proportion z-test with Newcombe's interval (proportion-difference.ts). Degenerate data give
 * defined answers: an empty arm gives p = 1 and no difference; no successes (or no failures) in
 * either arm gives diff 0, CI [0, 0] and p = 1. `population` is the number of members the metric
 * is measured on across all arms (for the sample interval). The sample interval subtracts the least
 * variance of the members' effects that any difference inside the interval implies (none when
 * the interval contains 0), so noise in a small sample never passes for an effect that varies
 * between members.
 */
export function compareProportions(options: {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  population: number;
  alpha: number;
}): Comparison {
  const { x1, n1, x2, n2, population, alpha } = options;
  const control = n1 > 0 ? x1 / n1 : null;
  const treatment = n2 > 0 ? x2 / n2 : null;
  const base = {
    test: "two-proportion z" as const,
    control,
    treatment,
    nControl: n1,
    nTreatment: n2,
  };
  if (control === null || treatment === null) return { ...base, ...NOTHING };
  const relLift = control > 0 ? treatment / control - 1 : null;
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return { ...base, ...exact(0), relLift, p: 1 };
  const r = proportionDifference({ x1, n1, x2, n2, alpha });
  const neyman = (control * (1 - control)) / n1 + (treatment * (1 - treatment)) / n2;
  const smallest = r.ciLow > 0 ? r.ciLow : r.ciHigh < 0 ? -r.ciHigh : 0;
  const shrink = sampleShrink(neyman, minEffectVarianceBinary(smallest, 0), population);
  return { ...base, ...intervals(r.diff, r.ciLow, r.ciHigh, shrink), relLift, p: r.p };
}

/** A sample of one arm: size, mean, unbiased variance and the values sorted ascending. */
export type SampleStats = { n: number; mean: number; variance: number; sorted: Float64Array };

/**
 * Welch t-test for the difference in means, with the Mann–Whitney p beside it. An empty arm gives
 * p = 1 and no difference; an arm of one value gives the difference but no interval (p = 1); two
 * constant samples give CI [diff, diff] and p = 1 when the means are equal, else p = 0.
 */
export function compareMeans(options: {
  a: Float64Array;
  b: Float64Array;
  population: number;
  alpha: number;
}): Comparison {
  const { a, b, population, alpha } = options;
  return compareSamples({ a: sampleStats(a), b: sampleStats(b), population, alpha });
}

/** `compareMeans` from each arm's sufficient statistics and sorted values (block summaries). */
export function compareSamples(options: {
  a: SampleStats;
  b: SampleStats;
  population: number;
  alpha: number;
}): Comparison {
  const { a, b, population, alpha } = options;
  const control = a.n > 0 ? a.mean : null;
  const treatment = b.n > 0 ? b.mean : null;
  const base = {
    test: "Welch t" as const,
    control,
    treatment,
    nControl: a.n,
    nTreatment: b.n,
  };
  if (control === null || treatment === null) return { ...base, ...NOTHING };
  const diff = treatment - control;
  const relLift = control > 0 ? diff / control : null;
  // The sorted values serve the rank test and the quantile coupling.
  const mannWhitneyP = mannWhitneyU({ a: a.sorted, b: b.sorted, sorted: true }).p;
  if (a.n < 2 || b.n < 2) return { ...base, ...NOTHING, diff, relLift, mannWhitneyP };
  if (constant(a.sorted) && constant(b.sorted))
    return { ...base, ...exact(diff), relLift, p: diff === 0 ? 1 : 0, mannWhitneyP };
  const r = welch(a, b, alpha);
  const neyman = a.variance / a.n + b.variance / b.n;
  const shrink = sampleShrink(neyman, minEffectVariance(a.sorted, b.sorted), population);
  return {
    ...base,
    ...intervals(r.diff, r.ciLow, r.ciHigh, shrink),
    relLift,
    p: r.p,
    mannWhitneyP,
  };
}

/** Welch's test from moments, as `welchTTest` computes it from the values. */
function welch(a: SampleStats, b: SampleStats, alpha: number) {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  const diff = b.mean - a.mean;
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const halfWidth = -studentTQuantile(alpha / 2, df) * Math.sqrt(se2);
  return {
    diff,
    p: Math.min(1, 2 * studentTTails(-Math.abs(t), df).lower),
    ciLow: diff - halfWidth,
    ciHigh: diff + halfWidth,
  };
}

/** Mean and unbiased variance in two passes, the second correcting the mean's rounding. */
export function sampleStats(values: Float64Array): SampleStats {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  if (n === 0) return { n, mean: 0, variance: 0, sorted };
  const { mean, centredSquares } = twoPassMoments(values);
  const variance = n > 1 ? centredSquares / (n - 1) : 0;
  return { n, mean, variance, sorted };
}

const NOTHING = {
  diff: null,
  relLift: null,
  ciLow: null,
  ciHigh: null,
  sampleCiLow: null,
  sampleCiHigh: null,
  p: 1,
};

function exact(diff: number) {
  return { diff, ciLow: diff, ciHigh: diff, sampleCiLow: diff, sampleCiHigh: diff };
}

function intervals(diff: number, ciLow: number, ciHigh: number, shrink: number) {
  return {
    diff,
    ciLow,
    ciHigh,
    sampleCiLow: diff - (diff - ciLow) * shrink,
    sampleCiHigh: diff + (ciHigh - diff) * shrink,
  };
}

/** √(sharp variance / Neyman variance): how much narrower the finite-population interval is. */
function sampleShrink(neyman: number, minEffect: number, population: number): number {
  return neyman > 0 ? Math.sqrt(Math.max(0, 1 - minEffect / population / neyman)) : 1;
}

function constant(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}
