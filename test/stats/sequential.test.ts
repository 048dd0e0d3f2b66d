import { describe, expect, it } from "vitest";
import { seededRandom } from "../../sim/random.ts";
import {
  alwaysValidPValues,
  msprtLogLikelihoodRatio,
  msprtProportionLook,
  simulatePeeking,
} from "../../sim/stats/index.ts";

describe("mSPRT", () => {
  it("computes the normal-mixture likelihood ratio of Johari et al.", () => {
    const v = 1e-4;
    const tau2 = 4e-4;
    const diff = 0.03;
    const want = Math.sqrt(v / (v + tau2)) * Math.exp((tau2 * diff * diff) / (2 * v * (v + tau2)));
    expect(Math.exp(msprtLogLikelihoodRatio({ diff, variance: v, tau2 }))).toBeCloseTo(want, 10);
  });

  it("gives always-valid p-values that never increase and never exceed 1", () => {
    const p = alwaysValidPValues(
      [
        { diff: 0, variance: 1e-3 },
        { diff: 0.05, variance: 5e-4 },
        { diff: 0.01, variance: 2e-4 },
      ],
      { tau2: 1e-3 },
    );
    expect(p[0]).toBe(1);
    expect(p[1]).toBeLessThan(1);
    expect(p[2]).toBe(p[1]);
  });

  it("skips a look with no information and rejects impossible counts", () => {
    expect(msprtProportionLook({ x1: 0, n1: 10, x2: 0, n2: 10 })).toBeNull();
    expect(() => msprtProportionLook({ x1: 11, n1: 10, x2: 0, n2: 10 })).toThrow(
      "mSPRT for two proportions requires x <= n, got x1 11 of 10, x2 0 of 10",
    );
    expect(() => msprtLogLikelihoodRatio({ diff: 0, variance: 0, tau2: 1 })).toThrow(
      "mSPRT requires variance > 0, got 0",
    );
  });
});

describe("the peeking demonstration", () => {
  it("shows daily peeking at a fixed-horizon test inflating false positives while the mSPRT stays at alpha", () => {
    const simulations = 1000;
    const r = simulatePeeking({ random: seededRandom(11, "peeking"), simulations, days: 28 });
    // Monte-Carlo slack: three standard errors of a rate of 0.05 over 1000 runs.
    const slack = 3 * Math.sqrt((0.05 * 0.95) / simulations);
    expect(r.naiveFalsePositiveRate).toBeGreaterThan(0.05 + 0.1);
    expect(r.msprtFalsePositiveRate).toBeLessThanOrEqual(0.05 + slack);
    expect(Math.abs(r.fixedHorizonFalsePositiveRate - 0.05)).toBeLessThanOrEqual(slack);
  });

  it("is reproducible for a seed", () => {
    const a = simulatePeeking({ random: seededRandom(5, "peeking"), simulations: 50, days: 5 });
    const b = simulatePeeking({ random: seededRandom(5, "peeking"), simulations: 50, days: 5 });
    expect(a).toEqual(b);
  });

  it("rejects a rate outside (0, 1)", () => {
    expect(() => simulatePeeking({ random: seededRandom(1), rate: 1.5 })).toThrow(
      "peeking simulation requires rate in (0, 1), got 1.5",
    );
  });
});
