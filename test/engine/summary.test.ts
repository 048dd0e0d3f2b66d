import { describe, expect, it } from "vitest";
import { maxRules, simulateBlock } from "../../sim/engine/block.ts";
import { mergeBlocks } from "../../sim/engine/merge.ts";
import {
  armSample,
  COUNT,
  COUNT_FIELDS,
  mergeRuns,
  mergeSummaries,
} from "../../sim/engine/summary.ts";
import {
  membersByArm,
  metricsFor,
  proportionCounts,
  summaryProportion,
} from "../../sim/experiment/metrics.ts";
import { seededRandom } from "../../sim/random.ts";
import { jobsFor, prepare, reportFor, summaryOf } from "../../sim/run.ts";
import { builtinScenario, builtinStrategy } from "./helpers.ts";

const spec = {
  scenario: builtinScenario("knowledge-course"),
  strategies: ["control", "t-plus-7", "scenario-nurture"].map(builtinStrategy),
  members: 30_000,
  days: 365,
  seed: 11,
};

describe("block summaries", () => {
  const prepared = prepare(spec);
  const blocks = jobsFor(prepared).map((job) =>
    simulateBlock(prepared.tables, prepared.plans, job),
  );
  const summaries = blocks.map((b) => summaryOf(prepared, b));
  const arms = prepared.plans.length;

  it("merge to the same summary whatever order the blocks arrive in", () => {
    const inOrder = mergeSummaries(summaries, arms, spec.days);
    const shuffled = mergeSummaries([...summaries].reverse(), arms, spec.days);
    expect(shuffled).toEqual(inOrder);
    // And a report from summaries is the report from the simulated blocks themselves.
    expect(JSON.stringify(reportFor(prepared, [...summaries].reverse()))).toBe(
      JSON.stringify(reportFor(prepared, blocks)),
    );
  });

  it("hold what the per-member outcomes give: counts, sorted values, means", () => {
    const summary = mergeSummaries(summaries, arms, spec.days);
    const merged = mergeBlocks(blocks, arms, spec.days, maxRules(prepared.plans));
    const members = membersByArm(merged, arms);
    const { windowDays, curve } = spec.scenario.acquisition;
    for (let arm = 0; arm < arms; arm++) {
      expect(summary.counts[arm * COUNT_FIELDS + COUNT.members]).toBe(members[arm].length);
      for (const metric of metricsFor(spec.days, windowDays, curve)) {
        if (metric.kind !== "proportion") continue;
        expect(summaryProportion(summary, arm, metric), `${metric.id}, arm ${arm}`).toEqual(
          proportionCounts(merged, members[arm], metric, spec.days),
        );
      }
      for (const of of ["revenue", "clv"] as const) {
        const values = Float64Array.from(members[arm], (i) => merged[of][i]);
        const sample = armSample(summary, arm, of);
        expect(sample.sorted).toEqual(values.slice().sort());
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
        expect(sample.mean).toBeCloseTo(mean, 9);
        expect(sample.variance / variance).toBeCloseTo(1, 12);
      }
    }
  });

  it("merge sorted runs into one sorted array", () => {
    const runs = [[3, 5, 9], [], [1, 5], [2, 2, 10, 11], [0]].map((r) => Float64Array.from(r));
    expect(Array.from(mergeRuns(runs))).toEqual([0, 1, 2, 2, 3, 5, 5, 9, 10, 11]);
    expect(mergeRuns([])).toHaveLength(0);
  });

  it("merge runs with negatives, many zeros and ties as a sort of all their values would", () => {
    const random = seededRandom(12, "merge-runs");
    for (let trial = 0; trial < 50; trial++) {
      const runs = Array.from({ length: 1 + Math.floor(random() * 9) }, () => {
        const run = Float64Array.from({ length: Math.floor(random() * 40) }, () => {
          const u = random();
          return u < 0.5 ? 0 : u < 0.6 ? -Math.floor(random() * 5) : Math.floor(random() * 8);
        });
        return run.sort();
      });
      const all = Float64Array.from(runs.flatMap((r) => Array.from(r))).sort();
      expect(Array.from(mergeRuns(runs))).toEqual(Array.from(all));
      // In any order of the runs.
      expect(Array.from(mergeRuns(runs.slice().reverse()))).toEqual(Array.from(all));
    }
  });
});
