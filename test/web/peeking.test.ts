import { afterEach, describe, expect, it } from "vitest";
import { seededRandom, simulatePeeking } from "../../sim/index.ts";
import { setLang } from "../../web/i18n.ts";
import {
  DEFAULT_PEEKING_INPUTS,
  type PeekingInputs,
  parsePeekingInputs,
  peekingReading,
  runPeeking,
} from "../../web/peeking.ts";

const parse = (patch: Partial<PeekingInputs>) =>
  parsePeekingInputs({ ...DEFAULT_PEEKING_INPUTS, ...patch });

afterEach(() => setLang("en", false));

describe("the peeking lesson's fields", () => {
  it("read the defaults as the CLI's stats peeking", () => {
    expect(parse({})).toEqual({
      run: { simulations: 1000, days: 28, perArmPerDay: 500, rate: 0.1, alpha: 0.05, seed: 1 },
    });
    expect(parse({ rate: "12 %", simulations: "2,000" })).toMatchObject({
      run: { rate: 0.12, simulations: 2000 },
    });
  });
  it("name the field and the value of each bad one, in the language shown", () => {
    setLang("en", false);
    const bad = parse({ rate: "1.5", days: "0", seed: "x" });
    expect("errors" in bad && bad.errors.map((e) => e.field)).toEqual(["days", "rate", "seed"]);
    expect("errors" in bad && bad.errors[1].message).toBe(
      "Conversion rate (both arms): “1.5” — enter a share between 0 and 1 (not 0 or 1), such as 0.05, or a percentage such as 5 %",
    );
    setLang("zh", false);
    const zh = parse({ days: "2.5" });
    expect("errors" in zh && zh.errors[0].message).toBe(
      "查看次数（天）：“2.5”——请输入 1 到 365 之间的整数",
    );
  });
  it("refuse a run that would take minutes in the page", () => {
    const slow = parse({ simulations: "100000", perDay: "5000", days: "365" });
    expect("errors" in slow && slow.errors[0].field).toBe("simulations");
  });
});

describe("runPeeking", () => {
  it("is simulatePeeking for the seed to the last digit, whatever the slices", () => {
    const run = { seed: 3, simulations: 120, days: 10, perArmPerDay: 200, rate: 0.2, alpha: 0.05 };
    const expected = simulatePeeking({ random: seededRandom(3, "peeking"), ...run });
    const progress: number[] = [];
    expect(runPeeking(run, (done) => progress.push(done), 50_000)).toEqual(expected);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(120);
    expect(runPeeking(run)).toEqual(expected);
  });
  it("reads the result in one line", () => {
    const reading = peekingReading(
      {
        naiveFalsePositiveRate: 0.25,
        msprtFalsePositiveRate: 0.01,
        fixedHorizonFalsePositiveRate: 0.05,
        simulations: 1000,
        days: 28,
      },
      0.05,
    );
    expect(reading).toBe(
      "Checked every day for 28 days, the fixed-horizon test called a winner in 25.0 % of 1,000 A/A tests — 5× the 5.0 % promised; tested once at the end, 5.0 %; the always-valid p (mSPRT), checked as often, 1.0 %, within α.",
    );
  });
});
