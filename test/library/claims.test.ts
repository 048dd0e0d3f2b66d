import { describe, expect, it } from "vitest";
import type { ArmReport } from "../../sim/report/arm-report.ts";
import { runComparisonHere } from "../../sim/run.ts";
import { builtinScenario, builtinStrategy } from "../engine/helpers.ts";

// The claims of the source articles (issue 10), each over many replications (seeds): the mean
// difference and its standard error over replications, and the claim holds when the mean lies
// beyond 2.5 standard errors in its direction.

type Replicated = { mean: number; se: number; values: number[] };
type Setup = {
  scenario: string;
  arms: string[];
  members: number;
  days: number;
  replications: number;
};

/** Runs the replications once (seeds 1…R) and measures them as often as a test asks. */
function replications(setup: Setup): (measure: (arms: ArmReport[]) => number) => Replicated {
  let runs: ArmReport[][] | null = null;
  return (measure) => {
    runs ??= Array.from(
      { length: setup.replications },
      (_, k) =>
        runComparisonHere({
          scenario: builtinScenario(setup.scenario),
          strategies: setup.arms.map(builtinStrategy),
          members: setup.members,
          days: setup.days,
          seed: k + 1,
        }).arms,
    );
    const values = runs.map(measure);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
    return { mean, se: Math.sqrt(variance / values.length), values };
  };
}

const positive = (r: Replicated) => r.mean - 2.5 * r.se;
const perMember = (a: ArmReport, value: number) => value / a.members;

describe("seed 004 in knowledge-course: t-plus-7 against scenario-nurture, 30 replications", () => {
  const measured = replications({
    scenario: "knowledge-course",
    arms: ["t-plus-7", "scenario-nurture"],
    members: 20_000,
    days: 180,
    replications: 30,
  });
  const run = (measure: (t: ArmReport, n: ArmReport) => number) =>
    measured(([t, n]) => measure(t, n));

  it("t-plus-7 converts more members by day 10", () => {
    const r = run(
      (t, n) => (t.conversionBySinceJoin[10] ?? 0) - (n.conversionBySinceJoin[10] ?? 0),
    );
    expect(positive(r)).toBeGreaterThan(0);
  });

  it("but loses more members to over-messaging", () => {
    const r = run(
      (t, n) => perMember(t, t.churn.overMessaging) - perMember(n, n.churn.overMessaging),
    );
    expect(positive(r)).toBeGreaterThan(0);
  });

  it("and has the lower 180-day CLV", () => {
    const r = run((t, n) => n.clvPerMember - t.clvPerMember);
    expect(positive(r)).toBeGreaterThan(0);
  });
});

describe("seed 001 in hero-product: revenue concentrates under rfm-layered-offers, 20 replications", () => {
  it("the top 20 % of members bring 65–92 % of revenue", () => {
    const r = replications({
      scenario: "hero-product",
      arms: ["rfm-layered-offers"],
      members: 20_000,
      days: 365,
      replications: 20,
    })(([arm]) => arm.revenueShareTop["20"]);
    for (const share of r.values) {
      expect(share).toBeGreaterThanOrEqual(0.65);
      expect(share).toBeLessThanOrEqual(0.92);
    }
  });
});

describe("seeds 002 and 003: koc-programme against control in knowledge-course, 20 replications", () => {
  const measured = replications({
    scenario: "knowledge-course",
    arms: ["control", "koc-programme"],
    members: 20_000,
    days: 365,
    replications: 20,
  });
  const run = (measure: (c: ArmReport, k: ArmReport) => number) =>
    measured(([c, k]) => measure(c, k));

  it("brings more referred revenue per member", () => {
    const r = run((c, k) => perMember(k, k.referredRevenue) - perMember(c, c.referredRevenue));
    expect(positive(r)).toBeGreaterThan(0);
  });

  it("raises CLV, which counts the referred members' revenue", () => {
    const r = run((c, k) => k.clvPerMember - c.clvPerMember);
    expect(positive(r)).toBeGreaterThan(0);
  });
});
