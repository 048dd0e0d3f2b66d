import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { agrees, disagreements, runCase, runCases } from "../../sim/stats/index.ts";

// The project's copy of the shared reference set (SciPy 1.10.1 / R 4.2); see test/reference/README.md.
const reference = JSON.parse(readFileSync("test/reference/stats.json", "utf8")) as {
  cases: { id: string; test: string; input: unknown; expect: Record<string, unknown> }[];
};

describe("reference cases", () => {
  it("covers every test of the reference README", () => {
    const tests = new Set(reference.cases.map((c) => c.test));
    expect([...tests].sort()).toEqual(
      [
        "bgnbd",
        "chi-square-gof",
        "gamma-gamma",
        "kaplan-meier",
        "log-rank",
        "mann-whitney",
        "p-adjust",
        "power-two-means",
        "power-two-proportions",
        "two-proportion",
        "welch-t",
      ].sort(),
    );
  });

  it.each(reference.cases.map((c, i) => [c.id, i] as const))(
    "agrees with reference case %s",
    (_id, i) => {
      const result = runCase(reference.cases[i], i);
      expect(result).not.toHaveProperty("error");
      if ("output" in result)
        expect(disagreements(result.output, reference.cases[i].expect)).toEqual([]);
    },
  );

  it("agrees with every reference case in one run, in order", () => {
    const results = runCases(reference);
    expect(results.map((r) => r.id)).toEqual(reference.cases.map((c) => c.id));
    const agreeing = results.filter(
      (r, i) => "output" in r && disagreements(r.output, reference.cases[i].expect).length === 0,
    );
    expect(agreeing.length).toBe(reference.cases.length);
  });
});

describe("the agreement rule", () => {
  it("accepts |got − want| ≤ 1e-9 + 1e-6·|want| and nothing wider", () => {
    expect(agrees(1000.0009, 1000, "nPerArm")).toBe(true);
    expect(agrees(1000.0011, 1000, "nPerArm")).toBe(false);
    expect(agrees(5e-10, 0, "diff")).toBe(true);
  });

  it("compares p-values below 1e-8 on the log scale", () => {
    expect(agrees(1.0009e-20, 1e-20, "p")).toBe(true);
    expect(agrees(1.002e-20, 1e-20, "p")).toBe(false);
    expect(agrees(0, 1e-20, "p")).toBe(false);
  });

  it("accepts a p-value want of exactly 0 only for a got below 1e-300", () => {
    expect(agrees(1e-310, 0, "p")).toBe(true);
    expect(agrees(0, 0, "p")).toBe(true);
    expect(agrees(1e-299, 0, "p")).toBe(false);
  });

  it("compares arrays element by element and requires the same length", () => {
    expect(agrees([1, 2], [1, 2], "adjusted")).toBe(true);
    expect(agrees([1, 2], [1, 2, 3], "adjusted")).toBe(false);
    expect(agrees([1, 2.1], [1, 2], "survival")).toBe(false);
  });

  it("reports a missing key as a disagreement", () => {
    expect(disagreements({ z: 1 }, { z: 1, p: 0.3 })).toEqual(["p: missing"]);
  });
});

describe("the case registry", () => {
  it("turns a malformed case into an error and keeps its id", () => {
    expect(runCase({ id: "x", test: "two-proportion", input: { x1: "a" } }, 0)).toEqual({
      id: "x",
      error: 'invalid input.x1: "a" (expected a number)',
    });
  });

  it("turns an impossible case into an error", () => {
    const result = runCase(
      { id: "y", test: "two-proportion", input: { x1: 12, n1: 10, x2: 1, n2: 10 } },
      0,
    );
    expect(result).toEqual({
      id: "y",
      error: "two-proportion test requires x1 <= n1, got x1 12 > n1 10",
    });
  });

  it("names the known tests when the test is unknown", () => {
    const result = runCase({ id: "z", test: "anova", input: {} }, 0);
    expect("error" in result && result.error).toMatch(
      /^invalid test: "anova"; known tests: two-proportion, /,
    );
  });

  it("gives an id to a case without one", () => {
    expect(runCase(42, 3)).toEqual({
      id: "case 4",
      error: "invalid cases[3]: 42 (expected an object)",
    });
  });
});
