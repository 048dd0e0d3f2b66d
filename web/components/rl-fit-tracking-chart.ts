import * as Plot from "@observablehq/plot";
import { css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { type Calibration, formatDay } from "../../sim/index.ts";
import { ChartElement } from "./plot-element.ts";

export const ACTUAL_COLOR = "#1f2329";
export const MODEL_COLOR = "#4269d0";
const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Repeat purchases the log shows against those BG/NBD expects for the same customers, cumulative
 * or per period, across calibration and holdout (Fader, Hardie & Lee 2005, figures 1 and 2).
 */
@customElement("rl-fit-tracking-chart")
export class RlFitTrackingChart extends ChartElement<Calibration> {
  static override styles = [
    ChartElement.styles,
    css`
      .view { display: flex; gap: 0.9rem; font-size: 0.8rem; margin: -0.2rem 0 0.3rem; }
      .view label { display: flex; gap: 0.3rem; align-items: center; cursor: pointer; }
    `,
  ];
  protected readonly heading = "Repeat purchases: actual vs BG/NBD";
  protected readonly caption =
    "The model is fitted on purchases up to the calibration end; after it, the line is a forecast checked against what happened.";

  /** The fit to draw. */
  @property({ attribute: false }) fit: Calibration | null = null;

  @state() private cumulative = true;

  protected get value(): Calibration | null {
    return this.fit;
  }

  protected override controls() {
    const option = (cumulative: boolean, label: string) =>
      html`<label><input type="radio" name="view" .checked=${this.cumulative === cumulative}
        @change=${() => {
          this.cumulative = cumulative;
        }} />${label}</label>`;
    const unit = this.fit?.diagnostics.periodUnit ?? "week";
    return html`<div class="view" role="radiogroup" aria-label="view">
      ${option(true, "cumulative")} ${option(false, `per ${unit}`)}
    </div>`;
  }

  protected plot(fit: Calibration, width: number): Element {
    const { periods, periodUnit } = fit.diagnostics;
    const cumulative = this.cumulative;
    const rows = periods.flatMap((p) => {
      const date = utc(p.end);
      return [
        { date, series: "actual", value: cumulative ? p.cumulativeActual : p.actual },
        { date, series: "BG/NBD", value: cumulative ? p.cumulativePredicted : p.predicted },
      ];
    });
    const end = utc(formatDay(fit.summary.calibrationEnd));
    const holdout = fit.summary.lastDay > fit.summary.calibrationEnd;
    return Plot.plot({
      width,
      height: 300,
      marginLeft: 52,
      style: { fontSize: "11px" },
      x: { type: "utc", label: null },
      y: {
        label: cumulative ? "repeat purchases, cumulative" : `repeat purchases per ${periodUnit}`,
        grid: true,
        zero: true,
      },
      color: { legend: true, domain: ["actual", "BG/NBD"], range: [ACTUAL_COLOR, MODEL_COLOR] },
      marks: [
        holdout ? Plot.ruleX([end], { stroke: "#8e2418", strokeDasharray: "3,3" }) : null,
        holdout
          ? Plot.text([end], {
              x: (d) => d,
              text: () => "calibration end",
              frameAnchor: "top",
              textAnchor: "start",
              dx: 4,
              dy: 4,
              fill: "#8e2418",
            })
          : null,
        Plot.lineY(
          rows.filter((r) => r.series === "actual"),
          { x: "date", y: "value", stroke: "series", strokeWidth: 1.8 },
        ),
        Plot.lineY(
          rows.filter((r) => r.series === "BG/NBD"),
          { x: "date", y: "value", stroke: "series", strokeWidth: 1.8, strokeDasharray: "6,3" },
        ),
        Plot.tip(
          rows,
          Plot.pointerX({ x: "date", y: "value", stroke: "series", format: { y: ",.1f" } }),
        ),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-fit-tracking-chart": RlFitTrackingChart;
  }
}
