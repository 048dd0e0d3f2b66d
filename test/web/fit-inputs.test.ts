import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtin.ts";
import { DEFAULT_FIT_INPUTS, type FitInputs, fitLog, panelMessage } from "../../web/fit-inputs.ts";
import { defaultInputs, parseInputs } from "../../web/inputs.ts";

const CDNOW = readFileSync("data/cdnow/CDNOW_sample.txt", "utf8");
const inputs = (patch: Partial<FitInputs> = {}): FitInputs => ({ ...DEFAULT_FIT_INPUTS, ...patch });

describe("the fit panel's fit", () => {
  it("fits CDNOW_sample.txt and makes a complete scenario spanning the log, which the run form accepts", () => {
    const outcome = fitLog(
      "CDNOW_sample.txt",
      CDNOW,
      inputs({ columns: "2,3,5", calibrationEnd: "1997-09-30" }),
    );
    if (!outcome.fit) throw new Error(outcome.error);
    expect(outcome.fit.bgnbd.params.r).toBeCloseTo(0.2426, 4);
    const { population } = outcome;
    expect(population.id).toBe("fitted-cdnow-sample");
    expect(population.horizonDays).toBe(546);
    expect(population.members).toBe(100_000);
    expect(population.purchase.alpha).toBeCloseTo(4.4136 * 7, 2);
    const parsed = parseInputs({ ...defaultInputs(1), scenario: population.id }, [
      ...BUILTIN_SCENARIOS,
      population,
    ]);
    expect("request" in parsed && parsed.request.spec.scenario).toBe(population);
    expect(parseInputs({ ...defaultInputs(1), scenario: population.id })).toEqual({
      errors: [{ field: "scenario", message: "invalid scenario: fitted-cdnow-sample" }],
    });
  });

  it.each([
    ["", inputs(), "log.csv is empty; give a log with one row per purchase"],
    [CDNOW, inputs(), "log.csv has no header and 5 columns; pass Columns id,date,amount"],
    [CDNOW, inputs({ columns: "2,3,9" }), 'invalid Columns: "2,3,9"; column 9 is outside 1–5'],
    [CDNOW, inputs({ columns: "2,3,5", calibrationEnd: "1997-13-01" }), "invalid calibration end"],
    [
      CDNOW,
      inputs({ columns: "2,3,5", calibrationEnd: "2010-01-01" }),
      "Calibration end 2010-01-01 is 4203 days after the last purchase",
    ],
    ["id,date\na,03/04/1997\n", inputs(), "pass Date format DMY or MDY"],
  ])("refuses %#: %s with a message in the panel's words", (text, options, message) => {
    const outcome = fitLog("log.csv", text, options);
    expect(outcome.error).toContain(message);
    expect(outcome.error).not.toContain("--");
  });

  it("names the panel's fields where the core names the CLI's options", () => {
    expect(panelMessage("pass --date-format DMY or --date-format MDY")).toBe(
      "pass Date format DMY or MDY",
    );
    expect(panelMessage("pass a later --calibration-end or a longer log")).toBe(
      "pass a later Calibration end or a longer log",
    );
  });
});
