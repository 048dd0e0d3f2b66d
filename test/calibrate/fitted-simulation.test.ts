import { describe, expect, it } from "vitest";
import {
  bgnbdExpectedTransactions,
  calibrate,
  fittedScenario,
  parseDate,
} from "../../sim/calibrate/index.ts";
import { runComparisonHere } from "../../sim/run.ts";
import { normalizeScenario } from "../../sim/scenario/normalize.ts";
import { builtinStrategy } from "../engine/helpers.ts";

describe("a fitted scenario", () => {
  it("simulated under control, reproduces the fitted model's expected holdout repeat purchases within 3 %", async () => {
    const fit = await calibrate("data/cdnow/CDNOW_sample.txt", {
      unit: "week",
      calibrationEnd: parseDate("1997-09-30") as number,
      columns: "2,3,5",
    });
    const { summary } = fit;
    const doc = fittedScenario({
      transactions: "data/cdnow/CDNOW_sample.txt",
      calibrationEnd: "1997-09-30",
      unit: "week",
      acquisitionWindowDays: summary.acquisitionWindowDays,
      bgnbd: fit.bgnbd.params,
      gammaGamma: fit.gammaGamma?.params ?? null,
    });
    // Through JSON, as `fit --scenario-out` then `compare --scenario FILE` would.
    const scenario = normalizeScenario(JSON.parse(JSON.stringify(doc)), "fitted.json");
    const days = summary.lastDay - summary.startDay + 1;
    const holdoutStart = summary.calibrationEnd - summary.startDay + 1;
    const members = 200_000;
    const report = runComparisonHere({
      scenario,
      strategies: [builtinStrategy("control")],
      members,
      days,
      seed: 1997,
    });
    const purchases = report.arms[0].daily.purchases;
    let simulated = 0;
    for (let d = holdoutStart; d < days; d++) simulated += purchases[d];
    // The model's expectation for the same arrivals: join days uniform over the window, at a
    // time of day uniform over 08:00–22:00 (mean 15:00).
    const params = scenario.purchase;
    const window = scenario.acquisition.windowDays;
    let expected = 0;
    for (let j = 0; j < window; j++) {
      const joined = j + 15 / 24;
      expected +=
        bgnbdExpectedTransactions(params, days - joined) -
        bgnbdExpectedTransactions(params, holdoutStart - joined);
    }
    expected /= window;
    expect(report.arms[0].referredMembers).toBe(0);
    expect(Math.abs(simulated / members / expected - 1)).toBeLessThan(0.03);
  });
});
