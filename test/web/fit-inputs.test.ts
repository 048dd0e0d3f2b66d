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

describe("the fit panel's fit at the edges (issue 9)", () => {
  it("fits a tiny log whose customers always spend the same into a population the run form takes", () => {
    const text = [
      "customer,date,amount",
      "a,2024-01-03,10",
      "a,2024-02-10,10",
      "b,2024-01-05,20",
      "b,2024-04-01,20",
      "c,2024-01-09,35",
      "c,2024-05-20,35",
      "e,2024-03-01,12",
    ].join("\n");
    const outcome = fitLog("tiny.csv", text, inputs());
    if (!outcome.fit) throw new Error(outcome.error);
    expect(outcome.population.spend.p).toBeLessThanOrEqual(1e9);
    expect(outcome.fit.bgnbd.boundary?.message).toMatch(/No evidence of drop-out in this log/);
  });

  it("returns the rows skipped before an error, by line, beside the message", () => {
    const text = "id,date,amount\na,2024-01-01,5\nb,someday,5\nc,2024-01-02,-1\nd,2024-01-03,x\n";
    const outcome = fitLog("short.csv", text, inputs());
    expect(outcome.error).toBe(
      "short.csv has only one customer; the models need a log of many customers' purchases",
    );
    expect(outcome.badRows?.examples).toEqual([
      { line: 3, kind: "unparseable date", text: "b,someday,5" },
      { line: 4, kind: "negative amount", text: "c,2024-01-02,-1" },
      { line: 5, kind: "non-numeric amount", text: "d,2024-01-03,x" },
    ]);
    const unusable = fitLog("bad.csv", "id,date\na,never\nb,later\n", inputs());
    expect(unusable.error).toMatch(/^bad\.csv has a header but no usable rows/);
    expect(unusable.badRows?.total).toBe(2);
    expect(fitLog("empty.csv", "", inputs()).badRows).toBeNull();
  });

  it("names the file, the line, the column and the value of a date it cannot read", () => {
    const outcome = fitLog(
      "dates.csv",
      "cust,purchase date\na,2024-01-05\nb,03/04/2024\n",
      inputs(),
    );
    expect(outcome.error).toBe(
      'dates.csv line 3, column "purchase date": "03/04/2024" could be day-first or month-first; pass Date format DMY or MDY',
    );
  });
});
