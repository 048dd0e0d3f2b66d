import { describe, expect, it } from "vitest";
import { maxRules, simulateBlock } from "../../sim/engine/block.ts";
import { mergeBlocks } from "../../sim/engine/merge.ts";
import { membersByArm } from "../../sim/experiment/metrics.ts";
import { survivalByArm } from "../../sim/experiment/survival.ts";
import { jobsFor, prepare } from "../../sim/run.ts";
import { kaplanMeier } from "../../sim/stats/index.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

describe("the Kaplan–Meier curves of the report", () => {
  const days = 120;
  const prepared = prepare({
    scenario: builtinScenario("knowledge-course"),
    strategies: [builtinStrategy("t-plus-7"), builtinStrategy("scenario-nurture")],
    members: 4000,
    days,
    seed: 3,
  });
  const blocks = jobsFor(prepared).map((job) =>
    simulateBlock(prepared.tables, prepared.plans, job),
  );
  const merged = mergeBlocks(blocks, 2, days, maxRules(prepared.plans));
  const members = membersByArm(merged, 2);
  const strategies = ["t-plus-7", "scenario-nurture"];

  it.each([0.05, 0.01])(
    "agree with the member-level estimator and its Greenwood band at α = %s",
    (alpha) => {
      const { curves } = survivalByArm({ merged, members, strategies, days, alpha });
      members.forEach((list, arm) => {
        const time = Array.from(list, (i) =>
          merged.churnDay[i] >= 0 ? merged.churnDay[i] + 1 : days - merged.joinDay[i],
        );
        const event = Array.from(list, (i) => (merged.churnDay[i] >= 0 ? 1 : 0));
        const reference = kaplanMeier({ time, event, alpha });
        const curve = curves[arm];
        expect(reference.time.length).toBeGreaterThan(20);
        reference.time.forEach((t, j) => {
          expect(curve.survival[t]).toBeCloseTo(reference.survival[j], 12);
          expect(curve.ciLow[t]).toBeCloseTo(reference.ciLow[j], 12);
          expect(curve.ciHigh[t]).toBeCloseTo(reference.ciHigh[j], 12);
        });
      });
    },
  );

  it("widens with a lower α and starts at [1, 1]", () => {
    const at95 = survivalByArm({ merged, members, strategies, days, alpha: 0.05 }).curves[0];
    const at99 = survivalByArm({ merged, members, strategies, days, alpha: 0.01 }).curves[0];
    expect([at95.ciLow[0], at95.ciHigh[0]]).toEqual([1, 1]);
    expect(at99.ciHigh[60] - at99.ciLow[60]).toBeGreaterThan(at95.ciHigh[60] - at95.ciLow[60]);
    expect(at95.ciHigh[days] - at95.ciLow[days]).toBeGreaterThan(at95.ciHigh[30] - at95.ciLow[30]);
  });
});
