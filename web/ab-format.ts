import {
  type AbTest,
  type AdjustMethod,
  type ArmReport,
  CONTROL_STRATEGY,
  fmt,
  pct,
  pValue,
  type Report,
  signed as signedValue,
  vsControl,
} from "../sim/index.ts";

import { labelled, t } from "./i18n.ts";
import { adjustName } from "./terms.ts";

export { pValue };

/*
 * Cell text of the A/B panel. Missing or non-finite values read "—", never NaN or undefined.
 * Differences and p-values are formatted as in the CLI (sim/report/format.ts); the panel adds ¥
 * to means because its columns carry no unit.
 */

export type MetricKind = "proportion" | "mean";

/** The significance levels and adjustments the panel offers. */
export const ALPHAS: readonly number[] = [0.01, 0.05, 0.1];

/** The adjustments' names, in the language shown when read. */
export const ADJUST_LABELS: Record<AdjustMethod, string> = {
  get holm() {
    return adjustName("holm");
  },
  get BH() {
    return adjustName("BH");
  },
  get bonferroni() {
    return adjustName("bonferroni");
  },
  get none() {
    return adjustName("none");
  },
};

/** What the adjustment of `tests` p-values does, as a sentence for a caption. */
export function adjustSentence(adjust: AdjustMethod, tests: number): string {
  switch (adjust) {
    case "holm":
      return t(
        `p is adjusted across all ${tests} tests by Holm's step-down method, so the chance of any false "significant" in the table stays ≤ α.`,
        `p 值在全部 ${tests} 项检验上用 Holm 逐步法校正，因此表中出现任何一个假“显著”的概率不超过 α。`,
      );
    case "BH":
      return t(
        `p is adjusted across all ${tests} tests by Benjamini–Hochberg, so the expected share of false "significant" among the significant stays ≤ α.`,
        `p 值在全部 ${tests} 项检验上用 Benjamini–Hochberg 校正，因此“显著”结果中假“显著”的期望占比不超过 α。`,
      );
    case "bonferroni":
      return t(
        `p is adjusted across all ${tests} tests by Bonferroni (p × ${tests}, at most 1), so the chance of any false "significant" stays ≤ α.`,
        `p 值在全部 ${tests} 项检验上用 Bonferroni 校正（p × ${tests}，最大为 1），因此出现任何一个假“显著”的概率不超过 α。`,
      );
    default:
      return t(
        `p is not adjusted: each of the ${tests} tests is read on its own, so false "significant" verdicts add up across the table.`,
        `p 值未校正：${tests} 项检验各自单独解读，所以整张表中的假“显著”会累积。`,
      );
  }
}

const finite = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/** An arm's value: a share as a percentage, a mean in ¥. */
export function armValue(value: number | null | undefined, kind: MetricKind): string {
  if (!finite(value)) return "—";
  return kind === "proportion" ? pct(value) : `¥${fmt(value, 2)}`;
}

/** A difference with its sign: percentage points for shares, ¥ for means. */
export function signed(value: number | null | undefined, kind: MetricKind): string {
  return signedValue(value, kind, "¥");
}

/** An interval of differences, or "—" when it could not be estimated. */
export function interval(
  low: number | null | undefined,
  high: number | null | undefined,
  kind: MetricKind,
): string {
  if (!finite(low) || !finite(high)) return "—";
  return `[${signed(low, kind)}, ${signed(high, kind)}]`;
}

/** A relative lift (treatment / control − 1) as a signed percentage. */
export function lift(value: number | null | undefined): string {
  if (!finite(value)) return "—";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "";
  return `${sign}${fmt(Math.abs(value) * 100, 1)} %`;
}

/** "95 %" for α = 0.05: the confidence of the intervals. */
export function confidence(alpha: number): string {
  return `${Number(((1 - alpha) * 100).toFixed(1))} %`;
}

/** Which way a metric is better for the arm: more retention, conversion, revenue, CLV; fewer opt-outs. */
export type Better = "higher" | "lower";

/** The A/B metrics where a rise is worse for the arm (by metric id); every other metric is better higher. */
const LOWER_IS_BETTER = new Set(["opt-out"]);

export const betterWay = (metricId: string): Better =>
  LOWER_IS_BETTER.has(metricId) ? "lower" : "higher";

/**
 * A verdict FOR THE ARM. `tone` colours it by direction: `better`/`worse` when the interval rules
 * out no difference, `leans-better`/`leans-worse` when there is no interval to judge by (the
 * direction only), `unclear` when the test found no clear difference, `none` without a number.
 */
export type Tone = "better" | "worse" | "leans-better" | "leans-worse" | "unclear" | "none";
export type Verdict = { text: string; tone: Tone };

/**
 * The verdict on a difference (arm − baseline) whose better direction is `better`. `significant`
 * comes from a test with an interval; null means there is none, and the verdict says so rather
 * than claim a significance it does not have.
 */
export function verdict(
  diff: number | null | undefined,
  better: Better,
  significant: boolean | null,
): Verdict {
  if (!finite(diff)) return { text: "—", tone: "none" };
  const good = better === "higher" ? diff > 0 : diff < 0;
  if (significant === null) {
    if (diff === 0)
      return { text: t("no difference, no interval", "无差异，无区间"), tone: "unclear" };
    return good
      ? { text: t("better, no interval", "更好，无区间"), tone: "leans-better" }
      : { text: t("worse, no interval", "更差，无区间"), tone: "leans-worse" };
  }
  if (!significant || diff === 0)
    return { text: t("no clear difference", "无明显差异"), tone: "unclear" };
  return good
    ? { text: t("better, significant", "更好，显著"), tone: "better" }
    : { text: t("worse, significant", "更差，显著"), tone: "worse" };
}

/**
 * One number of the scorecard: the value, what it is measured on, its interval ("95 % CI […]", or
 * "no interval" where the report has none) and the verdict.
 */
export type ScoreCell = { value: string; detail: string; interval: string; verdict: Verdict };

/** The scorecard's metrics, in the order a strategist reads them. */
export const SCORE_METRICS = [
  labelled({ id: "revenue" }, "incremental revenue per member", "人均增量收入"),
  labelled({ id: "clvNet" }, "incremental net CLV per member", "人均增量净 CLV"),
  labelled({ id: "conversion" }, "conversion (≥ 1 purchase)", "转化（≥ 1 次购买）"),
  labelled({ id: "overMessaging" }, "members lost to over-messaging", "因过度营销流失的会员"),
  labelled({ id: "optOut" }, "members who opted out of a channel", "退订了某个渠道的会员"),
  labelled({ id: "roi" }, "incremental ROI", "增量 ROI"),
] as const;
export type ScoreMetricId = (typeof SCORE_METRICS)[number]["id"];

export type ScoreArm = {
  strategy: string;
  strategyName: string;
  baseline: boolean;
  cells: Record<ScoreMetricId, ScoreCell>;
};

export type Scorecard = {
  /** The arm every other is measured against: the `control` arm, or else the first arm. */
  baseline: string;
  baselineIsControl: boolean;
  arms: ScoreArm[];
};

const share = (count: number, members: number) => (members > 0 ? count / members : null);

/** ROI as a signed percentage: 1.5 → "+150 %". */
export function roiText(roi: number | null | undefined): string {
  if (!finite(roi)) return "—";
  return lift(roi);
}

/**
 * The scorecard of a report: per arm the few numbers a strategist decides on, each against the
 * baseline (the `control` arm when the run has one, its `vsControl` figures; else the first arm).
 * Intervals come from the report's A/B tests when they compare with the same baseline; a number
 * with no test says "no interval" and its verdict gives the direction only.
 */
export function scorecard(report: Report): Scorecard | null {
  const arms = report.arms;
  if (arms.length === 0) return null;
  const control = arms.find((a) => a.strategy === CONTROL_STRATEGY);
  const base = control ?? arms[0];
  const tests = new Map<string, AbTest>();
  for (const t of report.tests) {
    if (t.controlStrategy === base.strategy) tests.set(`${t.metric}/${t.strategy}`, t);
  }
  const level = confidence(report.alpha);
  const testOf = (metric: string, arm: ArmReport) => tests.get(`${metric}/${arm.strategy}`);
  const ci = (test: AbTest, kind: MetricKind) =>
    `${level} ${t("CI", "置信区间")} ${interval(test.ciLow, test.ciHigh, kind)}`;
  const NONE = t("no interval", "无区间");
  const ofMembers = (share: string) => t(`${share} of members`, `占会员 ${share}`);

  /** A share of members, as a difference with the test's interval when there is one. */
  const shareCell = (
    arm: ArmReport,
    metric: string | null,
    count: (a: ArmReport) => number,
    better: Better,
  ): ScoreCell => {
    const t = metric ? testOf(metric, arm) : undefined;
    if (t) {
      return {
        value: signed(t.diff, "proportion"),
        detail: ofMembers(pct(share(count(arm), arm.members))),
        interval: ci(t, "proportion"),
        verdict: verdict(t.diff, better, t.significant),
      };
    }
    const a = share(count(arm), arm.members);
    const b = share(count(base), base.members);
    const diff = a !== null && b !== null ? a - b : null;
    return {
      value: signed(diff, "proportion"),
      detail: ofMembers(pct(a)),
      interval: NONE,
      verdict: verdict(diff, better, null),
    };
  };

  const baselineCells = (arm: ArmReport): Record<ScoreMetricId, ScoreCell> => {
    const is = { text: t("baseline", "基线"), tone: "none" } as const;
    const cell = (value: string, detail: string): ScoreCell => ({
      value,
      detail,
      interval: "",
      verdict: is,
    });
    return {
      revenue: cell(armValue(arm.revenuePerMember, "mean"), t("revenue per member", "人均收入")),
      clvNet: cell(armValue(arm.clvNetPerMember, "mean"), t("net CLV per member", "人均净 CLV")),
      conversion: cell(pct(share(arm.converted, arm.members)), t("of members", "占会员")),
      overMessaging: cell(
        pct(share(arm.churn.overMessaging, arm.members)),
        t("of members", "占会员"),
      ),
      optOut: cell(pct(share(arm.optOuts, arm.members)), t("of members", "占会员")),
      roi: cell(
        roiText(arm.roi),
        t("plain ROI (counts baseline revenue)", "普通 ROI（含基线收入）"),
      ),
    };
  };

  const cells = (arm: ArmReport): Record<ScoreMetricId, ScoreCell> => {
    const v = (control ? arm.vsControl : null) ?? vsControl(arm, base);
    const revenueTest = testOf("revenue", arm);
    const clvTest = testOf("clv", arm);
    // The test of own revenue judges incremental revenue when both point the same way; the
    // incremental figure also counts referred members' revenue, which the test does not.
    const revenueSignificant = revenueTest
      ? revenueTest.significant && Math.sign(revenueTest.diff ?? 0) === Math.sign(v?.revenue ?? 0)
      : null;
    const test = (ab: AbTest | undefined, what: string, whatZh: string) =>
      ab
        ? t(
            `A/B test of ${what}: ${signed(ab.diff, "mean")}, ${ab.significant ? "significant" : "not significant"}`,
            `${whatZh}的 A/B 检验：${signed(ab.diff, "mean")}，${ab.significant ? "显著" : "不显著"}`,
          )
        : t(`no A/B test of ${what}`, `没有${whatZh}的 A/B 检验`);
    return {
      revenue: {
        value: signed(v?.revenue, "mean"),
        detail: test(revenueTest, "own revenue", "本人收入"),
        interval: revenueTest ? ci(revenueTest, "mean") : NONE,
        verdict: verdict(v?.revenue, "higher", revenueSignificant),
      },
      clvNet: {
        value: signed(v?.clvNet, "mean"),
        // Net CLV has no test of its own: the gross CLV test is context, not its interval.
        detail: `${test(clvTest, "gross CLV", "毛 CLV ")}${clvTest ? ` ${interval(clvTest.ciLow, clvTest.ciHigh, "mean")}` : ""}`,
        interval: t(`${NONE} for net CLV`, `净 CLV ${NONE}`),
        verdict: verdict(v?.clvNet, "higher", null),
      },
      conversion: shareCell(arm, "conversion", (a) => a.converted, "higher"),
      overMessaging: shareCell(arm, null, (a) => a.churn.overMessaging, "lower"),
      optOut: shareCell(arm, "opt-out", (a) => a.optOuts, "lower"),
      roi:
        v && v.roi !== null
          ? {
              value: roiText(v.roi),
              detail: t(
                `on ${signed(v.cost, "mean")} extra cost per member`,
                `人均额外成本 ${signed(v.cost, "mean")}`,
              ),
              interval: NONE,
              verdict: verdict(v.roi, "higher", null),
            }
          : {
              value: "—",
              detail: t(
                "no extra cost over the baseline, so no return on it",
                "相对基线没有额外成本，因此无从计算回报",
              ),
              interval: NONE,
              verdict: { text: "—", tone: "none" },
            },
    };
  };

  return {
    baseline: base.strategy,
    baselineIsControl: control !== undefined,
    arms: arms.map((arm) => ({
      strategy: arm.strategy,
      strategyName: arm.strategyName,
      baseline: arm === base,
      cells: arm === base ? baselineCells(arm) : cells(arm),
    })),
  };
}
