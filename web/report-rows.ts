import type { ArmReport } from "../sim/report/arm-report.ts";
import type { Report } from "../sim/report/report.ts";
import { fmt, pct } from "./format.ts";

export type ReportRow = { label: string; cell: (arm: ArmReport) => string };

/** The rows of the per-arm table: the same as the CLI's `compare` table (sim/cli/compare.ts). */
export function reportRows(report: Report): ReportRow[] {
  const last = report.days;
  const first = report.arms[0];
  const per = (a: ArmReport, v: number) => (a.members > 0 ? v / a.members : null);
  const row = (label: string, cell: (arm: ArmReport) => string): ReportRow => ({ label, cell });
  return [
    row("members (randomised)", (a) => fmt(a.members)),
    row("members brought by referral", (a) => fmt(a.referredMembers)),
    row("retention day 30", (a) => pct(a.retention[Math.min(30, last)])),
    row("retention day 90", (a) => pct(a.retention[Math.min(90, last)])),
    row(`retention day ${last}`, (a) => pct(a.retention[last])),
    row("churn: natural", (a) => pct(per(a, a.churn.natural))),
    row("churn: over-messaging", (a) => pct(per(a, a.churn.overMessaging))),
    row(`proxy: lapsed ${first?.proxies.lapsedDays ?? ""} days`, (a) =>
      pct(per(a, a.proxies.lapsed)),
    ),
    row("opted out of a channel", (a) => pct(per(a, a.optOuts))),
    row("converted (≥ 1 purchase)", (a) => pct(per(a, a.converted))),
    row("purchases", (a) => fmt(a.purchases)),
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

/** One colour per arm, shared by the table and the charts (Observable's "observable10" order). */
export const ARM_COLORS = [
  "#4269d0",
  "#efb118",
  "#ff725c",
  "#6cc5b0",
  "#3ca951",
  "#ff8ab7",
  "#a463f2",
  "#97bbf5",
  "#9c6b4e",
  "#9498a0",
];

export const armColor = (index: number): string => ARM_COLORS[index % ARM_COLORS.length];
