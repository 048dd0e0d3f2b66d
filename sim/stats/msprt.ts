import { InputError, show } from "../errors.ts";
import { requireCount, requireFinite, requirePositive } from "./validate.ts";

/**
 * The mixture sequential probability ratio test (mSPRT) of Johari, Pekelis & Walsh (2017,
 * "Always valid inference"): with a normal mixing distribution N(0, tau²) over the true
 * difference θ and an estimate θ̂ with variance V, the likelihood ratio against θ = 0 is
 *   Λ = √(V / (V + τ²)) · exp(τ² θ̂² / (2V(V + τ²))),
 * and p = min over looks so far of 1/Λ is an always-valid p-value: stopping the first time
 * p ≤ alpha keeps the false-positive rate at or below alpha however often one looks.
 * τ is the effect size the test is tuned for (a guess of the plausible difference).
 */

/** ln Λ for one look; throws InputError unless variance and tau2 are positive. */
export function msprtLogLikelihoodRatio(look: {
  diff: number;
  variance: number;
  tau2: number;
}): number {
  const what = "mSPRT";
  const diff = requireFinite(what, "diff", look.diff);
  const v = requirePositive(what, "variance", look.variance);
  const tau2 = requirePositive(what, "tau2", look.tau2);
  return 0.5 * Math.log(v / (v + tau2)) + (tau2 * diff * diff) / (2 * v * (v + tau2));
}

/**
 * Always-valid p-values for a sequence of looks (running minimum of 1/Λ, capped at 1).
 * @example alwaysValidPValues([{ diff: 0.01, variance: 1e-4 }], { tau2: 1e-4 }) // [1]
 */
export function alwaysValidPValues(
  looks: readonly { diff: number; variance: number }[],
  options: { tau2: number },
): number[] {
  let p = 1;
  return looks.map((look) => {
    p = Math.min(p, Math.exp(-msprtLogLikelihoodRatio({ ...look, tau2: options.tau2 })));
    return p;
  });
}

/**
 * One look at two proportions: θ̂ = p2 − p1 with the pooled variance p(1−p)(1/n1 + 1/n2)
 * under θ = 0 (plugged in, as in the paper's Bernoulli case). Returns the look for
 * alwaysValidPValues, or null while the pooled rate is 0 or 1 (no information yet).
 * Throws InputError for impossible counts.
 */
export function msprtProportionLook(counts: {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
}): { diff: number; variance: number } | null {
  const what = "mSPRT for two proportions";
  const { x1, n1, x2, n2 } = counts;
  requireCount(what, "n1", n1, 1);
  requireCount(what, "n2", n2, 1);
  requireCount(what, "x1", x1);
  requireCount(what, "x2", x2);
  if (x1 > n1 || x2 > n2) {
    throw new InputError(
      `${what} requires x <= n, got x1 ${show(x1)} of ${show(n1)}, x2 ${show(x2)} of ${show(n2)}`,
    );
  }
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return null;
  return { diff: x2 / n2 - x1 / n1, variance: pooled * (1 - pooled) * (1 / n1 + 1 / n2) };
}

/**
 * One look at two means: θ̂ = meanB − meanA with variance varianceA/nA + varianceB/nB.
 */
export function msprtMeanLook(summary: {
  meanA: number;
  varianceA: number;
  nA: number;
  meanB: number;
  varianceB: number;
  nB: number;
}): { diff: number; variance: number } {
  const what = "mSPRT for two means";
  requireCount(what, "nA", summary.nA, 1);
  requireCount(what, "nB", summary.nB, 1);
  const variance = summary.varianceA / summary.nA + summary.varianceB / summary.nB;
  requirePositive(what, "the variance of the difference", variance);
  return {
    diff: requireFinite(what, "meanB", summary.meanB) - requireFinite(what, "meanA", summary.meanA),
    variance,
  };
}
