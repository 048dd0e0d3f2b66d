import { describe, expect, it } from "vitest";
import { joinedBy, metricsFor, retentionTestDays } from "../../sim/experiment/metrics.ts";
import { runComparisonHere, runUnderArm } from "../../sim/run.ts";
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

  it("follows the scenario's arrival curve: a late-heavy window leaves fewer members observed", () => {
    const lateHeavy = [1, 1, 1, 1, 1, 10];
    expect(joinedBy(110, 200, 180, lateHeavy)).toBeCloseTo(3.7 / 15, 12);
    expect(retentionTestDays(200, 180, lateHeavy)).toEqual([20, 30]); // day 90: a quarter observed
    expect(retentionTestDays(200, 180, [1])).toEqual([20, 30, 90]);
    expect(retentionTestDays(200, 180, [10, 1, 1, 1, 1, 1])).toEqual([20, 30, 90]);
    expect(metricsFor(200, 180, lateHeavy).filter((m) => m.kind === "proportion")).toHaveLength(4);
  });

  it("models the engine's join days: the share joined by each day matches the simulated members", async () => {
    for (const curve of [[1], [0, 0, 1, 3], [5, 1, 0, 2]]) {
      const spec = {
        scenario: scenario({ acquisition: { windowDays: 120, curve } }),
        strategies: [builtinStrategy("control")],
        members: 20000,
        days: 150,
        seed: 4,
      };
      const merged = await runUnderArm(spec, 0, { workers: 0 });
      for (const day of [0, 29, 44, 59, 89, 100, 119, 130]) {
        let joined = 0;
        for (let i = 0; i < merged.count; i++) if (merged.joinDay[i] <= day) joined++;
        expect(joined / merged.count, `curve ${curve}, day ${day}`).toBeCloseTo(
          joinedBy(day, 150, 120, curve),
          1.5, // within 0.016: 20,000 members
        );
      }
    }
  });
});
