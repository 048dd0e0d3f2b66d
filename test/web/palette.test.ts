import { describe, expect, it } from "vitest";
import { BUILTIN_STRATEGIES } from "../../strategies/index.ts";
import {
  ARM_PALETTE,
  armColors,
  armScale,
  CONTROL_COLOR,
  DEPTH_COLORS,
  OKABE_ITO,
  STAGE_COLORS,
  strategyColor,
} from "../../web/palette.ts";

describe("the palette", () => {
  it("gives an arm the colour of its strategy id, whatever its position in the run", () => {
    const a = armColors(["t-plus-7", "scenario-nurture"]);
    const b = armColors(["control", "scenario-nurture", "sop-48h", "t-plus-7"]);
    expect(a.get("t-plus-7")).toBe(b.get("t-plus-7"));
    expect(a.get("scenario-nurture")).toBe(b.get("scenario-nurture"));
    expect(b.get("control")).toBe(CONTROL_COLOR);
    expect(armScale(["scenario-nurture", "t-plus-7"])).toEqual({
      domain: ["scenario-nurture", "t-plus-7"],
      range: [strategyColor("scenario-nurture"), strategyColor("t-plus-7")],
    });
  });

  it("gives the built-in playbooks one colour each but one, and a user playbook a stable one", () => {
    const colors = BUILTIN_STRATEGIES.map((s) => strategyColor(s.id));
    expect(new Set(colors).size).toBeGreaterThanOrEqual(colors.length - 1);
    expect(strategyColor("my-playbook")).toBe(strategyColor("my-playbook"));
    expect(ARM_PALETTE).toContain(strategyColor("my-playbook"));
  });

  it("never gives two arms of one run the same colour", () => {
    const ids = [...BUILTIN_STRATEGIES.map((s) => s.id).slice(0, 9), "x", "y"];
    const colors = armColors(ids.slice(0, ARM_PALETTE.length));
    expect(new Set(colors.values()).size).toBe(colors.size);
  });

  it("keeps stable and lapsed apart for red-green colour blindness (Okabe–Ito blue vs vermillion)", () => {
    expect(STAGE_COLORS.stable).toBe(OKABE_ITO.blue);
    expect(STAGE_COLORS.lapsed).toBe(OKABE_ITO.vermillion);
    expect(Object.keys(STAGE_COLORS)).toEqual([
      "break-in",
      "stable",
      "declining",
      "lapsed",
      "churned",
    ]);
    expect(Object.keys(DEPTH_COLORS)).toEqual(["basic", "member", "purchased", "repeat", "koc"]);
  });
});
