import { describe, expect, it } from "vitest";
import { metricsFor, retentionTestDays } from "../../sim/experiment/metrics.ts";
import { runComparisonHere } from "../../sim/run.ts";
import { builtinScenario, builtinStrategy, scenario } from "../engine/helpers.ts";

describe("the days retention is tested at", () => {
  it("ends at days − window, the last day every randomised member is observed (365 days, 180-day window: day 185, not 365)", () => {
    expect(retentionTestDays(365, 180)).toEqual([30, 90, 185]);
    expect(retentionTestDays(546, 84)).toEqual([30, 90, 462]);
    expect(metricsFor(365, 180).map((m) => m.id)).toEqual([
      "retention-d30",
      "retention-d90",
      "retention-d185",
      "conversion",
      "opt-out",
      "revenue",
      "clv",
    ]);
  });

  it("drops days with fewer than half of the members observed, and day 0", () => {
    // the window cut at the horizon: members join over all 120 days, a quarter are observed 90 days
    expect(retentionTestDays(120, 180)).toEqual([30]);
    expect(retentionTestDays(60, 180)).toEqual([30]); // 31 of 60 join days observed 30 days
    expect(retentionTestDays(58, 180)).toEqual([30]); // 29 of 58: exactly half is kept
    expect(retentionTestDays(57, 180)).toEqual([]); // 28 of 57: fewer is not
    expect(retentionTestDays(20, 180)).toEqual([]);
    expect(retentionTestDays(365, 365)).toEqual([30, 90]);
    expect(retentionTestDays(200, 180)).toEqual([20, 30, 90]); // ascending
    expect(retentionTestDays(100, 10)).toEqual([30, 90]); // day 90 is days − window too
    expect(retentionTestDays(546, 84.5)).toEqual([30, 90, 461]); // join days 0…84
  });

  it("never tests retention on fewer than half of an arm's members; the last test counts them all", () => {
    for (const [days, windowDays] of [
      [365, 180],
      [120, 180],
      [200, 180],
      [100, 60],
    ]) {
      const report = runComparisonHere({
        scenario: scenario({ acquisition: { windowDays } }),
        strategies: ["control", "t-plus-7"].map(builtinStrategy),
        members: 3000,
        days,
        seed: 11,
      });
      const tested = report.tests.filter((t) => t.metric.startsWith("retention-d"));
      expect(tested.map((t) => t.metric)).toEqual(
        retentionTestDays(days, windowDays).map((d) => `retention-d${d}`),
      );
      for (const t of tested) {
        expect(t.nControl, `${days}/${windowDays} ${t.metric}`).toBeGreaterThanOrEqual(
          report.arms[0].members / 2,
        );
        expect(t.nTreatment, `${days}/${windowDays} ${t.metric}`).toBeGreaterThanOrEqual(
          report.arms[1].members / 2,
        );
      }
      const lastFull = days - Math.min(windowDays, days);
      const last = tested.find((t) => t.metric === `retention-d${lastFull}`);
      if (lastFull >= 1) {
        expect(last?.nControl).toBe(report.arms[0].members);
        expect(last?.nTreatment).toBe(report.arms[1].members);
      }
    }
  });

  it("puts the default run's tests at days 30, 90 and 185 (the built-in scenario's 180-day window)", () => {
    const report = runComparisonHere({
      scenario: builtinScenario("knowledge-course"),
      strategies: ["control", "scenario-nurture"].map(builtinStrategy),
      members: 2000,
      days: 365,
      seed: 3,
    });
    expect(report.metrics.filter((m) => m.kind === "proportion").map((m) => m.id)).toEqual([
      "retention-d30",
      "retention-d90",
      "retention-d185",
      "conversion",
      "opt-out",
    ]);
    const d185 = report.tests.find((t) => t.metric === "retention-d185");
    expect(d185?.control).toBeCloseTo(report.arms[0].retention[185]!, 12);
    expect(d185?.nControl).toBe(report.arms[0].members);
  });
});
