import { InputError, show } from "../errors.ts";
import { twoSidedNormalP } from "./normal.ts";
import { normalQuantile } from "./normal-quantile.ts";
import { requireCount, requireOpenUnit } from "./validate.ts";

const WHAT = "two-proportion test";

export type TwoProportionResult = {
  p1: number;
  p2: number;
  /** p2 − p1. */
  diff: number;
  /** diff over the pooled standard error. */
  z: number;
  /** Two-sided p-value. */
  p: number;
  /** Unpooled Wald interval for diff at confidence 1 − alpha. */
  ciLow: number;
  ciHigh: number;
  /**
   * Relative lift p2/p1 − 1 with a delta-method interval on the log of the ratio,
   * exp(ln(p2/p1) ± z·√((1−p1)/x1 + (1−p2)/x2)) − 1; null when x1 or x2 is 0 (no finite ratio).
   */
  lift: { estimate: number; ciLow: number; ciHigh: number } | null;
};

/**
 * Two-sided two-proportion z-test of treatment (x2 of n2) against control (x1 of n1): z with
 * the pooled standard error, the unpooled Wald interval for the difference, and the relative
 * lift. Throws InputError for n < 1, x outside 0..n, alpha outside (0, 1), or when no arm has
 * both a success and a failure (the pooled standard error is 0).
 * @example twoProportionTest({ x1: 100, n1: 1000, x2: 130, n2: 1000 }).p // 0.0355
 */
export function twoProportionTest(options: {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  alpha?: number;
}): TwoProportionResult {
  const { x1, n1, x2, n2, alpha = 0.05 } = options;
  requireCount(WHAT, "n1", n1, 1);
  requireCount(WHAT, "n2", n2, 1);
  requireCount(WHAT, "x1", x1);
  requireCount(WHAT, "x2", x2);
  if (x1 > n1)
    throw new InputError(`${WHAT} requires x1 <= n1, got x1 ${show(x1)} > n1 ${show(n1)}`);
  if (x2 > n2)
    throw new InputError(`${WHAT} requires x2 <= n2, got x2 ${show(x2)} > n2 ${show(n2)}`);
  requireOpenUnit(WHAT, "alpha", alpha);
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) {
    throw new InputError(
      `${WHAT} requires both successes and failures across the arms, got ${show(x1 + x2)} of ${show(n1 + n2)}`,
    );
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p2 - p1;
  const z = diff / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const critical = -normalQuantile(alpha / 2);
  const halfWidth = critical * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  let lift: TwoProportionResult["lift"] = null;
  if (x1 > 0 && x2 > 0) {
    const logRatio = Math.log(p2 / p1);
    const se = Math.sqrt((1 - p1) / x1 + (1 - p2) / x2);
    lift = {
      estimate: p2 / p1 - 1,
      ciLow: Math.expm1(logRatio - critical * se),
      ciHigh: Math.expm1(logRatio + critical * se),
    };
  }
  return {
    p1,
    p2,
    diff,
    z,
    p: twoSidedNormalP(z),
    ciLow: diff - halfWidth,
    ciHigh: diff + halfWidth,
    lift,
  };
}
