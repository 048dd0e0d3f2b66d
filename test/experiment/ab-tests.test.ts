import { describe, expect, it } from "vitest";
import { allocateBlock } from "../../sim/engine/outcomes.ts";
import { analyse } from "../../sim/experiment/analysis.ts";
import { compareMeans, compareProportions } from "../../sim/experiment/compare-arms.ts";
import { proportionDifference } from "../../sim/experiment/proportion-difference.ts";
import { runComparisonHere } from "../../sim/run.ts";
import { pAdjust, welchTTest } from "../../sim/stats/index.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

/** Every number in a value, with its path; JSON would turn NaN and Infinity into null silently. */
function numbers(value: unknown, path = "$"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}
const notFinite = (value: unknown) => numbers(value).filter(([, v]) => !Number.isFinite(v));

const report = runComparisonHere({
  scenario: builtinScenario("knowledge-course"),
  strategies: ["control", "t-plus-7", "scenario-nurture"].map(builtinStrategy),
  members: 6000,
  days: 120,
  seed: 7,
});

describe("the A/B tests of a report", () => {
  it("tests every metric for every arm against the first, with the documented fields", () => {
    // 120 days, members joining over all of them (the 180-day window cut at the horizon): only
    // day 30 has at least half of the members observed (day 90: a quarter; day 120: day-0 joiners).
    expect(report.metrics.map((m) => m.id)).toEqual([
      "retention-d30",
      "conversion",
      "opt-out",
      "revenue",
      "clv",
    ]);
    expect(report.tests).toHaveLength(5 * 2);
    for (const t of report.tests) {
      expect(Object.keys(t)).toEqual(
        expect.arrayContaining([
          "metric",
          "arm",
          "strategy",
          "controlStrategy",
          "test",
          "control",
          "treatment",
          "diff",
          "relLift",
          "ciLow",
          "ciHigh",
          "sampleCiLow",
          "sampleCiHigh",
          "p",
          "pAdjusted",
          "significant",
        ]),
      );
      expect(t.controlStrategy).toBe("control");
      expect(t.test).toBe(
        t.metric === "revenue" || t.metric === "clv" ? "Welch t" : "two-proportion z",
      );
      expect(t.ciLow).toBeLessThanOrEqual(t.diff ?? Number.NaN);
      expect(t.ciHigh).toBeGreaterThanOrEqual(t.diff ?? Number.NaN);
    }
  });

  it("writes no NaN or Infinity anywhere in the report", () => {
    expect(notFinite(report)).toEqual([]);
  });

  it("adjusts p across all tests of the report by Holm and calls significant below alpha", () => {
    const holm = pAdjust(
      report.tests.map((t) => t.p),
      { method: "holm" },
    );
    expect(report.adjust).toBe("holm");
    report.tests.forEach((t, k) => {
      expect(t.pAdjusted).toBe(holm[k]);
      expect(t.significant).toBe(t.pAdjusted < 0.05);
    });
  });

  it("measures retention at day D on members observed at least D days, as the arm table", () => {
    const t = report.tests.find((x) => x.metric === "retention-d30" && x.arm === 1);
    expect(t?.control).toBeCloseTo(report.arms[0].retention[30]!, 12);
    expect(t?.treatment).toBeCloseTo(report.arms[1].retention[30]!, 12);
    expect(t?.nControl).toBeLessThan(report.arms[0].members);
  });

  it("uses Welch's t for revenue and CLV, with the Mann-Whitney p beside it", () => {
    const t = report.tests.find((x) => x.metric === "clv" && x.arm === 2);
    expect(t?.control).toBeCloseTo(report.arms[0].clvPerMember, 9);
    expect(t?.mannWhitneyP).toBeGreaterThanOrEqual(0);
    const a = Float64Array.from([1, 5, 2, 8, 3]);
    const b = Float64Array.from([4, 9, 7, 12, 6, 5]);
    const welch = welchTTest({ a, b });
    const ours = compareMeans({ a, b, population: 11, alpha: 0.05 });
    expect(ours.p).toBe(welch.p);
    expect(ours.ciLow).toBe(welch.ciLow);
  });

  it("honours --alpha and --adjust none", () => {
    const r = runComparisonHere({
      scenario: builtinScenario("knowledge-course"),
      strategies: ["control", "t-plus-7"].map(builtinStrategy),
      members: 3000,
      days: 60,
      seed: 2,
      analysis: { alpha: 0.1, adjust: "none" },
    });
    expect(r.metrics.map((m) => m.id)).toEqual([
      "retention-d30",
      "conversion",
      "opt-out",
      "revenue",
      "clv",
    ]);
    for (const t of r.tests) {
      expect(t.pAdjusted).toBe(t.p);
      expect(t.significant).toBe(t.p < 0.1);
    }
  });

  it("refuses an alpha outside (0, 1) and an unknown adjustment", () => {
    const spec = {
      scenario: builtinScenario("knowledge-course"),
      strategies: [builtinStrategy("control")],
      members: 10,
      days: 10,
      seed: 1,
    };
    expect(() => runComparisonHere({ ...spec, analysis: { alpha: 2 } })).toThrow(
      "alpha must be between 0 and 1 (exclusive), got 2",
    );
    // @ts-expect-error an adjustment the type does not allow, as a JSON spec could carry
    expect(() => runComparisonHere({ ...spec, analysis: { adjust: "sidak" } })).toThrow(
      "invalid adjust: sidak",
    );
  });
});

describe("degenerate comparisons", () => {
  it("gives p = 1, CI [0, 0] and no relative lift when neither arm has a success", () => {
    expect(
      compareProportions({ x1: 0, n1: 50, x2: 0, n2: 40, population: 90, alpha: 0.05 }),
    ).toMatchObject({
      diff: 0,
      ciLow: 0,
      ciHigh: 0,
      p: 1,
      relLift: null,
      control: 0,
    });
  });

  it("gives p = 1 and no difference when an arm has no members", () => {
    const r = compareProportions({ x1: 3, n1: 10, x2: 0, n2: 0, population: 10, alpha: 0.05 });
    expect(r).toMatchObject({ treatment: null, diff: null, ciLow: null, p: 1, relLift: null });
    const m = compareMeans({
      a: new Float64Array(0),
      b: Float64Array.of(1, 2),
      population: 2,
      alpha: 0.05,
    });
    expect(m).toMatchObject({ control: null, diff: null, p: 1 });
  });

  it("gives p = 1 and CI [0, 0] for two constant, equal samples, and no interval for one value", () => {
    const zeros = new Float64Array(20);
    expect(compareMeans({ a: zeros, b: zeros, population: 40, alpha: 0.05 })).toMatchObject({
      diff: 0,
      ciLow: 0,
      ciHigh: 0,
      p: 1,
      relLift: null,
    });
    expect(
      compareMeans({ a: Float64Array.of(3), b: Float64Array.of(1, 2), population: 3, alpha: 0.05 }),
    ).toMatchObject({ diff: -1.5, ciLow: null, ciHigh: null, p: 1 });
  });

  it("analyses a population whose second arm drew no member without NaN", () => {
    const merged = allocateBlock(0, 5, 2, 40, 1);
    merged.purchases.set([1, 0, 2, 0, 0]);
    merged.revenue.set([10, 0, 30, 0, 0]);
    merged.clv.set([10, 0, 30, 0, 0]);
    merged.churnDay.set([3, -1, -1, 20, -1]);
    const analysis = analyse({
      merged,
      strategies: ["a", "b"],
      split: [0.5, 0.5],
      days: 40,
      windowDays: 1,
    });
    expect(notFinite(analysis)).toEqual([]);
    expect(analysis.tests.every((t) => t.p === 1 && t.diff === null)).toBe(true);
    expect(analysis.survival.curves[1].survival.every((s) => s === 1)).toBe(true);
    expect(analysis.survival.logRank[0]).toMatchObject({ chi2: 0, p: 1 });
    expect(analysis.srm.flagged).toBe(false);
  });
});

describe("the two-proportion comparison", () => {
  it("gives Newcombe's hybrid score interval (his 1998 example: 56/70 vs 48/80)", () => {
    const r = proportionDifference({ x1: 48, n1: 80, x2: 56, n2: 70, alpha: 0.05 });
    expect(r.ciLow).toBeCloseTo(0.0524, 4);
    expect(r.ciHigh).toBeCloseTo(0.3339, 4);
  });

  it("takes p from the pooled z with the N − 1 correction", () => {
    const r = proportionDifference({ x1: 10, n1: 40, x2: 20, n2: 40, alpha: 0.05 });
    // z = 0.25 / √(0.375 · 0.625 · 2/40) · √(79/80)
    expect(r.p).toBeCloseTo(0.0217376, 6);
  });
});
