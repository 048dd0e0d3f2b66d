import * as Plot from "@observablehq/plot";
import { css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { type Calibration, formatDay } from "../../sim/index.ts";
import { t } from "../i18n.ts";
import { ChartElement } from "./plot-element.ts";

export const ACTUAL_COLOR = "#1f2329";
export const MODEL_COLOR = "#4269d0";
const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** A fit's time unit in Chinese: 周 or 天. */
export const unitName = (unit: string) => (unit === "week" ? "周" : unit === "day" ? "天" : unit);

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
  protected get heading(): string {
    return t("Repeat purchases: actual vs BG/NBD", "复购：实际 vs BG/NBD");
  }
  protected get caption(): string {
    return t(
      "The model is fitted on purchases up to the calibration end; after it, the line is a forecast checked against what happened.",
      "模型用校准截止日之前的购买拟合；截止日之后的曲线是预测，与实际发生的情况对照。",
    );
  }

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
    return html`<div class="view" role="radiogroup" aria-label=${t("view", "视图")}>
      ${option(true, t("cumulative", "累计"))} ${option(false, t(`per ${unit}`, `每${unitName(unit)}`))}
    </div>`;
  }

  protected plot(fit: Calibration, width: number): Element {
    const { periods, periodUnit } = fit.diagnostics;
    const cumulative = this.cumulative;
    const actual = t("actual", "实际");
    const rows = periods.flatMap((p) => {
      const date = utc(p.end);
      return [
        { date, series: actual, value: cumulative ? p.cumulativeActual : p.actual },
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
        label: cumulative
          ? t("repeat purchases, cumulative", "累计复购次数")
          : t(`repeat purchases per ${periodUnit}`, `每${unitName(periodUnit)}复购次数`),
        grid: true,
        zero: true,
      },
      color: { legend: true, domain: [actual, "BG/NBD"], range: [ACTUAL_COLOR, MODEL_COLOR] },
      marks: [
        holdout ? Plot.ruleX([end], { stroke: "#8e2418", strokeDasharray: "3,3" }) : null,
        holdout
          ? Plot.text([end], {
              x: (d) => d,
              text: () => t("calibration end", "校准截止"),
              frameAnchor: "top",
              textAnchor: "start",
              dx: 4,
              dy: 4,
              fill: "#8e2418",
            })
          : null,
        Plot.lineY(
          rows.filter((r) => r.series === actual),
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
