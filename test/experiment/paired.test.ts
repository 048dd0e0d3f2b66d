import { describe, expect, it } from "vitest";
import { spread } from "../../sim/experiment/replications.ts";
import { runExperiment } from "../../sim/experiment/run-experiment.ts";
import { minEffectVariance } from "../../sim/experiment/sample-interval.ts";
import { runUnderArm } from "../../sim/run.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

const spec = (arms: string[], members = 3000) => ({
  scenario: builtinScenario("knowledge-course"),
  strategies: arms.map(builtinStrategy),
  members,
  days: 120,
  seed: 21,
});

describe("paired mode", () => {
  it("finds a true effect of exactly 0 between two identical arms", async () => {
    const report = await runExperiment(spec(["control", "control"]), { workers: 0, paired: true });
    const paired = report.paired;
    expect(paired?.effects).toHaveLength(report.tests.length);
    for (const e of paired?.effects ?? []) expect(e.truth).toBe(0);
    expect(paired?.arms[0].values).toEqual(paired?.arms[1].values);
  });

  it("runs every member under an arm: the whole population, all in that arm", async () => {
    const outcome = await runUnderArm(spec(["control", "t-plus-7"], 500), 1, { workers: 0 });
    expect(outcome.count).toBe(500);
    expect(outcome.arm.every((a) => a === 1)).toBe(true);
  });

  it("puts the truth beside each estimate and says whether the interval holds it", async () => {
    const report = await runExperiment(spec(["control", "t-plus-7"]), { workers: 0, paired: true });
    const effects = report.paired?.effects ?? [];
    const optOut = effects.find((e) => e.metric === "opt-out");
    // Nobody opts out without messages: the truth is t-plus-7's opt-out share of everyone.
    expect(optOut?.truth).toBe(report.paired?.arms[1].values["opt-out"]);
    for (const e of effects) {
      const t = report.tests.find((x) => x.metric === e.metric && x.arm === e.arm);
      expect(e.estimate).toBe(t?.diff);
      expect(e.covered).toBe(
        (e.sampleCiLow ?? 0) <= (e.truth ?? 0) && (e.truth ?? 0) <= (e.sampleCiHigh ?? 0),
      );
      // The interval for these members' effect lies inside the usual one.
      expect(e.sampleCiLow).toBeGreaterThanOrEqual((e.ciLow ?? 0) - 1e-12);
      expect(e.sampleCiHigh).toBeLessThanOrEqual((e.ciHigh ?? 0) + 1e-12);
    }
  });
});

describe("replications", () => {
  it("runs seed, seed + 1, … and summarises arms, effects, power and coverage", async () => {
    const report = await runExperiment(spec(["control", "t-plus-7"], 1500), {
      workers: 0,
      replications: 3,
      paired: true,
    });
    const reps = report.replications;
    expect(report.seed).toBe(21);
    expect(reps).toMatchObject({ count: 3, seeds: [21, 22, 23] });
    expect(reps?.arms.map((a) => a.strategy)).toEqual(["control", "t-plus-7"]);
    expect(Object.keys(reps?.arms[0].metrics ?? {})).toEqual(report.metrics.map((m) => m.id));
    expect(reps?.effects).toHaveLength(report.tests.length);
    for (const e of reps?.effects ?? []) {
      expect(e.diff.low).toBeLessThanOrEqual(e.diff.mean ?? Number.NaN);
      expect(e.diff.high).toBeGreaterThanOrEqual(e.diff.mean ?? Number.NaN);
      expect(e.coverage).toBeGreaterThanOrEqual(0);
      expect(e.coverage).toBeLessThanOrEqual(1);
      expect(e.truth?.mean).not.toBeNull();
    }
  });

  it("gives the mean and R's type-7 percentiles, ignoring missing values", () => {
    expect(spread([1, 2, 3, 4, null])).toEqual({ mean: 2.5, low: 1.075, high: 3.925 });
    expect(spread([null])).toEqual({ mean: null, low: null, high: null });
  });

  it("refuses zero replications", async () => {
    await expect(
      runExperiment(spec(["control"], 10), { workers: 0, replications: 0 }),
    ).rejects.toThrow("replications must be from 1 to 10000, got 0");
  });
});

describe("the sharp bound on the variance of the members' effects", () => {
  it("is the variance of the quantile-coupled differences", () => {
    // Coupled in order: (1, 2), (2, 4), (3, 6) → differences 1, 2, 3 → variance 2/3.
    expect(minEffectVariance(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 6))).toBeCloseTo(
      2 / 3,
      12,
    );
    // Unequal sizes: quantile steps at 1/2 and 1/3, 2/3.
    expect(minEffectVariance(Float64Array.of(0, 0), Float64Array.of(1, 1, 1))).toBeCloseTo(0, 12);
  });
});
