import { describe, expect, it } from "vitest";
import { simulateBlock } from "../../sim/engine/block.ts";
import { mergeBlocks } from "../../sim/engine/merge.ts";
import { srmCheck } from "../../sim/experiment/srm.ts";
import { jobsFor, prepare, reportFor, runComparisonHere } from "../../sim/run.ts";
import { kaplanMeier, logRankTest } from "../../sim/stats/index.ts";
import { builtinScenario, builtinStrategy, scenario } from "../engine/helpers.ts";

describe("the sample-ratio-mismatch check", () => {
  it("flags counts far from the configured split", () => {
    const srm = srmCheck([5000, 5400], [0.5, 0.5]);
    expect(srm.flagged).toBe(true);
    expect(srm.p).toBeCloseTo(8.8e-5, 5);
    expect(srmCheck([2800, 7200], [0.25, 0.75]).flagged).toBe(true);
  });

  it("does not flag a fair split, equal or not", () => {
    expect(srmCheck([5010, 4990], [0.5, 0.5]).flagged).toBe(false);
    expect(srmCheck([2520, 7480], [0.25, 0.75])).toMatchObject({
      flagged: false,
      expected: [2500, 7500],
    });
  });

  it("checks a simulated 1:3 split against its own shares and passes it", () => {
    const report = runComparisonHere({
      scenario: builtinScenario("knowledge-course"),
      strategies: ["control", "t-plus-7"].map(builtinStrategy),
      members: 20000,
      days: 30,
      seed: 11,
      split: [1, 3],
    });
    expect(report.srm.counts.reduce((s, n) => s + n, 0)).toBe(20000);
    expect(report.srm.expected).toEqual([5000, 15000]);
    expect(report.srm.flagged).toBe(false);
  });

  it("has nothing to check with one arm", () => {
    expect(srmCheck([100], [1])).toMatchObject({ chi2: 0, p: 1, flagged: false });
  });
});

describe("Kaplan-Meier curves and the log-rank test of a report", () => {
  const spec = {
    scenario: builtinScenario("knowledge-course"),
    strategies: ["control", "t-plus-7"].map(builtinStrategy),
    members: 5000,
    days: 90,
    seed: 4,
  };
  const prepared = prepare(spec);
  const blocks = jobsFor(prepared).map((job) =>
    simulateBlock(prepared.tables, prepared.plans, job),
  );
  const merged = mergeBlocks(blocks, 2, spec.days, 16);
  const report = reportFor(prepared, blocks);
  // Time to churn: days since join to the end of the churn day, censored at the observed days.
  const time: number[] = [];
  const event: number[] = [];
  const group: number[] = [];
  for (let i = 0; i < merged.count; i++) {
    const churned = merged.churnDay[i] >= 0;
    time.push(churned ? merged.churnDay[i] + 1 : spec.days - merged.joinDay[i]);
    event.push(churned ? 1 : 0);
    group.push(merged.arm[i]);
  }

  it("gives, at each day, the Kaplan-Meier survival of the statistics library", () => {
    for (const arm of [0, 1]) {
      const pick = (values: number[]) => values.filter((_, i) => group[i] === arm);
      const km = kaplanMeier({ time: pick(time), event: pick(event) });
      const curve = report.survival.curves[arm];
      expect(curve.survival).toHaveLength(spec.days + 1);
      expect(curve.survival[0]).toBe(1);
      for (let d = 1; d <= spec.days; d++) {
        let expected = 1;
        km.time.forEach((t, k) => {
          if (t <= d) expected = km.survival[k];
        });
        expect(curve.survival[d]).toBeCloseTo(expected, 12);
      }
    }
  });

  it("gives the log-rank chi-square and p of the statistics library (R's survdiff)", () => {
    const reference = logRankTest({ time, event, group });
    expect(report.survival.logRank[0].chi2).toBeCloseTo(reference.chi2, 9);
    expect(report.survival.logRank[0].p).toBeCloseTo(reference.p, 12);
  });

  it("equals the share retained when every member joins on day 0 (no censoring)", () => {
    const r = runComparisonHere({
      ...spec,
      scenario: scenario({ acquisition: { windowDays: 1 } }),
      days: 60,
    });
    for (const [arm, curve] of r.survival.curves.entries()) {
      for (let d = 0; d <= 60; d++)
        expect(curve.survival[d]).toBeCloseTo(r.arms[arm].retention[d]!, 12);
    }
  });
});
