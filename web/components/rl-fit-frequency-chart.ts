import * as Plot from "@observablehq/plot";
import { customElement, property } from "lit/decorators.js";
import type { Calibration } from "../../sim/index.ts";
import { t } from "../i18n.ts";
import { ChartElement } from "./plot-element.ts";
import { ACTUAL_COLOR, MODEL_COLOR } from "./rl-fit-tracking-chart.ts";

/** Customers by repeat purchases in calibration, actual vs BG/NBD (Fader, Hardie & Lee, fig. 3). */
@customElement("rl-fit-frequency-chart")
export class RlFitFrequencyChart extends ChartElement<Calibration> {
  protected get heading(): string {
    return t("Customers by repeat purchases", "按复购次数的客户分布");
  }
  protected get caption(): string {
    return t(
      "How many customers bought again 0, 1, 2 … times in the calibration period; the model's count is the sum of each customer's probabilities.",
      "校准期内复购 0、1、2 … 次的客户数；模型的数量是每位客户概率之和。",
    );
  }

  /** The fit to draw. */
  @property({ attribute: false }) fit: Calibration | null = null;

  protected get value(): Calibration | null {
    return this.fit;
  }

  protected plot(fit: Calibration, width: number): Element {
    const actual = t("actual", "实际");
    const series = [actual, "BG/NBD"];
    const rows = fit.diagnostics.frequency.flatMap((f) => [
      { x: f.x, series: actual, customers: f.actual },
      { x: f.x, series: "BG/NBD", customers: f.predicted },
    ]);
    return Plot.plot({
      width,
      height: 300,
      marginLeft: 52,
      marginBottom: 44,
      style: { fontSize: "11px" },
      fx: {
        label: t("repeat purchases in calibration", "校准期内复购次数"),
        labelOffset: 38,
        padding: 0.2,
      },
      x: { axis: null, domain: series, paddingInner: 0.05 },
      y: { label: t("customers", "客户数"), grid: true },
      color: { legend: true, domain: series, range: [ACTUAL_COLOR, MODEL_COLOR] },
      marks: [
        Plot.barY(rows, {
          fx: "x",
          x: "series",
          y: "customers",
          fill: "series",
          tip: { format: { y: ",.1f", x: true, fx: true } },
        }),
        Plot.ruleY([0]),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-fit-frequency-chart": RlFitFrequencyChart;
  }
}
