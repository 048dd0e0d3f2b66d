import { describe, expect, it } from "vitest";
import { falsePositiveRates } from "../../sim/experiment/calibration.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

// 1,000 A/A replications of 3,000 members × 120 days, in this thread: about 7 s.
// docs/calibration.md has the figures (bench/calibration.ts prints them).
describe("calibration: A/A tests", () => {
  it("reject at about alpha: 3.6–6.4 % per metric over 1,000 seeds, unadjusted", async () => {
    const rows = await falsePositiveRates({
      scenario: builtinScenario("knowledge-course"),
      strategy: builtinStrategy("control"),
      members: 3000,
      days: 120,
      replications: 1000,
      seed: 1,
    });
    expect(rows.map((r) => r.metric)).toEqual([
      "retention-d30",
      "conversion",
      "opt-out",
      "revenue",
      "clv",
    ]);
    for (const row of rows) {
      // Without messages nobody opts out: both arms are all zeros, p = 1 by definition, so the
      // opt-out test can never reject (rate 0), which is the right answer for an A/A test.
      if (row.metric === "opt-out") expect(row.rate).toBe(0);
      else expect(row.rate, row.metric).toBeGreaterThanOrEqual(0.036);
      expect(row.rate, row.metric).toBeLessThanOrEqual(0.064);
    }
  });
});
