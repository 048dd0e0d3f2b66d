import { describe, expect, it } from "vitest";
import { runComparisonHere } from "../../sim/run.ts";
import { betterWay, SCORE_METRICS, scorecard, verdict } from "../../web/ab-format.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

describe("the verdict says better or worse for the arm", () => {
  it("reads a significant rise as better where higher is better, worse for opt-outs", () => {
    expect(verdict(0.02, betterWay("conversion"), true)).toEqual({
      text: "better, significant",
      tone: "better",
    });
    expect(verdict(0.02, betterWay("opt-out"), true)).toEqual({
      text: "worse, significant",
      tone: "worse",
    });
    expect(verdict(-0.02, betterWay("opt-out"), true).tone).toBe("better");
    expect(verdict(-5, betterWay("revenue"), true).tone).toBe("worse");
    expect(verdict(0.03, betterWay("retention-d30"), true).tone).toBe("better");
  });

  it("says no clear difference when the test is not significant, whatever the sign", () => {
    for (const diff of [-3, 0, 3]) {
      expect(verdict(diff, "higher", false)).toEqual({
        text: "no clear difference",
        tone: "unclear",
      });
    }
  });

  it("gives the direction only, and says so, when there is no interval", () => {
    expect(verdict(0.01, "lower", null)).toEqual({
      text: "worse, no interval",
      tone: "leans-worse",
    });
    expect(verdict(-1, "lower", null)).toEqual({
      text: "better, no interval",
      tone: "leans-better",
    });
    expect(verdict(null, "higher", true)).toEqual({ text: "—", tone: "none" });
    expect(verdict(Number.NaN, "higher", null).tone).toBe("none");
  });
});

const spec = (arms: string[]) => ({
  scenario: builtinScenario("knowledge-course"),
  strategies: arms.map(builtinStrategy),
  members: 3000,
  days: 120,
  seed: 5,
});

describe("the scorecard", () => {
  it("measures every arm against the control arm, wherever it is, with its vsControl figures", () => {
    const report = runComparisonHere(spec(["t-plus-7", "control", "scenario-nurture"]));
    const card = scorecard(report);
    expect(card?.baseline).toBe("control");
    expect(card?.baselineIsControl).toBe(true);
    expect(card?.arms.map((a) => [a.strategy, a.baseline])).toEqual([
      ["t-plus-7", false],
      ["control", true],
      ["scenario-nurture", false],
    ]);
    const arm = report.arms[0];
    const cells = card?.arms[0].cells;
    const v = arm.vsControl;
    expect(v).not.toBeNull();
    expect(cells?.revenue.value).toBe(
      `${(v?.revenue ?? 0) < 0 ? "−" : "+"}¥${Math.abs(v?.revenue ?? 0).toFixed(2)}`,
    );
    // The A/B tests compare with the first arm, not control: no interval is borrowed from them.
    for (const id of ["conversion", "optOut", "overMessaging", "roi"] as const) {
      expect(cells?.[id].interval).toBe("no interval");
    }
    expect(cells?.clvNet.interval).toBe("no interval for net CLV");
    // Over-messaging: t-plus-7 loses more members to it than control, which sends nothing.
    expect(cells?.overMessaging.verdict.text).toBe("worse, no interval");
    expect(card?.arms[1].cells.conversion.verdict.text).toBe("baseline");
  });

  it("falls back to the first arm without a control arm and takes the A/B tests' intervals", () => {
    const report = runComparisonHere(spec(["t-plus-7", "scenario-nurture"]));
    const card = scorecard(report);
    expect(card?.baseline).toBe("t-plus-7");
    expect(card?.baselineIsControl).toBe(false);
    const cells = card?.arms[1].cells;
    for (const m of SCORE_METRICS) expect(cells?.[m.id].verdict.text).toMatch(/\S/);
    const optOut = report.tests.find((t) => t.metric === "opt-out");
    expect(cells?.optOut.interval).toMatch(/^95 % CI \[.+, .+\]$/);
    expect(cells?.conversion.interval).toMatch(/^95 % CI \[/);
    expect(cells?.revenue.interval).toMatch(/^95 % CI \[/);
    // Fewer opt-outs under scenario-nurture than under t-plus-7: better for the arm.
    expect(optOut?.diff).toBeLessThan(0);
    expect(cells?.optOut.verdict.text).toBe(
      optOut?.significant ? "better, significant" : "no clear difference",
    );
  });
});
