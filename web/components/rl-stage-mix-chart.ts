import * as Plot from "@observablehq/plot";
import { customElement } from "lit/decorators.js";
import type { Report } from "../../sim/report/report.ts";
import { STAGES } from "../../strategies/index.ts";
import { PlotElement } from "./plot-element.ts";

/** Colours of the lifecycle stages, fresh to gone. */
const STAGE_COLORS = ["#97bbf5", "#3ca951", "#efb118", "#ff725c", "#9498a0"];

/** Lifecycle-stage mix over calendar days: one stacked area per arm, as shares of joined members. */
@customElement("rl-stage-mix-chart")
export class RlStageMixChart extends PlotElement {
  protected readonly heading = "Lifecycle-stage mix";
  protected readonly caption =
    "Members who have joined, by lifecycle stage on each calendar day; churned is the simulator's truth, which a real team never sees.";

  protected plot(report: Report, width: number): Element {
    const rows: { arm: string; day: number; stage: string; members: number }[] = [];
    for (const arm of report.arms) {
      for (let day = 0; day < report.days; day++) {
        // Before anyone has joined there is no mix to show.
        if (STAGES.every((stage) => (arm.stageMix[stage]?.[day] ?? 0) === 0)) continue;
        for (const stage of STAGES) {
          rows.push({ arm: arm.strategy, day, stage, members: arm.stageMix[stage]?.[day] ?? 0 });
        }
      }
    }
    return Plot.plot({
      width,
      height: 60 + 170 * report.arms.length,
      marginLeft: 48,
      style: { fontSize: "11px" },
      x: { label: "calendar day", domain: [0, report.days - 1] },
      y: { label: "share of joined members", tickFormat: "%", ticks: 4 },
      fy: { axis: null, domain: report.arms.map((a) => a.strategy) },
      color: { legend: true, domain: [...STAGES], range: STAGE_COLORS },
      marks: [
        Plot.areaY(rows, {
          x: "day",
          y: "members",
          fill: "stage",
          fy: "arm",
          offset: "normalize",
          order: [...STAGES],
          curve: "step",
        }),
        Plot.frame({ stroke: "#c5c9d0" }),
        Plot.text(report.arms, {
          fy: "strategy",
          text: "strategy",
          frameAnchor: "top-right",
          dx: -6,
          dy: 6,
          fontWeight: "bold",
          fontSize: 12,
          fill: "#1f2329",
          stroke: "white",
          strokeWidth: 3,
        }),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-stage-mix-chart": RlStageMixChart;
  }
}
