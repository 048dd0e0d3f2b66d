import type { RandomSource } from "../random.ts";
import { sampleNormal } from "../random.ts";
import { alwaysValidPValues, msprtProportionLook } from "./msprt.ts";
import { twoSidedNormalP } from "./normal.ts";
import { requireCount, requireOpenUnit, requirePositive } from "./validate.ts";

const WHAT = "peeking simulation";

export type PeekingOptions = {
  /** The random source, e.g. `seededRandom(seed, "peeking")`. */
  random: RandomSource;
  /** Simulated A/A experiments; default 1000. */
  simulations?: number;
  /** Looks, one per day; default 28. */
  days?: number;
  /** New members per arm per day; default 500. */
  perArmPerDay?: number;
  /** The conversion rate of both arms; default 0.1. */
  rate?: number;
  /** Significance level; default 0.05. */
  alpha?: number;
  /** mSPRT mixing variance; default (rate / 10)², tuned for a 10% relative lift. */
  tau2?: number;
};

export type PeekingResult = {
  /** Share of A/A experiments stopped by a fixed-horizon z-test at p < alpha on some day. */
  naiveFalsePositiveRate: number;
  /** Share stopped by the mSPRT's always-valid p ≤ alpha on some day. */
  msprtFalsePositiveRate: number;
  /** Share that a single test at the planned end rejects (about alpha). */
  fixedHorizonFalsePositiveRate: number;
  simulations: number;
  days: number;
};

// Binomial(n, p): a sum of Bernoulli draws for modest n, a rounded normal beyond that (the
// A/A property that the demo relies on holds either way: both arms draw the same way).
function sampleBinomial(random: RandomSource, n: number, p: number): number {
  if (n <= 5000) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random() < p) k++;
    return k;
  }
  const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * sampleNormal(random));
  return Math.min(n, Math.max(0, k));
}

/**
 * Why peeking is dangerous: simulates A/A experiments (no true difference), looks every day,
 * and reports how often each rule declares a winner. Checking a fixed-horizon z-test daily
 * inflates the false-positive rate far above alpha (about 0.25 for 28 daily looks at 0.05);
 * the mSPRT's always-valid p-value keeps it at or below alpha.
 * Throws InputError for non-positive counts, a rate outside (0, 1) or alpha outside (0, 1).
 * @example simulatePeeking({ random: seededRandom(7, "peeking") }).naiveFalsePositiveRate // ≈ 0.25
 */
export function simulatePeeking(options: PeekingOptions): PeekingResult {
  const simulations = requireCount(WHAT, "simulations", options.simulations ?? 1000, 1);
  const days = requireCount(WHAT, "days", options.days ?? 28, 1);
  const perDay = requireCount(WHAT, "perArmPerDay", options.perArmPerDay ?? 500, 1);
  const rate = requireOpenUnit(WHAT, "rate", options.rate ?? 0.1);
  const alpha = requireOpenUnit(WHAT, "alpha", options.alpha ?? 0.05);
  const tau2 = requirePositive(WHAT, "tau2", options.tau2 ?? (rate / 10) ** 2);
  const { random } = options;
  let naive = 0;
  let sequential = 0;
  let fixed = 0;
  for (let s = 0; s < simulations; s++) {
    let x1 = 0;
    let x2 = 0;
    let naiveStopped = false;
    let lastP = 1;
    const looks: { diff: number; variance: number }[] = [];
    for (let day = 1; day <= days; day++) {
      x1 += sampleBinomial(random, perDay, rate);
      x2 += sampleBinomial(random, perDay, rate);
      const n = day * perDay;
      const look = msprtProportionLook({ x1, n1: n, x2, n2: n });
      if (!look) continue;
      lastP = twoSidedNormalP(look.diff / Math.sqrt(look.variance));
      if (lastP < alpha) naiveStopped = true;
      looks.push(look);
    }
    if (naiveStopped) naive++;
    if (lastP < alpha) fixed++;
    const p = alwaysValidPValues(looks, { tau2 });
    if (p.length > 0 && p[p.length - 1] <= alpha) sequential++;
  }
  return {
    naiveFalsePositiveRate: naive / simulations,
    msprtFalsePositiveRate: sequential / simulations,
    fixedHorizonFalsePositiveRate: fixed / simulations,
    simulations,
    days,
  };
}
