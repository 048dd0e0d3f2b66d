import { type ArmReport, CONTROL_STRATEGY } from "./arm-report.ts";
import { fmt, pct } from "./format.ts";
import type { Report } from "./report.ts";

export type ReportRow = { label: string; cell: (arm: ArmReport) => string };

/** Whether the report has a `control` arm and another arm with incremental figures against it. */
export function hasControlArm(report: Report): boolean {
  return report.arms.length > 1 && report.arms.some((a) => a.strategy === CONTROL_STRATEGY);
}

/** The one-line note under the per-arm table on what ROI counts (CLI and dashboard). */
export function roiNote(report: Report): string {
  return hasControlArm(report)
    ? "Incremental rows: per randomised member, minus control. Plain ROI counts baseline revenue the playbook did not cause; incremental ROI does not."
    : "Plain ROI counts baseline revenue the playbook did not cause: add a control arm for incremental ROI.";
}

/**
 * The days the A/B section tests retention at (`retention-dD` metrics): day 30, 90 and the last
 * day every randomised member is observed, each measured on at least half of the members.
 */
export function retentionRowDays(report: Report): number[] {
  return report.metrics.flatMap((m) => {
    const match = /^retention-d(\d+)$/.exec(m.id);
    return match ? [Number(match[1])] : [];
  });
}

/**
 * The rows of the per-arm table, the same in the CLI and the dashboard. Retention is shown at the
 * days the A/B section tests (not at the horizon, where only day-0 joiners are observed). With a
 * `control` arm, the incremental figures lead the money rows.
 */
export function reportRows(report: Report): ReportRow[] {
  const first = report.arms[0];
  const per = (a: ArmReport, v: number) => (a.members > 0 ? v / a.members : null);
  const row = (label: string, cell: (arm: ArmReport) => string): ReportRow => ({ label, cell });
  const incremental = hasControlArm(report)
    ? [
        row("incremental ROI vs control", (a) => fmt(a.vsControl?.roi, 2)),
        row("incremental revenue per member vs control (¥)", (a) => fmt(a.vsControl?.revenue, 2)),
        row("incremental cost per member vs control (¥)", (a) => fmt(a.vsControl?.cost, 2)),
        row("incremental net CLV per member vs control (¥)", (a) => fmt(a.vsControl?.clvNet, 2)),
      ]
    : [];
  return [
    row("members (randomised)", (a) => fmt(a.members)),
    row("members brought by referral", (a) => fmt(a.referredMembers)),
    ...retentionRowDays(report).map((d) => row(`retention day ${d}`, (a) => pct(a.retention[d]))),
    row("churn: natural", (a) => pct(per(a, a.churn.natural))),
    row("churn: over-messaging", (a) => pct(per(a, a.churn.overMessaging))),
    row(`proxy: lapsed ${first?.proxies.lapsedDays ?? ""} days`, (a) =>
      pct(per(a, a.proxies.lapsed)),
    ),
    row("opted out of a channel", (a) => pct(per(a, a.optOuts))),
    row("reachable pool at horizon", (a) => fmt(a.privateDomainValue.poolSize)),
    row("converted (≥ 1 purchase)", (a) => pct(per(a, a.converted))),
    row("purchases", (a) => fmt(a.purchases)),
    ...incremental,
    row("revenue per member (¥)", (a) => fmt(a.revenuePerMember, 2)),
    row("CLV per member, gross (¥)", (a) => fmt(a.clvPerMember, 2)),
    row("CLV per member, net (¥)", (a) => fmt(a.clvNetPerMember, 2)),
    row("messages per member", (a) => fmt(per(a, a.messages), 2)),
    row("cost (¥)", (a) => fmt(a.cost)),
    row("ROI", (a) => fmt(a.roi, 2)),
    row(`instant ROI (first ${first?.instantWindowDays ?? ""} days)`, (a) => fmt(a.instantRoi, 2)),
    row("revenue from top 20 % members", (a) => pct(a.revenueShareTop["20"])),
  ];
}
