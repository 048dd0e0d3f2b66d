import { describe, expect, it } from "vitest";
import {
  mdeTwoMeans,
  mdeTwoProportions,
  normalQuantile,
  powerTwoMeans,
  powerTwoProportions,
  sampleSizeTwoMeans,
  sampleSizeTwoProportions,
} from "../../sim/stats/index.ts";

// Wanted values are the outputs of R's own examples in ?power.prop.test and ?power.t.test.
describe("power for two proportions", () => {
  it("reproduces R's power.prop.test(n = 50, p1 = .5, p2 = .75)", () => {
    expect(powerTwoProportions({ n: 50, p1: 0.5, p2: 0.75 })).toBeCloseTo(0.7401659, 7);
  });

  it("solves for n per arm, unrounded, next to the closed form", () => {
    const { nPerArm, nPerArmRounded } = sampleSizeTwoProportions({ p1: 0.1, p2: 0.12 });
    const za = -normalQuantile(0.025);
    const zb = normalQuantile(0.8);
    const closed =
      ((za * Math.sqrt(0.22 * (1 - 0.11)) + zb * Math.sqrt(0.1 * 0.9 + 0.12 * 0.88)) / 0.02) ** 2;
    expect(Math.abs(nPerArm - closed) / closed).toBeLessThan(1e-6);
    expect(nPerArmRounded).toBe(3841);
  });

  it("gives the minimum detectable p2 for n per arm, at which the power is the target", () => {
    const { p2, difference, relativeLift } = mdeTwoProportions({ p1: 0.1, n: 3841 });
    expect(powerTwoProportions({ p1: 0.1, p2, n: 3841 })).toBeCloseTo(0.8, 10);
    expect(p2).toBeCloseTo(0.12, 4);
    expect(difference).toBeCloseTo(p2 - 0.1, 15);
    expect(relativeLift).toBeCloseTo(p2 / 0.1 - 1, 15);
  });

  it("rejects power >= 1, power <= alpha, p outside (0, 1) and p1 = p2", () => {
    expect(() => sampleSizeTwoProportions({ p1: 0.1, p2: 0.12, power: 1 })).toThrow(
      "power for two proportions requires power in (0, 1), got 1",
    );
    expect(() => sampleSizeTwoProportions({ p1: 0.1, p2: 0.12, power: 0.05 })).toThrow(
      "power for two proportions requires power > alpha, got power 0.05 <= alpha 0.05",
    );
    expect(() => sampleSizeTwoProportions({ p1: 1.1, p2: 0.12 })).toThrow(
      "power for two proportions requires p1 in (0, 1), got 1.1",
    );
    expect(() => sampleSizeTwoProportions({ p1: 0.1, p2: 0.1 })).toThrow(
      "power for two proportions requires p1 != p2, got both 0.1",
    );
    expect(() => mdeTwoProportions({ p1: 0.1, n: 3 })).toThrow(/requires a larger n/);
  });
});

describe("power for two means", () => {
  it("reproduces R's power.t.test(n = 20, delta = 1) and power.t.test(power = .90, delta = 1)", () => {
    expect(powerTwoMeans({ n: 20, delta: 1 })).toBeCloseTo(0.8689528, 7);
    expect(sampleSizeTwoMeans({ power: 0.9, delta: 1 }).nPerArm).toBeCloseTo(22.0211, 4);
  });

  it("scales with the standard deviation and ignores the sign of delta", () => {
    const a = sampleSizeTwoMeans({ delta: 2, sd: 4 }).nPerArm;
    expect(sampleSizeTwoMeans({ delta: -0.5, sd: 1 }).nPerArm).toBeCloseTo(a, 10);
  });

  it("gives the minimum detectable difference for n per arm", () => {
    const delta = mdeTwoMeans({ n: 20, sd: 3 });
    expect(powerTwoMeans({ n: 20, delta, sd: 3 })).toBeCloseTo(0.8, 9);
  });

  it("rejects delta = 0, sd <= 0 and a power outside (alpha, 1)", () => {
    expect(() => sampleSizeTwoMeans({ delta: 0 })).toThrow(
      "power for two means requires delta != 0, got 0",
    );
    expect(() => sampleSizeTwoMeans({ delta: 1, sd: 0 })).toThrow(
      "power for two means requires sd > 0, got 0",
    );
    expect(() => sampleSizeTwoMeans({ delta: 1, power: 1.2 })).toThrow(
      "power for two means requires power in (0, 1), got 1.2",
    );
  });
});
