import { InputError } from "../errors.ts";
import { twoPassMoments } from "./moments.ts";
import { studentTQuantile, studentTTails } from "./student-t.ts";
import { requireOpenUnit, requireSample } from "./validate.ts";

const WHAT = "Welch t-test";

export type WelchResult = {
  /** mean(b) − mean(a). */
  diff: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  p: number;
  /** Interval for diff at confidence 1 − alpha. */
  ciLow: number;
  ciHigh: number;
  meanA: number;
  meanB: number;
};

// Mean and unbiased variance in two passes (the second pass corrects the mean's rounding).
function moments(values: ArrayLike<number>): { mean: number; variance: number; n: number } {
  const { n, mean, centredSquares } = twoPassMoments(values);
  return { mean, variance: centredSquares / (n - 1), n };
}

/**
 * Welch's unequal-variance t-test of b (treatment) against a (control): t, Welch–Satterthwaite
 * df, two-sided p and the interval for mean(b) − mean(a) at confidence 1 − alpha (default 0.05).
 * Throws InputError for fewer than two values in a sample, non-finite values, or two constant
 * samples (no variance to test against).
 * @example welchTTest({ a: [1, 2, 3, 4], b: [2, 4, 6, 8] }).df // 4.41
 */
export function welchTTest(options: {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  alpha?: number;
}): WelchResult {
  const { a, b, alpha = 0.05 } = options;
  requireSample(WHAT, "a", a, 2);
  requireSample(WHAT, "b", b, 2);
  requireOpenUnit(WHAT, "alpha", alpha);
  const ma = moments(a);
  const mb = moments(b);
  const va = ma.variance / ma.n;
  const vb = mb.variance / mb.n;
  const se2 = va + vb;
  if (!(se2 > 0))
    throw new InputError(`${WHAT} requires some variation in a or b, got two constant samples`);
  const diff = mb.mean - ma.mean;
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (ma.n - 1) + (vb * vb) / (mb.n - 1));
  const halfWidth = -studentTQuantile(alpha / 2, df) * Math.sqrt(se2);
  return {
    diff,
    t,
    df,
    p: Math.min(1, 2 * studentTTails(-Math.abs(t), df).lower),
    ciLow: diff - halfWidth,
    ciHigh: diff + halfWidth,
    meanA: ma.mean,
    meanB: mb.mean,
  };
}
