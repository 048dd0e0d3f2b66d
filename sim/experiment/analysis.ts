import type { BlockOutcome } from "../engine/outcomes.ts";
import {
  type BlockSummary,
  COUNT,
  COUNT_FIELDS,
  mergeSummaries,
  summariseBlock,
} from "../engine/summary.ts";
import { type AbTest, type AdjustMethod, abTests } from "./ab-tests.ts";
import { metricsFor, summaryMetricValue } from "./metrics.ts";
import { type SrmCheck, srmCheck } from "./srm.ts";
import { type Survival, survivalOfSummary } from "./survival.ts";

/** How the A/B section is computed; part of a comparison spec. */
export type AnalysisOptions = {
  /** Significance level for `significant` and the intervals; default 0.05. */
  alpha?: number;
  /** Multiple-comparison adjustment across the report's tests; default "holm". */
  adjust?: AdjustMethod;
};

/** A metric of the A/B section, as listed in the report. */
export type MetricInfo = {
  id: string;
  label: string;
  kind: "proportion" | "mean";
  test: "two-proportion z" | "Welch t";
};

/** The value of every metric in one arm (null where the arm has no member to measure). */
export type ArmMetrics = { strategy: string; values: Record<string, number | null> };

/** The A/B section of a report. */
export type Analysis = {
  alpha: number;
  adjust: AdjustMethod;
  metrics: MetricInfo[];
  armMetrics: ArmMetrics[];
  tests: AbTest[];
  srm: SrmCheck;
  survival: Survival;
};

export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_ADJUST: AdjustMethod = "holm";

/**
 * Tests, sample-ratio check and survival curves from the randomised members' outcomes: a merged
 * summary of the blocks (`summary`), or the per-member outcomes themselves (`merged`).
 */
export function analyse(options: {
  merged?: BlockOutcome;
  summary?: BlockSummary;
  strategies: readonly string[];
  split: readonly number[];
  days: number;
  /** The scenario's acquisition window (days) and arrival curve: they set the retention days. */
  windowDays: number;
  curve?: readonly number[];
  analysis?: AnalysisOptions;
}): Analysis {
  const { strategies, split, days, windowDays, curve } = options;
  const arms = strategies.length;
  const summary =
    options.summary ??
    (options.merged
      ? mergeSummaries([summariseBlock(options.merged, arms, days, 0)], arms, days)
      : null);
  if (!summary) throw new Error("analyse requires a summary or the merged outcomes");
  const alpha = options.analysis?.alpha ?? DEFAULT_ALPHA;
  const adjust = options.analysis?.adjust ?? DEFAULT_ADJUST;
  const defs = metricsFor(days, windowDays, curve);
  return {
    alpha,
    adjust,
    metrics: defs.map(({ id, label, kind }) => ({
      id,
      label,
      kind,
      test: kind === "proportion" ? "two-proportion z" : "Welch t",
    })),
    armMetrics: strategies.map((strategy, arm) => ({
      strategy,
      values: Object.fromEntries(
        defs.map((def) => [def.id, summaryMetricValue(summary, arm, def)]),
      ),
    })),
    tests: abTests({ summary, strategies, metrics: defs, alpha, adjust }),
    srm: srmCheck(
      strategies.map((_, arm) => summary.counts[arm * COUNT_FIELDS + COUNT.members]),
      split,
    ),
    survival: survivalOfSummary(summary, strategies, days, alpha),
  };
}
