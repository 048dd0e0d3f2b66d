import { describe, expect, it } from "vitest";
import { type ArmReport, vsControl } from "../../sim/report/arm-report.ts";
import { reportRows, roiNote } from "../../sim/report/rows.ts";
import { runComparisonHere } from "../../sim/run.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

const spec = (arms: string[]) => ({
  scenario: builtinScenario("knowledge-course"),
  strategies: arms.map(builtinStrategy),
  members: 3000,
  days: 120,
  seed: 5,
});

describe("incremental figures against the control arm (vsControl)", () => {
  const report = runComparisonHere(spec(["t-plus-7", "control", "scenario-nurture"]));
  const control = report.arms[1];

  it("gives every other arm per-member differences against control, wherever control is", () => {
    expect(control.strategy).toBe("control");
    expect(control.vsControl).toBeNull();
    for (const arm of [report.arms[0], report.arms[2]]) {
      const v = arm.vsControl;
      expect(v).not.toBeNull();
      expect(Object.keys(v ?? {})).toEqual(["revenue", "cost", "clvNet", "roi"]);
      const revenue = arm.revenue / arm.members - control.revenue / control.members;
      const cost = arm.cost / arm.members - control.cost / control.members;
      expect(v?.revenue).toBeCloseTo(revenue, 9);
      expect(v?.revenue).toBeCloseTo(arm.revenuePerMember - control.revenuePerMember, 9);
      expect(v?.cost).toBeCloseTo(cost, 9);
      expect(v?.clvNet).toBeCloseTo(arm.clvNetPerMember - control.clvNetPerMember, 9);
      expect(cost).toBeGreaterThan(0); // control sends nothing
      expect(v?.roi).toBeCloseTo((revenue - cost) / cost, 9);
    }
  });

  it("is null in every arm of a run without a control arm", () => {
    const none = runComparisonHere(spec(["t-plus-7", "scenario-nurture"]));
    expect(none.arms.map((a) => a.vsControl)).toEqual([null, null]);
    expect(reportRows(none).some((r) => r.label.startsWith("incremental"))).toBe(false);
    expect(roiNote(none)).toMatch(/baseline revenue the playbook did not cause/);
  });

  it("has no incremental ROI when the incremental cost is not positive, and needs members", () => {
    const arm = (members: number, revenue: number, cost: number, clvNet: number) =>
      ({ members, revenue, cost, clvNetPerMember: clvNet }) as ArmReport;
    expect(vsControl(arm(10, 100, 5, 3), arm(20, 100, 10, 2))).toEqual({
      revenue: 5,
      cost: 0,
      clvNet: 1,
      roi: null,
    });
    expect(vsControl(arm(10, 100, 20, 3), arm(10, 50, 10, 2))).toEqual({
      revenue: 5,
      cost: 1,
      clvNet: 1,
      roi: 4,
    });
    expect(vsControl(arm(0, 0, 0, 0), arm(10, 50, 10, 2))).toBeNull();
  });

  it("leads the money rows of the per-arm table with incremental ROI, before the plain ROI", () => {
    const labels = reportRows(report).map((r) => r.label);
    const at = (label: string) => labels.indexOf(label);
    expect(at("incremental ROI vs control")).toBeGreaterThan(0);
    expect(at("incremental ROI vs control")).toBeLessThan(at("revenue per member (¥)"));
    expect(at("revenue per member (¥)")).toBeLessThan(at("ROI"));
    expect(labels).toEqual(
      expect.arrayContaining([
        "incremental revenue per member vs control (¥)",
        "incremental cost per member vs control (¥)",
        "incremental net CLV per member vs control (¥)",
      ]),
    );
    const row = reportRows(report)[at("incremental ROI vs control")];
    expect(row.cell(control)).toBe("—");
    expect(row.cell(report.arms[0])).toMatch(/^-?[\d,]+\.\d\d$/);
    expect(roiNote(report)).toMatch(/Plain ROI counts baseline revenue the playbook did not cause/);
  });
});
