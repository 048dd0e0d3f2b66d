import * as Plot from "@observablehq/plot";
import { customElement } from "lit/decorators.js";
import type { Report } from "../../sim/report/report.ts";
import { armColor } from "../report-rows.ts";
import { PlotElement } from "./plot-element.ts";

/** Retention by day since join, one line per arm (censored members excluded, as in the report). */
@customElement("rl-retention-chart")
export class RlRetentionChart extends PlotElement {
  protected readonly heading = "Retention by day since join";
  protected readonly caption =
    "Share not churned d days after joining, among members observed at least d days (fewer members, so more noise, near the horizon).";

  protected plot(report: Report, width: number): Element {
    const rows = report.arms.flatMap((arm) =>
      arm.retention.map((share, day) => ({ arm: arm.strategy, day, share })),
    );
    return Plot.plot({
      width,
      height: 320,
      marginLeft: 48,
      style: { fontSize: "11px" },
      x: { label: "days since join", domain: [0, report.days] },
      y: { label: "retained", domain: [0, 1], tickFormat: "%", grid: true },
      color: {
        legend: true,
        domain: report.arms.map((a) => a.strategy),
        range: report.arms.map((_, i) => armColor(i)),
      },
      marks: [
        Plot.ruleY([0]),
        Plot.lineY(rows, { x: "day", y: "share", stroke: "arm", strokeWidth: 2 }),
        Plot.tip(
          rows,
          Plot.pointerX({ x: "day", y: "share", stroke: "arm", format: { y: ".1%" } }),
        ),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-retention-chart": RlRetentionChart;
  }
}
