import { type ArmReport, fmt, type Report } from "../sim/index.ts";
import { t } from "./i18n.ts";

/** A way a run's result may mislead, in the language shown. */
export type Warning = { id: string; text: string };

/** Below this many members in an arm, the tests' normal approximations are not to be relied on. */
export const TINY_ARM = 1000;
/** Fewer events than this in two arms together (buyers, opt-outs) make their interval unreliable. */
export const FEW_EVENTS = 10;
/** The retention days a strategist reads first; a horizon too short for one leaves it untested. */
export const HEADLINE_RETENTION_DAYS = [30, 90];

/**
 * Where the report of a run may mislead: tiny arms, rare events, retention days the horizon is too
 * short to test. Each names the numbers that trigger it and what to do. (A sample-ratio mismatch
 * has its own banner, rl-srm-banner, above every other result.)
 */
export function warningsFor(report: Report): Warning[] {
  const warnings: Warning[] = [];
  const smallest = report.arms.reduce((min, arm) => Math.min(min, arm.members), Infinity);
  if (smallest < TINY_ARM) {
    warnings.push({
      id: "tiny-arm",
      text: t(
        `Tiny arms: the smallest has ${fmt(smallest)} members (under ${fmt(TINY_ARM)}). Intervals and p-values rest on large-sample approximations and can be far off; run more members.`,
        `组太小：最小的一组只有 ${fmt(smallest)} 名会员（少于 ${fmt(TINY_ARM)}）。区间和 p 值依赖大样本近似，可能偏差很大；请增加会员数。`,
      ),
    });
  }
  const [baseline, ...others] = report.arms;
  for (const [id, count, en, zh] of [
    ["few-buyers", (a: ArmReport) => a.converted, "buyers", "购买会员"],
    ["few-opt-outs", (a: ArmReport) => a.optOuts, "opt-outs", "退订"],
  ] as const) {
    // A comparison with few events in both arms together has an unreliable interval; zero in the
    // baseline alone (a control that never messages opts nobody out) is not a problem.
    const rare = others.filter((arm) => count(arm) + count(baseline) < FEW_EVENTS);
    if (rare.length === 0) continue;
    warnings.push({
      id,
      text: t(
        `Rare events: ${rare.map((a) => `${a.strategy} and ${baseline.strategy} have ${fmt(count(a) + count(baseline))} ${en} together`).join("; ")} (under ${FEW_EVENTS}); that comparison's interval is unreliable.`,
        `事件太少：${rare.map((a) => `${a.strategy} 与 ${baseline.strategy} 合计只有 ${fmt(count(a) + count(baseline))} 个${zh}`).join("；")}（少于 ${FEW_EVENTS}）；该比较的区间不可靠。`,
      ),
    });
  }
  const tested = new Set(report.metrics.map((m) => m.id));
  const missing = HEADLINE_RETENTION_DAYS.filter((day) => !tested.has(`retention-d${day}`));
  if (missing.length > 0) {
    const days = missing.join(", ");
    warnings.push({
      id: "horizon",
      text: t(
        `Retention at day ${days} is not tested: over a horizon of ${report.days} days, fewer than half of the members are observed that long. Run more days to test it.`,
        `第 ${days} 天留存未做检验：在 ${report.days} 天的时长内，被观察到这么久的会员不到一半。请延长天数。`,
      ),
    });
  }
  return warnings;
}
