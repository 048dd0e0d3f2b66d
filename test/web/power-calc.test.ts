import { afterEach, describe, expect, it } from "vitest";
import {
  mdeTwoMeans,
  mdeTwoProportions,
  powerTwoMeans,
  powerTwoProportions,
  sampleSizeTwoMeans,
  sampleSizeTwoProportions,
} from "../../sim/index.ts";
import { setLang } from "../../web/i18n.ts";
import {
  changeText,
  computePower,
  DEFAULT_POWER_INPUTS,
  detectableChange,
  fieldsFor,
  type PowerInputs,
  rateField,
  readNumber,
  runSentence,
} from "../../web/power-calc.ts";

const inputs = (patch: Partial<PowerInputs>): PowerInputs => ({
  ...DEFAULT_POWER_INPUTS,
  ...patch,
});
const answer = (patch: Partial<PowerInputs>) => {
  const outcome = computePower(inputs(patch));
  if (!("answer" in outcome)) throw new Error(JSON.stringify(outcome.errors));
  return outcome.answer;
};
const errors = (patch: Partial<PowerInputs>) => {
  const outcome = computePower(inputs(patch));
  if (!("errors" in outcome)) throw new Error(`expected errors, got ${outcome.answer.headline}`);
  return outcome.errors;
};

afterEach(() => setLang("en", false));

describe("readNumber", () => {
  it("reads shares, percentages, thousands separators and full-width digits", () => {
    expect(readNumber("0.1")).toBe(0.1);
    expect(readNumber(" 10 % ")).toBeCloseTo(0.1, 15);
    expect(readNumber("１２％")).toBeCloseTo(0.12, 15);
    expect(readNumber("50,000", false)).toBe(50000);
    expect(readNumber("1e3", false)).toBe(1000);
    expect(readNumber("−5", false)).toBe(-5);
  });
  it("refuses what is not a number, never NaN", () => {
    for (const text of ["", "abc", "1.2.3", "Infinity", "NaN", "10%", "1,00"]) {
      expect(readNumber(text, false)).toBeNull();
    }
    expect(readNumber("%")).toBeNull();
  });
});

describe("computePower, rates (as R's power.prop.test)", () => {
  it("solves members per arm with the engine's function", () => {
    setLang("en", false);
    const a = answer({ baseline: "0.1", target: "0.12", alpha: "0.05", power: "0.8" });
    const expected = sampleSizeTwoProportions({ p1: 0.1, p2: 0.12, alpha: 0.05, power: 0.8 });
    expect(a.value).toBe(expected.nPerArmRounded);
    expect(a.value).toBe(3841);
    expect(a.headline).toBe("3,841 members per arm");
    expect(a.detail).toContain("10.0 % → 12.0 % (+2.00 pp, +20.0 % relative) with 80 % power");
    expect(a.detail).toContain("7,682 members in all");
  });
  it("reads percentages as rates", () => {
    expect(answer({ baseline: "10%", target: "12 %" }).value).toBe(3841);
  });
  it("solves the minimum detectable effect, both ways", () => {
    const a = answer({ solve: "mde", baseline: "0.1", n: "3841" });
    expect(a.value).toBeCloseTo(mdeTwoProportions({ p1: 0.1, n: 3841 }).difference, 12);
    expect(a.value).toBeCloseTo(0.02, 3);
    const down = detectableChange(0.1, 3841, 0.05, 0.8).down ?? 0;
    // The fall from p is the rise from 1 − p: R's formula is symmetric.
    expect(powerTwoProportions({ p1: 0.1, p2: 0.1 - down, n: 3841 })).toBeCloseTo(0.8, 6);
    expect(a.headline).toMatch(/^Minimum detectable effect \+2\.\d\d pp \/ −1\.\d\d pp$/);
  });
  it("solves the power at n", () => {
    const a = answer({ solve: "power", baseline: "0.1", target: "0.11", n: "10000" });
    expect(a.value).toBeCloseTo(powerTwoProportions({ p1: 0.1, p2: 0.11, n: 10000 }), 15);
    expect(a.headline).toBe("Power 63.6 %");
    expect(a.detail).toContain("below the usual 80 %");
  });
  it("says a change too small for any test is one, rather than a 15-digit count", () => {
    const a = answer({ baseline: "0.1", target: "0.1000001" });
    expect(a.headline).toBe("More than 1,000,000,000 members per arm");
    expect(a.detail).toContain("+0.00001");
  });
});

describe("computePower, means (as R's power.t.test)", () => {
  it("answers an effect too large for the formula with 2 members per arm or fewer", () => {
    setLang("en", false);
    const a = answer({ metric: "mean", difference: "500", sd: "1" });
    expect(a.value).toBe(2);
    expect(a.headline).toBe("2 members per arm or fewer");
    expect(a.detail).toBe(
      "A difference of 500 standard deviations is so large that any test sees it.",
    );
  });
  it("solves members per arm, the MDE and the power with the engine's functions", () => {
    const n = answer({ metric: "mean", difference: "1", sd: "1" });
    expect(n.value).toBe(sampleSizeTwoMeans({ delta: 1, sd: 1 }).nPerArmRounded);
    expect(n.value).toBe(17);
    const mde = answer({ metric: "mean", solve: "mde", sd: "1", n: "17" });
    expect(mde.value).toBeCloseTo(mdeTwoMeans({ n: 17, sd: 1 }), 12);
    expect(mde.headline).toBe("Minimum detectable effect ±0.991");
    const power = answer({ metric: "mean", solve: "power", difference: "1", sd: "1", n: "17" });
    expect(power.value).toBeCloseTo(powerTwoMeans({ delta: 1, sd: 1, n: 17 }), 15);
  });
});

describe("computePower, inline messages", () => {
  it("names the field and the value, and returns no number", () => {
    expect(errors({ baseline: "1.5" })).toEqual([
      {
        field: "baseline",
        message:
          "Baseline rate: “1.5” — enter a share between 0 and 1 (not 0 or 1), such as 0.05, or a percentage such as 5 %",
      },
    ]);
    expect(errors({ solve: "mde", n: "abc" })[0].message).toMatch(/^Members per arm: “abc” — /);
    expect(errors({ solve: "mde", n: "12.5" })[0].field).toBe("n");
    expect(errors({ alpha: "" })[0].message).toMatch(/^Significance level α: \(empty\) — /);
    expect(errors({ target: "0.1" })[0].message).toContain("equals the baseline rate");
    expect(errors({ power: "0.01" })[0].message).toContain("must be above α (0.05)");
    expect(errors({ metric: "mean", sd: "-2" })[0].field).toBe("sd");
    expect(errors({ metric: "mean", difference: "0" })[0].field).toBe("difference");
    expect(errors({ solve: "mde", n: "3" })[0].message).toContain("too few to detect any change");
  });
  it("lists every bad field at once, and only fields the solve reads", () => {
    expect(errors({ baseline: "x", target: "y", power: "2" }).map((e) => e.field)).toEqual([
      "baseline",
      "target",
      "power",
    ]);
    // Solving for n does not read n: a bad n there is no error.
    expect(answer({ n: "nonsense" }).value).toBe(14751);
    expect(fieldsFor("proportion", "n")).toEqual(["baseline", "target", "alpha", "power"]);
    expect(fieldsFor("mean", "mde")).toEqual(["sd", "n", "alpha", "power"]);
  });
  it("speaks Chinese when the page does", () => {
    setLang("zh", false);
    expect(errors({ baseline: "1.5" })[0].message).toBe(
      "基线转化率：“1.5”——请输入 0 到 1 之间（不含 0 和 1）的小数，如 0.05，或百分比，如 5%",
    );
    expect(answer({ baseline: "0.1", target: "0.12" }).headline).toBe("每组 3,841 名会员");
  });
  it("never shows NaN, Infinity or undefined, whatever is typed", () => {
    const junk = ["", "0", "1", "-1", "1e400", "abc", "0.5", "50%", "2", "1e-300", "99999999999"];
    for (const metric of ["proportion", "mean"] as const)
      for (const solve of ["n", "mde", "power"] as const)
        for (const value of junk)
          for (const field of fieldsFor(metric, solve)) {
            const outcome = computePower(inputs({ metric, solve, [field]: value }));
            expect(JSON.stringify(outcome)).not.toMatch(/NaN|Infinity|undefined|null/);
          }
  });
});

describe("what a run could detect", () => {
  it("says it in one sentence, ± when rise and fall read the same", () => {
    expect(runSentence({ n: 50000, baseline: 0.5 }, 0.05, 0.8)).toMatch(
      /^With 50,000 members per arm this run detects a conversion change of ±0\.89 pp \(from 50\.0 %\) with 80 % power at α = 0\.05\.$/,
    );
    expect(runSentence({ n: 50000, baseline: 0.1 }, 0.05, 0.8)).toContain("+0.54 pp / −0.53 pp");
    expect(changeText({ up: null, down: null })).toBe("—");
    expect(rateField(0.123456789)).toBe("0.1235");
  });
});
