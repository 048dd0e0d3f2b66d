import * as Plot from "@observablehq/plot";
import { customElement, property } from "lit/decorators.js";
import type { Calibration } from "../../sim/index.ts";
import { ChartElement } from "./plot-element.ts";
import { ACTUAL_COLOR, MODEL_COLOR } from "./rl-fit-tracking-chart.ts";

/** Customers by repeat purchases in calibration, actual vs BG/NBD (Fader, Hardie & Lee, fig. 3). */
@customElement("rl-fit-frequency-chart")
export class RlFitFrequencyChart extends ChartElement<Calibration> {
  protected readonly heading = "Customers by repeat purchases";
  protected readonly caption =
    "How many customers bought again 0, 1, 2 … times in the calibration period; the model's count is the sum of each customer's probabilities.";

  /** The fit to draw. */
  @property({ attribute: false }) fit: Calibration | null = null;

  protected get value(): Calibration | null {
    return this.fit;
  }

  protected plot(fit: Calibration, width: number): Element {
    const series = ["actual", "BG/NBD"];
    const rows = fit.diagnostics.frequency.flatMap((f) => [
      { x: f.x, series: "actual", customers: f.actual },
      { x: f.x, series: "BG/NBD", customers: f.predicted },
    ]);
    return Plot.plot({
      width,
      height: 300,
      marginLeft: 52,
      marginBottom: 44,
      style: { fontSize: "11px" },
      fx: { label: "repeat purchases in calibration", labelOffset: 38, padding: 0.2 },
      x: { axis: null, domain: series, paddingInner: 0.05 },
      y: { label: "customers", grid: true },
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
