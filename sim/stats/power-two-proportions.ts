import { InputError, show } from "../errors.ts";
import { findRoot } from "./find-root.ts";
import { normalCdf } from "./normal.ts";
import { normalQuantile } from "./normal-quantile.ts";
import { requireOpenUnit } from "./validate.ts";

const WHAT = "power for two proportions";

export type TwoProportionDesign = {
  /** Control rate. */
  p1: number;
  /** Treatment rate. */
  p2: number;
  /** Two-sided significance level; default 0.05. */
  alpha?: number;
};

function checkRates(p1: number, p2: number, alpha: number): void {
  requireOpenUnit(WHAT, "p1", p1);
  requireOpenUnit(WHAT, "p2", p2);
  requireOpenUnit(WHAT, "alpha", alpha);
  if (p1 === p2) throw new InputError(`${WHAT} requires p1 != p2, got both ${show(p1)}`);
}

function checkPower(power: number, alpha: number): void {
  requireOpenUnit(WHAT, "power", power);
  if (power <= alpha) {
    throw new InputError(
      `${WHAT} requires power > alpha, got power ${show(power)} <= alpha ${show(alpha)}`,
    );
  }
}

// R's power.prop.test formula (two-sided, strict = FALSE): only the tail in the effect's
// direction counts.
function power(p1: number, p2: number, n: number, alpha: number): number {
  const za = -normalQuantile(alpha / 2);
  const z =
    (Math.sqrt(n * Math.abs(p1 - p2) ** 2) - za * Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2))) /
    Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return normalCdf(z);
}

/**
 * The power of a two-sided two-proportion z-test with n members per arm, as R's
 * `power.prop.test(n, p1, p2, sig.level)`. Throws InputError for rates outside (0, 1), p1 = p2,
 * or n < 1.
 * @example powerTwoProportions({ p1: 0.1, p2: 0.12, n: 3841 }) // ≈ 0.8
 */
export function powerTwoProportions(options: TwoProportionDesign & { n: number }): number {
  const { p1, p2, n, alpha = 0.05 } = options;
  checkRates(p1, p2, alpha);
  if (!(n >= 1 && Number.isFinite(n)))
    throw new InputError(`${WHAT} requires n >= 1, got ${show(n)}`);
  return power(p1, p2, n, alpha);
}

/**
 * Members per arm for a two-sided two-proportion test to reach `power` (default 0.8) — the
 * unrounded n of R's `power.prop.test(p1, p2, sig.level, power)`, found with R's own root finder
 * and tolerance so the digits match R's; `nPerArmRounded` is the whole number to plan with.
 * Throws InputError for rates outside (0, 1), p1 = p2, or power outside (alpha, 1).
 * @example sampleSizeTwoProportions({ p1: 0.1, p2: 0.12 }).nPerArm // 3840.847
 */
export function sampleSizeTwoProportions(options: TwoProportionDesign & { power?: number }): {
  nPerArm: number;
  nPerArmRounded: number;
} {
  const { p1, p2, alpha = 0.05, power: target = 0.8 } = options;
  checkRates(p1, p2, alpha);
  checkPower(target, alpha);
  let nPerArm: number;
  try {
    nPerArm = findRoot((n) => power(p1, p2, n, alpha) - target, {
      lower: 2,
      upper: 1e7,
      extendUp: true,
    });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(
      `${WHAT} requires an effect that needs at least one member per arm, got p1 ${show(p1)} and p2 ${show(p2)}`,
    );
  }
  return { nPerArm, nPerArmRounded: Math.ceil(nPerArm) };
}

/**
 * The minimum detectable effect: the treatment rate p2 > p1 that n members per arm detect with
 * the given power (default 0.8) in a two-sided test at alpha (default 0.05), with the absolute
 * and relative lift. Solved to 1e-12 (tighter than R's default tolerance).
 * Throws InputError when no p2 below 1 is detectable with this n.
 * @example mdeTwoProportions({ p1: 0.1, n: 3841 }).p2 // ≈ 0.12
 */
export function mdeTwoProportions(options: {
  p1: number;
  n: number;
  alpha?: number;
  power?: number;
}): { p2: number; difference: number; relativeLift: number } {
  const { p1, n, alpha = 0.05, power: target = 0.8 } = options;
  requireOpenUnit(WHAT, "p1", p1);
  requireOpenUnit(WHAT, "alpha", alpha);
  checkPower(target, alpha);
  if (!(n >= 2 && Number.isFinite(n)))
    throw new InputError(`${WHAT} requires n >= 2, got ${show(n)}`);
  const f = (p2: number) => power(p1, p2, n, alpha) - target;
  const top = 1 - 1e-12;
  if (f(top) < 0) {
    throw new InputError(
      `${WHAT} requires a larger n to detect any increase from p1 ${show(p1)}, got n ${show(n)}`,
    );
  }
  const p2 = findRoot(f, { lower: p1 + 1e-12, upper: top, tolerance: 1e-13 });
  return { p2, difference: p2 - p1, relativeLift: p2 / p1 - 1 };
}
