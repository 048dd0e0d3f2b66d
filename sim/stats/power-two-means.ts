import { InputError, show } from "../errors.ts";
import { findRoot } from "./find-root.ts";
import { noncentralTCdf } from "./noncentral-t.ts";
import { studentTQuantile } from "./student-t.ts";
import { requireFinite, requireOpenUnit, requirePositive } from "./validate.ts";

const WHAT = "power for two means";

// R's power.t.test formula (two-sample, two-sided, strict = FALSE), with the noncentral t.
function power(delta: number, sd: number, n: number, alpha: number): number {
  const df = (n - 1) * 2;
  const critical = -studentTQuantile(alpha / 2, df);
  return 1 - noncentralTCdf(critical, df, (Math.sqrt(n / 2) * delta) / sd);
}

function checkPower(target: number, alpha: number): void {
  requireOpenUnit(WHAT, "power", target);
  if (target <= alpha) {
    throw new InputError(
      `${WHAT} requires power > alpha, got power ${show(target)} <= alpha ${show(alpha)}`,
    );
  }
}

/**
 * The power of a two-sided two-sample t-test with n per arm for a true difference delta and
 * standard deviation sd, as R's `power.t.test(n, delta, sd, sig.level)`.
 * Throws InputError for sd <= 0, n < 2 or alpha outside (0, 1).
 * @example powerTwoMeans({ delta: 1, sd: 1, n: 17 }) // ≈ 0.807
 */
export function powerTwoMeans(options: {
  delta: number;
  sd?: number;
  n: number;
  alpha?: number;
}): number {
  const { delta, sd = 1, n, alpha = 0.05 } = options;
  requireFinite(WHAT, "delta", delta);
  requirePositive(WHAT, "sd", sd);
  requireOpenUnit(WHAT, "alpha", alpha);
  if (!(n >= 2 && Number.isFinite(n)))
    throw new InputError(`${WHAT} requires n >= 2, got ${show(n)}`);
  return power(Math.abs(delta), sd, n, alpha);
}

/**
 * Members per arm for a two-sided two-sample t-test to detect delta with the given power
 * (default 0.8) — the unrounded n of R's `power.t.test(delta, sd, sig.level, power)`, with R's
 * root finder and tolerance so the digits match R's.
 * Throws InputError for delta = 0, sd <= 0, or power outside (alpha, 1).
 * @example sampleSizeTwoMeans({ delta: 1, sd: 1 }).nPerArm // 16.71477
 */
export function sampleSizeTwoMeans(options: {
  delta: number;
  sd?: number;
  alpha?: number;
  power?: number;
}): { nPerArm: number; nPerArmRounded: number } {
  const { delta, sd = 1, alpha = 0.05, power: target = 0.8 } = options;
  requireFinite(WHAT, "delta", delta);
  if (delta === 0) throw new InputError(`${WHAT} requires delta != 0, got 0`);
  requirePositive(WHAT, "sd", sd);
  requireOpenUnit(WHAT, "alpha", alpha);
  checkPower(target, alpha);
  let nPerArm: number;
  try {
    nPerArm = findRoot((n) => power(Math.abs(delta), sd, n, alpha) - target, {
      lower: 2,
      upper: 1e7,
      extendUp: true,
    });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(
      `${WHAT} requires an effect that needs more than one member per arm, got delta/sd ${show(delta / sd)}`,
    );
  }
  return { nPerArm, nPerArmRounded: Math.ceil(nPerArm) };
}

/**
 * The minimum detectable difference in means with n per arm, standard deviation sd, power
 * (default 0.8) and two-sided alpha (default 0.05), solved to 1e-10·sd.
 * @example mdeTwoMeans({ n: 17, sd: 1 }) // 0.99101
 */
export function mdeTwoMeans(options: {
  n: number;
  sd?: number;
  alpha?: number;
  power?: number;
}): number {
  const { n, sd = 1, alpha = 0.05, power: target = 0.8 } = options;
  requirePositive(WHAT, "sd", sd);
  requireOpenUnit(WHAT, "alpha", alpha);
  checkPower(target, alpha);
  if (!(n >= 2 && Number.isFinite(n)))
    throw new InputError(`${WHAT} requires n >= 2, got ${show(n)}`);
  return findRoot((delta) => power(delta, sd, n, alpha) - target, {
    lower: sd * 1e-7,
    upper: sd * 1e7,
    tolerance: sd * 1e-10,
    extendUp: true,
  });
}
