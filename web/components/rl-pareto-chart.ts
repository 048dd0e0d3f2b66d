import * as Plot from "@observablehq/plot";
import { customElement } from "lit/decorators.js";
import { pct, type Report } from "../../sim/index.ts";
import { t } from "../i18n.ts";
import { armScale } from "../palette.ts";
import { CHART_FONT, PlotElement } from "./plot-element.ts";

/** Revenue concentration: the Pareto curve of each arm (`revenueCurve`). */
@customElement("rl-pareto-chart")
export class RlParetoChart extends PlotElement {
  protected get heading(): string {
    return t("Revenue concentration (Pareto curve)", "收入集中度（帕累托曲线）");
  }
  protected get caption(): string {
    return t(
      "Share of the arm's own revenue from its top x % of members by revenue; the dotted diagonal is revenue spread evenly.",
      "按收入排序，前 x % 会员贡献的本组收入占比；虚线对角线表示收入平均分布。",
    );
  }

  protected override get reading(): string {
    const report = this.report;
    if (!report) return "";
    const top1 = report.arms.map((a) => pct(a.revenueShareTop["1"], 0));
    return t(
      `The top 20 % of members bring ${report.arms
        .map((a) => `${pct(a.revenueShareTop["20"], 0)} of revenue in ${a.strategy}`)
        .join(", ")}; the top 1 % ${top1.join(", ")}.`,
      `前 20 % 的会员贡献了${report.arms
        .map((a) => ` ${a.strategy} ${pct(a.revenueShareTop["20"], 0)} `)
        .join("、")}的收入；前 1 % 贡献 ${top1.join("、")}。`,
    );
  }

  protected plot(report: Report, width: number): Element {
    const rows = report.arms.flatMap((a) =>
      a.revenueCurve.top.map((top, k) => ({
        arm: a.strategy,
        top: top / 100,
        share: a.revenueCurve.share[k],
      })),
    );
    return Plot.plot({
      width,
      height: 300,
      marginLeft: 52,
      marginBottom: 40,
      style: { fontSize: `${CHART_FONT}px` },
      x: {
        label: t("top members by revenue", "按收入排序的头部会员"),
        tickFormat: "%",
        domain: [0, 1],
      },
      y: { label: t("share of revenue", "收入占比"), tickFormat: "%", domain: [0, 1], grid: true },
      color: { legend: true, ...armScale(report.arms.map((a) => a.strategy)) },
      marks: [
        Plot.line(
          [
            [0, 0],
            [1, 1],
          ],
          { stroke: "#9498a0", strokeDasharray: "2,3" },
        ),
        Plot.ruleX([0.2], { stroke: "#c5c9d0" }),
        Plot.lineY(rows, { x: "top", y: "share", stroke: "arm", strokeWidth: 2 }),
        Plot.dot(rows, { x: "top", y: "share", fill: "arm", r: 2.5 }),
        Plot.tip(
          rows,
          Plot.pointer({ x: "top", y: "share", stroke: "arm", format: { x: ".0%", y: ".1%" } }),
        ),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-pareto-chart": RlParetoChart;
  }
}
