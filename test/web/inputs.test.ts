import { describe, expect, it } from "vitest";
import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtin.ts";
import { defaultInputs, parseInputs, type RunInputs } from "../../web/inputs.ts";

const inputs = (patch: Partial<RunInputs> = {}): RunInputs => ({ ...defaultInputs(4), ...patch });

const messages = (patch: Partial<RunInputs>) => {
  const parsed = parseInputs(inputs(patch));
  return "errors" in parsed ? parsed.errors.map((e) => e.message) : [];
};

describe("the dashboard's run form", () => {
  it("defaults to the first built-in scenario, t-plus-7 vs scenario-nurture, 100,000 members, 365 days, seed 1", () => {
    const parsed = parseInputs(inputs());
    if (!("request" in parsed)) throw new Error("the defaults should be valid");
    const { spec, workers } = parsed.request;
    expect(spec.scenario.id).toBe(BUILTIN_SCENARIOS[0].id);
    expect(spec.strategies.map((s) => s.id)).toEqual(["t-plus-7", "scenario-nurture"]);
    expect([spec.members, spec.days, spec.seed, workers]).toEqual([100_000, 365, 1, 4]);
  });

  it("accepts whole numbers typed with thousands separators", () => {
    const parsed = parseInputs(inputs({ members: "1,000,000", seed: " 42 " }));
    expect("request" in parsed && [parsed.request.spec.members, parsed.request.spec.seed]).toEqual([
      1_000_000, 42,
    ]);
  });

  it.each(["0", "-5", "NaN", "2000001", "12.5", "1e5", "abc", "1,00"])(
    "names the field and value of members %j",
    (members) => {
      expect(messages({ members })).toEqual([
        `invalid members: ${members} — enter a whole number from 1 to 2,000,000`,
      ]);
    },
  );

  it("says an empty field is empty", () => {
    expect(messages({ days: "  " })).toEqual([
      "invalid days: (empty) — enter a whole number from 1 to 3,650",
    ]);
  });

  it("reports every bad field at once", () => {
    expect(messages({ members: "0", days: "4000", seed: "-1", workers: "0" })).toHaveLength(4);
  });

  it("rejects a comparison with fewer than two strategies", () => {
    expect(messages({ arms: ["control"] })).toEqual([
      "a comparison requires at least two strategies, got 1",
    ]);
  });
});
