import * as Plot from "@observablehq/plot";
import { customElement } from "lit/decorators.js";
import { fmt, type Report } from "../../sim/index.ts";
import { t } from "../i18n.ts";
import { armScale } from "../palette.ts";
import { CHART_FONT, PlotElement } from "./plot-element.ts";

/** The distribution of CLV per member: each arm's quantile curve (`clvQuantiles`). */
@customElement("rl-clv-chart")
export class RlClvChart extends PlotElement {
  protected get heading(): string {
    return t("CLV distribution", "CLV 分布");
  }
  protected get caption(): string {
    return t(
      "CLV per member (discounted revenue with referred members') at each percentile of the arm's members: most members are worth little, the top few carry the mean.",
      "各组会员在每个百分位上的人均 CLV（折现收入，含转介绍会员带来的收入）：大多数会员价值很低，均值由头部少数会员撑起。",
    );
  }

  protected override get reading(): string {
    const report = this.report;
    if (!report) return "";
    const at = (p: number) =>
      report.arms
        .map((a) => {
          const k = a.clvQuantiles.p.indexOf(p);
          return `${a.strategy} ¥${fmt(k >= 0 ? a.clvQuantiles.clv[k] : null)}`;
        })
        .join(t(", ", "，"));
    return t(
      `The median member is worth ${at(0.5)}; the 90th percentile ${at(0.9)}.`,
      `中位会员价值 ${at(0.5)}；第 90 百分位 ${at(0.9)}。`,
    );
  }

  protected plot(report: Report, width: number): Element {
    const rows = report.arms.flatMap((a) =>
      a.clvQuantiles.p.map((p, k) => ({ arm: a.strategy, p, clv: a.clvQuantiles.clv[k] })),
    );
    const means = report.arms.map((a) => ({ arm: a.strategy, clv: a.clvPerMember }));
    return Plot.plot({
      width,
      height: 300,
      marginLeft: 60,
      marginBottom: 40,
      style: { fontSize: `${CHART_FONT}px` },
      x: {
        label: t("percentile of members", "会员百分位"),
        tickFormat: (p: number) => `${Math.round(p * 100)}`,
        domain: [0.25, 1],
      },
      y: { label: t("CLV per member (¥)", "人均 CLV（¥）"), grid: true, zero: true },
      color: { legend: true, ...armScale(report.arms.map((a) => a.strategy)) },
      marks: [
        Plot.ruleY(means, { y: "clv", stroke: "arm", strokeDasharray: "4,3", strokeOpacity: 0.8 }),
        Plot.lineY(rows, { x: "p", y: "clv", stroke: "arm", strokeWidth: 2 }),
        Plot.dot(rows, { x: "p", y: "clv", fill: "arm", r: 3 }),
        Plot.tip(
          rows,
          Plot.pointer({ x: "p", y: "clv", stroke: "arm", format: { x: ".1%", y: ",.2f" } }),
        ),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-clv-chart": RlClvChart;
  }
}
