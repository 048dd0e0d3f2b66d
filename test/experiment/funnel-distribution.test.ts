import { describe, expect, it } from "vitest";
import {
  CLV_QUANTILES,
  quantiles,
  REVENUE_CURVE_TOPS,
  revenueCurve,
} from "../../sim/report/arm-report.ts";
import { runComparisonHere } from "../../sim/run.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

describe("funnel counts, the revenue curve and CLV quantiles of each arm", () => {
  const report = runComparisonHere({
    scenario: builtinScenario("knowledge-course"),
    strategies: ["control", "t-plus-7"].map(builtinStrategy),
    members: 3000,
    days: 120,
    seed: 7,
  });

  it("counts members reached by a message and repeat buyers, nested in the members and buyers", () => {
    const [control, push] = report.arms;
    expect(control.reached).toBe(0); // control sends nothing
    expect(control.messages).toBe(0);
    expect(push.reached).toBeGreaterThan(0.9 * push.members);
    expect(push.reached).toBeLessThanOrEqual(push.members);
    for (const arm of report.arms) {
      expect(arm.repeatBuyers).toBeGreaterThan(0);
      expect(arm.repeatBuyers).toBeLessThan(arm.converted);
    }
  });

  it("draws the Pareto curve through revenueShareTop, rising to all revenue", () => {
    for (const arm of report.arms) {
      const { top, share } = arm.revenueCurve;
      expect(top).toEqual(REVENUE_CURVE_TOPS);
      expect(share[0]).toBe(0);
      expect(share.at(-1)).toBeCloseTo(1, 12);
      for (let k = 1; k < share.length; k++) expect(share[k]).toBeGreaterThanOrEqual(share[k - 1]);
      for (const pct of ["1", "5", "10", "20"] as const) {
        expect(share[top.indexOf(Number(pct))]).toBeCloseTo(arm.revenueShareTop[pct], 12);
      }
    }
  });

  it("keeps rising CLV quantiles, the top one above the mean", () => {
    for (const arm of report.arms) {
      const { p, clv } = arm.clvQuantiles;
      expect(p).toEqual(CLV_QUANTILES);
      for (let k = 1; k < clv.length; k++) expect(clv[k]).toBeGreaterThanOrEqual(clv[k - 1]);
      expect(clv.at(-1)).toBeGreaterThan(arm.clvPerMember);
    }
  });

  it("takes quantiles as sorted[floor(p (n − 1))] and copes with no members", () => {
    const values = Float64Array.from([5, 1, 4, 2, 3, 0, 9, 8, 7, 6]);
    expect(quantiles(values, [0, 0.5, 0.9, 1])).toEqual({ p: [0, 0.5, 0.9, 1], clv: [0, 4, 8, 9] });
    expect(quantiles(new Float64Array(0), [0.5]).clv).toEqual([0]);
    const curve = revenueCurve(Float64Array.from([0, 0, 0, 10, 30, 60, 0, 0, 0, 0]));
    expect(curve.share[curve.top.indexOf(10)]).toBeCloseTo(0.6, 12);
    expect(curve.share[curve.top.indexOf(20)]).toBeCloseTo(0.9, 12);
    expect(revenueCurve(new Float64Array(3)).share.every((s) => s === 0)).toBe(true);
  });
});
