import type { ArmReport } from "./arm-report.ts";
import { fmt, pct } from "./format.ts";
import type { Report } from "./report.ts";

export type ReportRow = { label: string; cell: (arm: ArmReport) => string };

/** The rows of the per-arm table, the same in the CLI and the dashboard. */
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
    row("reachable pool at horizon", (a) => fmt(a.privateDomainValue.poolSize)),
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
