import { armSample, type BlockSummary } from "../engine/summary.ts";
import { pAdjust } from "../stats/index.ts";
import { type Comparison, compareProportions, compareSamples } from "./compare-arms.ts";
import { type MetricDef, summaryProportion } from "./metrics.ts";

/** How p-values are adjusted across the tests of a report. */
export type AdjustMethod = "holm" | "BH" | "bonferroni" | "none";
export const ADJUST_METHODS: readonly AdjustMethod[] = ["holm", "BH", "bonferroni", "none"];

/** One metric, one arm against the first arm: what the A/B table shows. */
export type AbTest = Comparison & {
  metric: string;
  /** Index of the treatment arm (the control is arm 0). */
  arm: number;
  strategy: string;
  controlStrategy: string;
  /** p adjusted across every test of the report (metrics × arms). */
  pAdjusted: number;
  /** pAdjusted < alpha. */
  significant: boolean;
};

/**
 * Every metric for every arm against the first: two-proportion z-tests for shares (retention at
 * day D among members observed at least D days, conversion, opt-out) and Welch t-tests for means
 * (own revenue, CLV), with p adjusted across all of them by `adjust` (Holm by default: the
 * family-wise error over metrics and arms stays at alpha).
 */
export function abTests(options: {
  summary: BlockSummary;
  strategies: readonly string[];
  metrics: readonly MetricDef[];
  alpha: number;
  adjust: AdjustMethod;
}): AbTest[] {
  const { summary, strategies, metrics, alpha, adjust } = options;
  const raw: Omit<AbTest, "pAdjusted" | "significant">[] = [];
  for (const metric of metrics) {
    const counts =
      metric.kind === "proportion"
        ? strategies.map((_, arm) => summaryProportion(summary, arm, metric))
        : [];
    const population =
      metric.kind === "proportion" ? counts.reduce((s, c) => s + c.n, 0) : summary.count;
    for (let arm = 1; arm < strategies.length; arm++) {
      const comparison =
        metric.kind === "proportion"
          ? compareProportions({
              x1: counts[0].x,
              n1: counts[0].n,
              x2: counts[arm].x,
              n2: counts[arm].n,
              population,
              alpha,
            })
          : compareSamples({
              a: armSample(summary, 0, metric.of),
              b: armSample(summary, arm, metric.of),
              population,
              alpha,
            });
      raw.push({
        metric: metric.id,
        arm,
        strategy: strategies[arm],
        controlStrategy: strategies[0],
        ...comparison,
      });
    }
  }
  if (raw.length === 0) return [];
  const p = raw.map((t) => t.p);
  const adjusted = adjust === "none" ? p : pAdjust(p, { method: adjust });
  return raw.map((t, k) => ({
    ...t,
    pAdjusted: adjusted[k],
    significant: adjusted[k] < alpha,
  }));
}
