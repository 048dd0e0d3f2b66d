import { describe, expect, it } from "vitest";
import { fingerprint } from "./fingerprint.ts";
import expected from "./fixtures/neutral-fingerprint.json" with { type: "json" };
import { builtinStrategy, NEUTRAL, scenario } from "./helpers.ts";

describe("the new mechanisms switched off", () => {
  for (const id of ["control", "t-plus-7", "scenario-nurture"] as const) {
    it(`reproduce the engine before them bit for bit under ${id}`, () => {
      const run = fingerprint({
        scenario: scenario(NEUTRAL),
        strategies: [builtinStrategy(id)],
        members: 20_000,
        days: 365,
        seed: 2024,
      });
      expect(run).toBe(expected[id]);
    });
  }

  it("reproduce the engine before them with three randomised arms", () => {
    const run = fingerprint({
      scenario: scenario(NEUTRAL),
      strategies: ["control", "t-plus-7", "scenario-nurture"].map(builtinStrategy),
      members: 30_000,
      days: 300,
      seed: 7,
    });
    expect(run).toBe(expected["three-arms"]);
  });
});
