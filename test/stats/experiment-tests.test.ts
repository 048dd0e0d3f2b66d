import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import {
  chiSquareGoodnessOfFit,
  mannWhitneyU,
  pAdjust,
  sampleRatioMismatch,
  twoProportionTest,
  welchTTest,
} from "../../sim/stats/index.ts";

describe("two-proportion test", () => {
  it("computes diff, pooled z, two-sided p and the unpooled Wald interval", () => {
    const r = twoProportionTest({ x1: 100, n1: 1000, x2: 130, n2: 1000 });
    const pooled = 230 / 2000;
    const z = 0.03 / Math.sqrt(pooled * (1 - pooled) * (2 / 1000));
    expect(r.diff).toBeCloseTo(0.03, 15);
    expect(r.z).toBeCloseTo(z, 12);
    expect(r.p).toBeCloseTo(0.0354884504664747, 14);
    const half = 1.959963984540054 * Math.sqrt((0.1 * 0.9) / 1000 + (0.13 * 0.87) / 1000);
    expect(r.ciLow).toBeCloseTo(0.03 - half, 12);
    expect(r.ciHigh).toBeCloseTo(0.03 + half, 12);
  });

  it("gives the relative lift with a log-ratio interval that contains it", () => {
    const { lift } = twoProportionTest({ x1: 100, n1: 1000, x2: 130, n2: 1000 });
    expect(lift?.estimate).toBeCloseTo(0.3, 12);
    const se = Math.sqrt(0.9 / 100 + 0.87 / 130);
    expect(lift?.ciLow).toBeCloseTo(1.3 * Math.exp(-1.959963984540054 * se) - 1, 12);
    expect(lift?.ciHigh).toBeGreaterThan(0.3);
  });

  it("reports no lift when the control has no successes", () => {
    expect(twoProportionTest({ x1: 0, n1: 100, x2: 5, n2: 100 }).lift).toBeNull();
  });

  it("keeps far-tail p-values instead of rounding them to 0", () => {
    const r = twoProportionTest({ x1: 73666, n1: 133678, x2: 25552, n2: 53997, alpha: 0.1 });
    expect(r.p).toBeGreaterThan(1e-206);
    expect(r.p).toBeLessThan(1e-204);
  });

  it("rejects x > n", () => {
    expect(() => twoProportionTest({ x1: 12, n1: 10, x2: 1, n2: 10 })).toThrow(
      "two-proportion test requires x1 <= n1, got x1 12 > n1 10",
    );
  });

  it("rejects n = 0, fractional counts, NaN and an alpha outside (0, 1)", () => {
    expect(() => twoProportionTest({ x1: 0, n1: 0, x2: 1, n2: 10 })).toThrow(
      "two-proportion test requires n1 to be a whole number >= 1, got 0",
    );
    expect(() => twoProportionTest({ x1: 1.5, n1: 10, x2: 1, n2: 10 })).toThrow(InputError);
    expect(() => twoProportionTest({ x1: Number.NaN, n1: 10, x2: 1, n2: 10 })).toThrow(
      "two-proportion test requires x1 to be a finite number, got NaN",
    );
    expect(() => twoProportionTest({ x1: 1, n1: 10, x2: 1, n2: 10, alpha: 1 })).toThrow(
      "two-proportion test requires alpha in (0, 1), got 1",
    );
  });

  it("refuses arms with no successes at all rather than returning NaN", () => {
    expect(() => twoProportionTest({ x1: 0, n1: 10, x2: 0, n2: 10 })).toThrow(
      "two-proportion test requires both successes and failures across the arms, got 0 of 20",
    );
  });
});

describe("Welch t-test", () => {
  it("agrees with SciPy's ttest_ind(b, a, equal_var=False)", () => {
    const r = welchTTest({ a: [1, 2, 3, 4], b: [2, 4, 6, 8] });
    expect(r.diff).toBe(2.5);
    expect(r.t).toBeCloseTo(1.7320508075688772, 13);
    expect(r.df).toBeCloseTo(4.411764705882353, 13);
    expect(r.p).toBeCloseTo(0.15158050484530408, 12);
  });

  it("accepts typed arrays", () => {
    const r = welchTTest({ a: Float64Array.of(1, 2, 3, 4), b: Float64Array.of(2, 4, 6, 8) });
    expect(r.df).toBeCloseTo(4.411764705882353, 13);
  });

  it("rejects samples of one value, empty samples, NaN and constant samples", () => {
    expect(() => welchTTest({ a: [1], b: [1, 2] })).toThrow(
      "Welch t-test requires at least 2 values in a, got 1",
    );
    expect(() => welchTTest({ a: [], b: [1, 2] })).toThrow(InputError);
    expect(() => welchTTest({ a: [1, Number.NaN], b: [1, 2] })).toThrow(
      "Welch t-test requires finite numbers in a, got NaN at [1]",
    );
    expect(() => welchTTest({ a: [1, 1], b: [2, 2] })).toThrow(
      "Welch t-test requires some variation in a or b, got two constant samples",
    );
  });
});

describe("Mann-Whitney U", () => {
  it("gives U of b and SciPy's asymptotic p with tie and continuity correction", () => {
    expect(mannWhitneyU({ a: [1, 2, 3], b: [4, 5, 6] })).toMatchObject({ u: 9 });
    expect(mannWhitneyU({ a: [1, 2, 3], b: [4, 5, 6] }).p).toBeCloseTo(0.08085559837005224, 14);
    const tied = mannWhitneyU({ a: [2, 2, 3, 4], b: [1, 2, 2, 3, 5] });
    expect(tied.u).toBe(8.5);
    expect(tied.p).toBeCloseTo(0.7971696931337416, 14);
  });

  it("returns p = 1 when every value is tied", () => {
    expect(mannWhitneyU({ a: [3, 3], b: [3, 3, 3] }).p).toBe(1);
  });

  it("rejects an empty sample", () => {
    expect(() => mannWhitneyU({ a: [], b: [1] })).toThrow(
      "Mann-Whitney test requires at least 1 value in a, got 0",
    );
  });
});

describe("chi-square goodness of fit and sample-ratio mismatch", () => {
  it("agrees with SciPy's chisquare", () => {
    const r = chiSquareGoodnessOfFit({ observed: [5000, 5300], expectedShares: [0.5, 0.5] });
    expect(r.chi2).toBeCloseTo(8.737864077669903, 12);
    expect(r.df).toBe(1);
    expect(r.p).toBeCloseTo(0.003116693839866867, 14);
  });

  it("normalises shares given as weights", () => {
    const r = chiSquareGoodnessOfFit({ observed: [5000, 5300], expectedShares: [1, 1] });
    expect(r.chi2).toBeCloseTo(8.737864077669903, 12);
  });

  it("flags a mismatch only below p = 0.001", () => {
    expect(sampleRatioMismatch([5000, 5300], [0.5, 0.5]).mismatch).toBe(false);
    expect(sampleRatioMismatch([5000, 5400], [0.5, 0.5]).mismatch).toBe(true);
  });

  it("rejects mismatched lengths, a zero total and non-positive shares", () => {
    expect(() => chiSquareGoodnessOfFit({ observed: [1, 2], expectedShares: [1, 1, 1] })).toThrow(
      "chi-square goodness of fit requires as many expectedShares as observed counts, got 3 and 2",
    );
    expect(() => sampleRatioMismatch([0, 0], [0.5, 0.5])).toThrow(
      "requires a total count > 0, got 0",
    );
    expect(() => sampleRatioMismatch([1, 2], [0.5, 0])).toThrow(
      "requires shares > 0, got 0 at [1]",
    );
  });
});

describe("p-value adjustment", () => {
  it("matches R's p.adjust for Holm, BH and Bonferroni", () => {
    const p = [0.01, 0.04, 0.03, 0.2, 0.005];
    expect(pAdjust(p, { method: "bonferroni" })).toEqual([0.05, 0.2, 0.15, 1, 0.025]);
    const holm = pAdjust(p, { method: "holm" });
    for (const [i, want] of [0.04, 0.09, 0.09, 0.2, 0.025].entries())
      expect(holm[i]).toBeCloseTo(want, 15);
    const bh = pAdjust(p, { method: "BH" });
    for (const [i, want] of [0.025, 0.05, 0.05, 0.2, 0.025].entries())
      expect(bh[i]).toBeCloseTo(want, 15);
  });

  it("rejects p outside [0, 1] and unknown methods", () => {
    expect(() => pAdjust([0.1, 1.2], { method: "holm" })).toThrow(
      "p-value adjustment requires p in [0, 1], got 1.2 at [1]",
    );
    // @ts-expect-error: an unknown method from untyped input
    expect(() => pAdjust([0.1], { method: "fdr" })).toThrow('invalid p-adjust method: "fdr"');
  });
});
