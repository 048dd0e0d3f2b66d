import * as Plot from "@observablehq/plot";
import { customElement } from "lit/decorators.js";
import { type ArmReport, fmt, type Report } from "../../sim/index.ts";
import { roiText } from "../ab-format.ts";
import { t } from "../i18n.ts";
import { OKABE_ITO } from "../palette.ts";
import { CHART_FONT, PlotElement } from "./plot-element.ts";

/** The parts of `costBreakdown` that add up to `cost`, and their colours. */
const PARTS: readonly {
  key: keyof ArmReport["costBreakdown"];
  en: string;
  zh: string;
  color: string;
}[] = [
  { key: "messages", en: "messages", zh: "消息", color: OKABE_ITO.skyBlue },
  { key: "coupons", en: "coupons", zh: "优惠券", color: OKABE_ITO.orange },
  { key: "discounts", en: "discounts", zh: "折扣", color: OKABE_ITO.vermillion },
  { key: "gifts", en: "gifts", zh: "赠品", color: OKABE_ITO.reddishPurple },
  { key: "memberPrices", en: "member prices", zh: "会员价", color: OKABE_ITO.blue },
  { key: "points", en: "points", zh: "积分", color: OKABE_ITO.bluishGreen },
];
const partLabel = (p: (typeof PARTS)[number]) => t(p.en, p.zh);

/** Cost per member by where the money went, with each arm's ROI and incremental ROI beside it. */
@customElement("rl-cost-chart")
export class RlCostChart extends PlotElement {
  protected get heading(): string {
    return t("Cost and ROI breakdown", "成本与 ROI 构成");
  }
  protected get caption(): string {
    return t(
      "Cost per randomised member by where it went. ROI counts baseline revenue the playbook did not cause; incremental ROI (with a control arm) does not.",
      "每个随机分组会员的成本，按花在哪里拆分。ROI 计入了并非打法带来的基线收入；增量 ROI（有对照组时）不计入。",
    );
  }

  protected override get reading(): string {
    const report = this.report;
    if (!report) return "";
    return report.arms
      .map((a) => {
        const unseen = a.cost > 0 ? a.costBreakdown.unseenOffers / a.cost : 0;
        const incremental = a.vsControl?.roi;
        const per = fmt(a.members > 0 ? a.cost / a.members : null, 2);
        const share = fmt(unseen * 100, 0);
        return t(
          `${a.strategy}: ¥${per} per member${
            unseen > 0 ? ` (${share} % on offers never seen)` : ""
          }, ROI ${roiText(a.roi)}${incremental != null ? `, incremental ROI ${roiText(incremental)}` : ""}`,
          `${a.strategy}：人均 ¥${per}${unseen > 0 ? `（${share} % 花在会员从未看到的优惠上）` : ""}，ROI ${roiText(a.roi)}${
            incremental != null ? `，增量 ROI ${roiText(incremental)}` : ""
          }`,
        );
      })
      .join(t("; ", "；"));
  }

  protected plot(report: Report, width: number): Element {
    const rows = report.arms.flatMap((a) =>
      PARTS.map((p) => ({
        arm: a.strategy,
        part: partLabel(p),
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
      x: { label: t("cost per member (¥)", "人均成本（¥）"), grid: true, domain: [0, max * 1.05] },
      y: { label: null, domain: report.arms.map((a) => a.strategy) },
      color: { legend: true, domain: PARTS.map(partLabel), range: PARTS.map((p) => p.color) },
      marks: [
        Plot.barX(rows, { y: "arm", x: "cost", fill: "part", order: PARTS.map(partLabel) }),
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
