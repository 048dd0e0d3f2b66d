import { describe, expect, it } from "vitest";
import { runComparisonHere } from "../../sim/run.ts";
import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtin.ts";
import { BUILTIN_STRATEGIES } from "../../strategies/index.ts";
import { kmBand } from "../../web/km-band.ts";

const strategies = ["t-plus-7", "scenario-nurture"].map(
  (id) => BUILTIN_STRATEGIES.find((s) => s.id === id)!,
);
const report = runComparisonHere({
  scenario: BUILTIN_SCENARIOS[0],
  strategies,
  members: 3000,
  days: 120,
  seed: 1,
});

describe("the Kaplan–Meier band of the dashboard", () => {
  it("keeps the report's curve and brackets it on every day", () => {
    for (const curve of report.survival.curves) {
      const band = kmBand(curve, 0.05);
      expect(band).toHaveLength(report.days + 1);
      expect(band[0]).toEqual({ day: 0, survival: 1, low: 1, high: 1, atRisk: curve.atRisk[0] });
      for (const d of band) {
        expect(d.survival).toBe(curve.survival[d.day]);
        expect(d.low).toBeLessThanOrEqual(d.survival + 1e-12);
        expect(d.high).toBeGreaterThanOrEqual(d.survival - 1e-12);
        expect(d.high).toBeLessThanOrEqual(1);
        expect(Number.isFinite(d.low) && Number.isFinite(d.high)).toBe(true);
      }
    }
  });

  it("widens as members leave the risk set, and more at a lower α", () => {
    const curve = report.survival.curves[0];
    const at95 = kmBand(curve, 0.05);
    const at99 = kmBand(curve, 0.01);
    const width = (d: { low: number; high: number }) => d.high - d.low;
    expect(width(at95[report.days])).toBeGreaterThan(width(at95[30]));
    expect(width(at99[60])).toBeGreaterThan(width(at95[60]));
  });

  it("is a flat line at 1 for an arm without members", () => {
    const band = kmBand({ strategy: "empty", survival: [1, 1, 1], atRisk: [0, 0, 0] }, 0.05);
    expect(band.map((d) => [d.survival, d.low, d.high])).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it("refuses counts that are not those of a Kaplan–Meier curve", () => {
    expect(() => kmBand({ strategy: "x", survival: [1, 0.5], atRisk: [2, 4] }, 0.05)).toThrow(
      "invalid survival curve of x: day 0",
    );
  });
});
