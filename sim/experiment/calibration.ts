import type { Strategy } from "../../strategies/types.ts";
import type { Scenario } from "../scenario/normalize.ts";
import { runExperiment } from "./run-experiment.ts";

/** What a calibration run simulates: one scenario, a small population, many seeds, in this thread. */
export type CalibrationOptions = {
  scenario: Scenario;
  members: number;
  days: number;
  replications: number;
  /** First seed; replications use seed, seed + 1, … */
  seed: number;
  alpha?: number;
};

/** Per metric, how often an A/A test (one strategy in both arms) rejected at alpha, unadjusted. */
export type FalsePositiveRow = { metric: string; label: string; rate: number; rejections: number };

/**
 * Runs `strategy` against itself for every seed and counts unadjusted p < alpha per metric: the
 * false-positive rate, which should be alpha. A metric with no variation in either arm (opt-outs
 * without messages) has p = 1 by definition and a rate of 0.
 */
export async function falsePositiveRates(
  options: CalibrationOptions & { strategy: Strategy },
): Promise<FalsePositiveRow[]> {
  const { scenario, members, days, replications, seed, strategy, alpha = 0.05 } = options;
  const report = await runExperiment(
    {
      scenario,
      strategies: [strategy, strategy],
      members,
      days,
      seed,
      analysis: { alpha, adjust: "none" },
    },
    { workers: 0, replications },
  );
  const labels = new Map(report.metrics.map((m) => [m.id, m.label]));
  return (report.replications?.effects ?? []).map((e) => ({
    metric: e.metric,
    label: labels.get(e.metric) ?? e.metric,
    rate: e.significantShare,
    rejections: Math.round(e.significantShare * replications),
  }));
}

/** Per metric, how often the intervals contained the paired truth of their own population. */
export type CoverageRow = {
  metric: string;
  label: string;
  /** The interval for the population's own effect (sampleCiLow…sampleCiHigh). */
  coverage: number | null;
  /** The usual interval (ciLow…ciHigh), which targets the effect in the population drawn from. */
  ciCoverage: number | null;
  /** The usual interval against the mean truth over all replications (the population-level effect). */
  populationCoverage: number | null;
  truth: number | null;
  /** Share of replications significant at alpha, unadjusted: the power. */
  power: number;
};

/** Runs `strategies` (control first) paired for every seed and measures the intervals' coverage. */
export async function coverageOfTruth(
  options: CalibrationOptions & { strategies: [Strategy, Strategy] },
): Promise<CoverageRow[]> {
  const { scenario, members, days, replications, seed, strategies, alpha = 0.05 } = options;
  const intervals: { low: number | null; high: number | null }[][] = [];
  const report = await runExperiment(
    { scenario, strategies, members, days, seed, analysis: { alpha, adjust: "none" } },
    {
      workers: 0,
      replications,
      paired: true,
      onReport: (r) => intervals.push(r.tests.map((t) => ({ low: t.ciLow, high: t.ciHigh }))),
    },
  );
  const labels = new Map(report.metrics.map((m) => [m.id, m.label]));
  return (report.replications?.effects ?? []).map((e, k) => {
    const truth = e.truth?.mean ?? null;
    const judged = intervals.filter(({ [k]: ci }) => ci.low !== null && ci.high !== null);
    const inside = judged.filter(
      ({ [k]: ci }) => truth !== null && (ci.low ?? 0) <= truth && truth <= (ci.high ?? 0),
    );
    return {
      metric: e.metric,
      label: labels.get(e.metric) ?? e.metric,
      coverage: e.coverage ?? null,
      ciCoverage: e.ciCoverage ?? null,
      populationCoverage:
        truth === null || judged.length === 0 ? null : inside.length / judged.length,
      truth,
      power: e.significantShare,
    };
  });
}
