import { describe, expect, it } from "vitest";
import { seededRandom } from "../../sim/random.ts";
import {
  bestSplit,
  buildDesign,
  normalizeSweepSpec,
  planSweep,
  shareBeating,
  spearman,
} from "../../sim/sweep/index.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

const load = { scenario: builtinScenario, strategy: builtinStrategy };
const spec = (design: unknown, parameters: unknown[], extra: Record<string, unknown> = {}) =>
  normalizeSweepSpec(
    {
      scenario: "knowledge-course",
      arms: ["t-plus-7", "scenario-nurture"],
      members: 1000,
      days: 60,
      replications: 2,
      design,
      parameters,
      ...extra,
    },
    "s.json",
    load,
  );

describe("sweep designs", () => {
  it("grid: every combination of the levels, the first parameter slowest", () => {
    const design = buildDesign(
      spec({ type: "grid" }, [
        { path: "fatigue.halfLifeDays", min: 1, max: 5, steps: 3 },
        { path: "response.lift.hard-sell", values: [2, 8] },
      ]),
    );
    expect(design.points).toEqual([
      [1, 2],
      [1, 8],
      [3, 2],
      [3, 8],
      [5, 2],
      [5, 8],
    ]);
  });

  it("oat: the defaults first, then each parameter's levels with the others at their defaults", () => {
    const design = buildDesign(
      spec({ type: "oat" }, [
        { path: "fatigue.halfLifeDays", min: 1, max: 9 },
        { path: "response.couponLift", values: [0, 2, 3] },
      ]),
    );
    expect(design.points).toEqual([
      [3, 1],
      [1, 1],
      [9, 1],
      [3, 0],
      [3, 2],
      [3, 3],
    ]);
    expect(design.varies).toEqual([-1, 0, 0, 1, 1, 1]);
  });

  it("lhs: each of the n strata of every range used once, the same points for the same seed", () => {
    const make = (seed: number) =>
      buildDesign(
        spec({ type: "lhs", points: 8, seed }, [
          { path: "fatigue.halfLifeDays", min: 1, max: 9 },
          { path: "response.couponLift", min: 0, max: 4 },
        ]),
      );
    const design = make(3);
    expect(design.points).toHaveLength(8);
    const strata = (i: number, min: number, max: number) =>
      design.points.map((p) => Math.floor(((p[i] - min) / (max - min)) * 8)).sort();
    expect(strata(0, 1, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(strata(1, 0, 4)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(make(3).points).toEqual(design.points);
    expect(make(4).points).not.toEqual(design.points);
  });

  it("rounds to whole numbers where the scenario takes only whole numbers", () => {
    const s = spec({ type: "lhs", points: 20, seed: 1 }, [
      { path: "response.boostDays", min: 1, max: 4 },
      { path: "fatigue.halfLifeDays", min: 1, max: 4 },
    ]);
    expect(s.parameters.map((p) => p.integer)).toEqual([true, false]);
    const design = buildDesign(s);
    expect(design.points.every((p) => Number.isInteger(p[0]) && p[0] >= 1 && p[0] <= 4)).toBe(true);
    expect(new Set(design.points.map((p) => p[0]))).toEqual(new Set([1, 2, 3, 4]));
    expect(design.points.some((p) => !Number.isInteger(p[1]))).toBe(true);
  });

  it("sobol: n × (k + 2) points; jobs keyed by spec hash, point and replication", () => {
    const plan = planSweep(
      spec({ type: "sobol", points: 4, seed: 2 }, [
        { path: "fatigue.halfLifeDays", min: 1, max: 9 },
        { path: "response.couponLift", min: 0, max: 4 },
      ]),
    );
    expect(plan.design.points).toHaveLength(16);
    expect(plan.jobs).toHaveLength(32);
    expect(plan.jobs[3]).toEqual({
      key: `${plan.hash.slice(0, 16)}-p1-r1`,
      point: 1,
      replication: 1,
      seed: 2,
    });
    const again = planSweep(
      spec({ type: "sobol", points: 4, seed: 2 }, [
        { path: "fatigue.halfLifeDays", min: 1, max: 9 },
        { path: "response.couponLift", min: 0, max: 4 },
      ]),
    );
    expect(again.hash).toBe(plan.hash);
    const otherSeed = planSweep(
      spec(
        { type: "sobol", points: 4, seed: 2 },
        [
          { path: "fatigue.halfLifeDays", min: 1, max: 9 },
          { path: "response.couponLift", min: 0, max: 4 },
        ],
        { seed: 5 },
      ),
    );
    expect(otherSeed.hash).not.toBe(plan.hash);
  });
});

describe("summary statistics", () => {
  it("shares the points where the arm beats the first, with an interval over replications", () => {
    const byPoint = [
      [1, 2],
      [3, 1],
      [-1, -2],
      [5, -1],
    ];
    const higher = shareBeating(byPoint, 1, seededRandom(1), 500);
    expect(higher.estimate).toBe(0.75);
    expect(higher.points).toBe(4);
    // the last point beats or not depending on which replications are drawn
    expect(higher.ciLow).toBe(0.5);
    expect(higher.ciHigh).toBe(0.75);
    expect(shareBeating(byPoint, -1, seededRandom(1), 500).estimate).toBe(0.25);
    const single = shareBeating([[1], [-1]], 1, seededRandom(1));
    expect(single).toEqual({ estimate: 0.5, ciLow: null, ciHigh: null, points: 2 });
  });

  it("finds the threshold that tells wins from losses, and the rank correlation", () => {
    const x = [1, 2, 3, 4, 5, 6];
    expect(bestSplit(x, [false, false, false, true, true, true])).toEqual({
      threshold: 3.5,
      beatsWhen: "above",
      accuracy: 1,
    });
    expect(bestSplit(x, [true, true, false, false, false, true])).toMatchObject({
      threshold: 2.5,
      beatsWhen: "below",
    });
    expect(bestSplit([2, 2, 2], [true, false, true])).toBeNull();
    expect(spearman(x, [1, 4, 9, 16, 25, 36])).toBeCloseTo(1, 12);
    expect(spearman(x, [6, 5, 4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman(x, [1, 1, 1, 1, 1, 1])).toBeNull();
  });
});
