import * as Plot from "@observablehq/plot";
import { customElement } from "lit/decorators.js";
import { type ArmReport, fmt, type Report } from "../../sim/index.ts";
import { roiText } from "../ab-format.ts";
import { OKABE_ITO } from "../palette.ts";
import { CHART_FONT, PlotElement } from "./plot-element.ts";

/** The parts of `costBreakdown` that add up to `cost`, and their colours. */
const PARTS: readonly { key: keyof ArmReport["costBreakdown"]; label: string; color: string }[] = [
  { key: "messages", label: "messages", color: OKABE_ITO.skyBlue },
  { key: "coupons", label: "coupons", color: OKABE_ITO.orange },
  { key: "discounts", label: "discounts", color: OKABE_ITO.vermillion },
  { key: "gifts", label: "gifts", color: OKABE_ITO.reddishPurple },
  { key: "memberPrices", label: "member prices", color: OKABE_ITO.blue },
  { key: "points", label: "points", color: OKABE_ITO.bluishGreen },
];

/** Cost per member by where the money went, with each arm's ROI and incremental ROI beside it. */
@customElement("rl-cost-chart")
export class RlCostChart extends PlotElement {
  protected readonly heading = "Cost and ROI breakdown";
  protected readonly caption =
    "Cost per randomised member by where it went. ROI counts baseline revenue the playbook did not cause; incremental ROI (with a control arm) does not.";

  protected override get reading(): string {
    const report = this.report;
    if (!report) return "";
    return report.arms
      .map((a) => {
        const unseen = a.cost > 0 ? a.costBreakdown.unseenOffers / a.cost : 0;
        const incremental = a.vsControl?.roi;
        return `${a.strategy}: ¥${fmt(a.members > 0 ? a.cost / a.members : null, 2)} per member${
          unseen > 0 ? ` (${fmt(unseen * 100, 0)} % on offers never seen)` : ""
        }, ROI ${roiText(a.roi)}${incremental != null ? `, incremental ROI ${roiText(incremental)}` : ""}`;
      })
      .join("; ");
  }

  protected plot(report: Report, width: number): Element {
    const rows = report.arms.flatMap((a) =>
      PARTS.map((p) => ({
        arm: a.strategy,
        part: p.label,
        cost: a.members > 0 ? a.costBreakdown[p.key] / a.members : 0,
      })),
    );
    const totals = report.arms.map((a) => ({
      arm: a.strategy,
      cost: a.members > 0 ? a.cost / a.members : 0,
    }));
    const max = Math.max(0.01, ...totals.map((t) => t.cost));
    return Plot.plot({
      width,
      height: 60 + 44 * report.arms.length,
      marginLeft: 130,
      marginRight: 56,
      marginBottom: 40,
      style: { fontSize: `${CHART_FONT}px` },
      x: { label: "cost per member (¥)", grid: true, domain: [0, max * 1.05] },
      y: { label: null, domain: report.arms.map((a) => a.strategy) },
      color: { legend: true, domain: PARTS.map((p) => p.label), range: PARTS.map((p) => p.color) },
      marks: [
        Plot.barX(rows, { y: "arm", x: "cost", fill: "part", order: PARTS.map((p) => p.label) }),
        Plot.text(totals, {
          y: "arm",
          x: "cost",
          text: (d: { cost: number }) => `¥${fmt(d.cost, 2)}`,
          textAnchor: "start",
          dx: 4,
        }),
        Plot.tip(
          rows,
          Plot.pointer(Plot.stackX({ y: "arm", x: "cost", fill: "part", format: { x: ",.2f" } })),
        ),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-cost-chart": RlCostChart;
  }
}
