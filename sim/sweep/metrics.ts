import type { ArmReport } from "../report/arm-report.ts";
import { CONTROL_STRATEGY } from "../report/arm-report.ts";
import type { Report } from "../report/report.ts";

/**
 * A headline metric of a sweep job, one number per arm from the ArmReport. `better` says which
 * direction wins for the arm (null: not compared, e.g. the arm's size).
 */
export type SweepMetric = {
  id: string;
  label: string;
  better: "higher" | "lower" | null;
  /** How a difference prints: shares in percentage points, money in ¥, counts and ratios plain. */
  kind: "share" | "money" | "count" | "ratio";
  value: (arm: ArmReport) => number | null;
};

const per = (a: ArmReport, v: number) => (a.members > 0 ? v / a.members : null);

/**
 * The stable column set of points.csv, in order: members, conversion, retention at each day the
 * A/B section tests for the spec's scenario and days (day 30, 90, days − window, each observed on at
 * least half of the members), natural and over-messaging churn, opt-out (all shares of randomised
 * members), revenue, gross and net CLV and cost per member, and, when an arm is `control`, the
 * incremental figures against it. The set depends on the spec only, never on a design point.
 */
export function sweepMetrics(retentionDays: readonly number[], hasControl: boolean): SweepMetric[] {
  const metric = (
    id: string,
    label: string,
    better: SweepMetric["better"],
    value: SweepMetric["value"],
  ): SweepMetric => ({ id, label, better, kind: kindOf(id), value });
  return [
    metric("members", "members (randomised)", null, (a) => a.members),
    metric("conversion", "conversion (≥ 1 purchase)", "higher", (a) => per(a, a.converted)),
    ...retentionDays.map((d) =>
      metric(`retentionD${d}`, `retention day ${d}`, "higher", (a) => a.retention[d] ?? null),
    ),
    metric("churnNatural", "churn: natural", "lower", (a) => per(a, a.churn.natural)),
    metric("churnOverMessaging", "churn: over-messaging", "lower", (a) =>
      per(a, a.churn.overMessaging),
    ),
    metric("optOut", "opted out of a channel", "lower", (a) => per(a, a.optOuts)),
    metric("revenuePerMember", "revenue per member (¥)", "higher", (a) =>
      a.members > 0 ? a.revenuePerMember : null,
    ),
    metric("clvPerMember", "CLV per member, gross (¥)", "higher", (a) =>
      a.members > 0 ? a.clvPerMember : null,
    ),
    metric("clvNetPerMember", "CLV per member, net (¥)", "higher", (a) =>
      a.members > 0 ? a.clvNetPerMember : null,
    ),
    metric("costPerMember", "cost per member (¥)", "lower", (a) => per(a, a.cost)),
    ...(hasControl
      ? [
          metric(
            "vsControlRevenue",
            "incremental revenue per member vs control (¥)",
            "higher",
            (a) => a.vsControl?.revenue ?? null,
          ),
          metric(
            "vsControlCost",
            "incremental cost per member vs control (¥)",
            "lower",
            (a) => a.vsControl?.cost ?? null,
          ),
          metric(
            "vsControlClvNet",
            "incremental net CLV per member vs control (¥)",
            "higher",
            (a) => a.vsControl?.clvNet ?? null,
          ),
          metric(
            "vsControlRoi",
            "incremental ROI vs control",
            "higher",
            (a) => a.vsControl?.roi ?? null,
          ),
        ]
      : []),
  ];
}

function kindOf(id: string): SweepMetric["kind"] {
  if (id === "members") return "count";
  if (id === "vsControlRoi") return "ratio";
  return /PerMember$|^vsControl/.test(id) ? "money" : "share";
}

/** The metric the verdict and the detailed tables (tornado, Sobol) are about. */
export const VERDICT_METRIC = "clvNetPerMember";

export function hasControlArm(strategyIds: readonly string[]): boolean {
  return strategyIds.includes(CONTROL_STRATEGY);
}

/** What a job stores: each arm's metric values, in the order of `sweepMetrics`. */
export type JobResult = { arms: { strategy: string; values: (number | null)[] }[] };

export function jobResult(report: Report, metrics: readonly SweepMetric[]): JobResult {
  return {
    arms: report.arms.map((arm) => ({
      strategy: arm.strategy,
      values: metrics.map((m) => {
        const v = m.value(arm);
        return v === null || !Number.isFinite(v) ? null : v;
      }),
    })),
  };
}
