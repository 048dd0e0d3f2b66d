import type { BlockOutcome } from "../engine/outcomes.ts";
import type { BlockSummary } from "../engine/summary.ts";
import type { AbTest } from "./ab-tests.ts";
import type { ArmMetrics } from "./analysis.ts";
import { metricsFor, metricValue, summaryMetricValue } from "./metrics.ts";

/** One A/B estimate beside the true average effect on the same population. */
export type PairedEffect = {
  metric: string;
  arm: number;
  strategy: string;
  /**
   * Mean over every member of the metric under this arm minus under the first arm (retention at
   * day D: over the members observed at least D days); null when no member is measured.
   */
  truth: number | null;
  /** The randomised test's diff and intervals (from `tests`). */
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  sampleCiLow: number | null;
  sampleCiHigh: number | null;
  /** Whether the interval for this population's effect contains the truth; null without either. */
  covered: boolean | null;
  /** Whether the usual interval (for the effect in the population drawn from) contains it. */
  ciCovered: boolean | null;
};

export type PairedSection = {
  /** Every metric with the whole population under each arm. */
  arms: ArmMetrics[];
  effects: PairedEffect[];
};

/** The metrics of a run with every member in one arm (`runUnderArm`). */
export function populationMetrics(
  outcome: BlockOutcome,
  strategy: string,
  days: number,
  windowDays: number,
  curve?: readonly number[],
): ArmMetrics {
  const everyone = new Uint32Array(outcome.count);
  for (let i = 0; i < everyone.length; i++) everyone[i] = i;
  return {
    strategy,
    values: Object.fromEntries(
      metricsFor(days, windowDays, curve).map((def) => [
        def.id,
        metricValue(outcome, everyone, def, days),
      ]),
    ),
  };
}

/** `populationMetrics` from the merged summary of a run with every member in arm `arm`. */
export function populationMetricsOfSummary(
  summary: BlockSummary,
  arm: number,
  strategy: string,
  days: number,
  windowDays: number,
  curve?: readonly number[],
): ArmMetrics {
  return {
    strategy,
    values: Object.fromEntries(
      metricsFor(days, windowDays, curve).map((def) => [
        def.id,
        summaryMetricValue(summary, arm, def),
      ]),
    ),
  };
}

/**
 * The true effects beside the tests. Because a member is the same person under every arm, the
 * truth is the finite-population average effect, which the randomised estimate targets; for
 * two identical arms it is exactly 0.
 */
export function pairedSection(tests: readonly AbTest[], arms: ArmMetrics[]): PairedSection {
  const effects = tests.map((t): PairedEffect => {
    const treated = arms[t.arm]?.values[t.metric];
    const control = arms[0]?.values[t.metric];
    const truth =
      treated === null || treated === undefined || control === null || control === undefined
        ? null
        : treated - control;
    return {
      metric: t.metric,
      arm: t.arm,
      strategy: t.strategy,
      truth,
      estimate: t.diff,
      ciLow: t.ciLow,
      ciHigh: t.ciHigh,
      sampleCiLow: t.sampleCiLow,
      sampleCiHigh: t.sampleCiHigh,
      covered: contains(t.sampleCiLow, t.sampleCiHigh, truth),
      ciCovered: contains(t.ciLow, t.ciHigh, truth),
    };
  });
  return { arms, effects };
}

function contains(low: number | null, high: number | null, value: number | null): boolean | null {
  return low === null || high === null || value === null ? null : low <= value && value <= high;
}
