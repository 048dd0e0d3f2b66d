import * as Plot from "@observablehq/plot";
import { customElement } from "lit/decorators.js";
import { type ArmReport, pct, type Report } from "../../sim/index.ts";
import { labelled, t } from "../i18n.ts";
import { armScale } from "../palette.ts";
import { CHART_FONT, PlotElement } from "./plot-element.ts";

/** The funnel's steps, as shares of the arm's randomised members; `label` in the language shown. */
export const FUNNEL_STEPS: readonly {
  step: string;
  readonly label: string;
  count: (a: ArmReport) => number;
}[] = [
  labelled({ step: "joined", count: (a: ArmReport) => a.members }, "joined", "入会"),
  labelled({ step: "reached", count: (a: ArmReport) => a.reached }, "reached", "触达"),
  // Opens are counted per message, not per member: the member-level step is engagement.
  labelled(
    { step: "engaged", count: (a: ArmReport) => a.privateDomainValue.fanRate * a.members },
    "engaged",
    "互动",
  ),
  labelled({ step: "bought", count: (a: ArmReport) => a.converted }, "bought", "购买"),
  labelled({ step: "repeat", count: (a: ArmReport) => a.repeatBuyers }, "repeat", "复购"),
];

/**
 * The funnel per arm: joined → reached (sent a message) → engaged (interacted or bought) → bought
 * → repeat (two purchases or more), each as a share of the arm's randomised members.
 */
@customElement("rl-funnel-chart")
export class RlFunnelChart extends PlotElement {
  protected get heading(): string {
    return t(
      "Funnel: joined → reached → engaged → bought → repeat",
      "转化漏斗：入会 → 触达 → 互动 → 购买 → 复购",
    );
  }
  protected get caption(): string {
    return t(
      "Share of each arm's members: reached = sent at least one message; engaged = interacted (member depth or deeper) or bought; repeat = two purchases or more. Members buy without being reached, so the steps need not nest.",
      "占各组会员的比例：触达 = 至少收到一条消息；互动 = 有过互动（会员及以上关系深度）或购买；复购 = 购买两次及以上。会员不经触达也会购买，所以各步不一定逐级包含。",
    );
  }

  protected override get reading(): string {
    const report = this.report;
    if (!report) return "";
    return report.arms
      .map((a) => {
        const bought = pct(a.members > 0 ? a.converted / a.members : null);
        const repeat = pct(a.members > 0 ? a.repeatBuyers / a.members : null);
        const opened = a.messages > 0 ? pct(a.opened / a.messages) : null;
        return t(
          `${a.strategy}: ${bought} bought, ${repeat} repeat, ${opened !== null ? `${opened} of messages opened` : "no messages"}`,
          `${a.strategy}：${bought} 购买，${repeat} 复购，${opened !== null ? `消息打开率 ${opened}` : "没有消息"}`,
        );
      })
      .join(t("; ", "；"));
  }

  protected plot(report: Report, width: number): Element {
    const rows = report.arms.flatMap((a) =>
      FUNNEL_STEPS.map((s) => ({
        arm: a.strategy,
        step: s.label,
        share: a.members > 0 ? s.count(a) / a.members : 0,
      })),
    );
    const strategies = report.arms.map((a) => a.strategy);
    return Plot.plot({
      width,
      height: 300,
      marginLeft: 48,
      marginBottom: 40,
      style: { fontSize: `${CHART_FONT}px` },
      fx: { label: null, domain: FUNNEL_STEPS.map((s) => s.label), padding: 0.12 },
      x: { axis: null, domain: strategies },
      y: {
        label: t("share of members", "占会员比例"),
        tickFormat: "%",
        domain: [0, 1],
        grid: true,
      },
      color: { legend: true, ...armScale(strategies) },
      marks: [
        Plot.barY(rows, { fx: "step", x: "arm", y: "share", fill: "arm" }),
        Plot.tip(rows, Plot.pointerX({ fx: "step", x: "arm", y: "share", format: { y: ".1%" } })),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-funnel-chart": RlFunnelChart;
  }
}
