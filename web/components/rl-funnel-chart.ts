import * as Plot from "@observablehq/plot";
import { customElement } from "lit/decorators.js";
import { type ArmReport, pct, type Report } from "../../sim/index.ts";
import { armScale } from "../palette.ts";
import { CHART_FONT, PlotElement } from "./plot-element.ts";

/** The funnel's steps, as shares of the arm's randomised members. */
export const FUNNEL_STEPS: readonly { step: string; count: (a: ArmReport) => number }[] = [
  { step: "joined", count: (a) => a.members },
  { step: "reached", count: (a) => a.reached },
  // Opens are counted per message, not per member: the member-level step is engagement.
  { step: "engaged", count: (a) => a.privateDomainValue.fanRate * a.members },
  { step: "bought", count: (a) => a.converted },
  { step: "repeat", count: (a) => a.repeatBuyers },
];

/**
 * The funnel per arm: joined → reached (sent a message) → engaged (interacted or bought) → bought
 * → repeat (two purchases or more), each as a share of the arm's randomised members.
 */
@customElement("rl-funnel-chart")
export class RlFunnelChart extends PlotElement {
  protected readonly heading = "Funnel: joined → reached → engaged → bought → repeat";
  protected readonly caption =
    "Share of each arm's members: reached = sent at least one message; engaged = interacted (member depth or deeper) or bought; repeat = two purchases or more. Members buy without being reached, so the steps need not nest.";

  protected override get reading(): string {
    const report = this.report;
    if (!report) return "";
    return report.arms
      .map(
        (a) =>
          `${a.strategy}: ${pct(a.members > 0 ? a.converted / a.members : null)} bought, ${pct(
            a.members > 0 ? a.repeatBuyers / a.members : null,
          )} repeat, ${a.messages > 0 ? `${pct(a.opened / a.messages)} of messages opened` : "no messages"}`,
      )
      .join("; ");
  }

  protected plot(report: Report, width: number): Element {
    const rows = report.arms.flatMap((a) =>
      FUNNEL_STEPS.map((s) => ({
        arm: a.strategy,
        step: s.step,
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
      fx: { label: null, domain: FUNNEL_STEPS.map((s) => s.step), padding: 0.12 },
      x: { axis: null, domain: strategies },
      y: { label: "share of members", tickFormat: "%", domain: [0, 1], grid: true },
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
