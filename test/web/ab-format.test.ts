import { describe, expect, it } from "vitest";
import {
  adjustSentence,
  armValue,
  confidence,
  interval,
  lift,
  pValue,
  signed,
} from "../../web/ab-format.ts";

describe("the A/B panel's cell text", () => {
  it("shows shares in percent and differences of shares in percentage points", () => {
    expect(armValue(0.8711, "proportion")).toBe("87.1 %");
    expect(signed(0.02354, "proportion")).toBe("+2.4 pp");
    expect(signed(-0.1191, "proportion")).toBe("−11.9 pp");
    expect(interval(0.0146, 0.0324, "proportion")).toBe("[+1.5 pp, +3.2 pp]");
  });

  it("shows means and their differences in ¥ with thousands separators", () => {
    expect(armValue(1245.4285, "mean")).toBe("¥1,245.43");
    expect(signed(-8.923, "mean")).toBe("−¥8.92");
    expect(interval(-24.79, 6.94, "mean")).toBe("[−¥24.79, +¥6.94]");
  });

  it("signs the relative lift and leaves zero unsigned", () => {
    expect(lift(0.027)).toBe("+2.7 %");
    expect(lift(-0.9746)).toBe("−97.5 %");
    expect(lift(0)).toBe("0.0 %");
  });

  it("prints p as the CLI does", () => {
    expect(pValue(0.6146)).toBe("0.615");
    expect(pValue(0.00044)).toBe("0.00044");
    expect(pValue(3.6e-263)).toBe("<0.0001");
    expect(pValue(1)).toBe("1.000");
  });

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY])(
    "shows a dash, never NaN, Infinity or undefined, for %s",
    (value) => {
      const cells = [
        armValue(value, "proportion"),
        armValue(value, "mean"),
        signed(value, "proportion"),
        signed(value, "mean"),
        interval(value, 0.1, "mean"),
        interval(0.1, value, "proportion"),
        lift(value),
        pValue(value),
      ];
      expect(cells).toEqual(cells.map(() => "—"));
    },
  );

  it("names the confidence level that goes with α", () => {
    expect([0.01, 0.05, 0.1, 0.005].map(confidence)).toEqual(["99 %", "95 %", "90 %", "99.5 %"]);
  });

  it("says what each adjustment controls", () => {
    expect(adjustSentence("holm", 7)).toContain("Holm's step-down method");
    expect(adjustSentence("BH", 7)).toContain('share of false "significant"');
    expect(adjustSentence("bonferroni", 7)).toContain("p × 7");
    expect(adjustSentence("none", 7)).toMatch(/^p is not adjusted/);
  });
});
