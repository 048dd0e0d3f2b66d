import type { BlockOutcome } from "../engine/outcomes.ts";
import { type AbTest, type AdjustMethod, abTests } from "./ab-tests.ts";
import { membersByArm, metricsFor, metricValue } from "./metrics.ts";
import { type SrmCheck, srmCheck } from "./srm.ts";
import { type Survival, survivalByArm } from "./survival.ts";

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

/** Tests, sample-ratio check and survival curves from the randomised members' outcomes. */
export function analyse(options: {
  merged: BlockOutcome;
  strategies: readonly string[];
  split: readonly number[];
  days: number;
  /** The scenario's acquisition window (days) and arrival curve: they set the retention days. */
  windowDays: number;
  curve?: readonly number[];
  analysis?: AnalysisOptions;
}): Analysis {
  const { merged, strategies, split, days, windowDays, curve } = options;
  const alpha = options.analysis?.alpha ?? DEFAULT_ALPHA;
  const adjust = options.analysis?.adjust ?? DEFAULT_ADJUST;
  const members = membersByArm(merged, strategies.length);
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
        defs.map((def) => [def.id, metricValue(merged, members[arm], def, days)]),
      ),
    })),
    tests: abTests({ merged, members, strategies, metrics: defs, days, alpha, adjust }),
    srm: srmCheck(
      members.map((list) => list.length),
      split,
    ),
    survival: survivalByArm({ merged, members, strategies, days, alpha }),
  };
}
