import * as Plot from "@observablehq/plot";
import { html } from "lit";
import { customElement } from "lit/decorators.js";
import { fmt, pct, type Report } from "../../sim/index.ts";
import { confidence, pValue } from "../ab-format.ts";
import { t } from "../i18n.ts";
import { type KmDay, kmBand } from "../km-band.ts";
import { armScale } from "../palette.ts";
import { CHART_FONT, PlotElement } from "./plot-element.ts";

/** Below this many members at risk in some arm, the chart marks the curves' tail as thin. */
const FEW_AT_RISK = 100;

/**
 * Retention by day since join: each arm's Kaplan–Meier curve (report.survival) with its pointwise
 * band, the log-rank test of each arm against the first in the caption.
 */
@customElement("rl-km-chart")
export class RlKmChart extends PlotElement {
  protected get heading(): string {
    return t("Retention by day since join (Kaplan–Meier)", "入会后逐日留存（Kaplan–Meier）");
  }

  protected get caption(): string {
    const report = this.report;
    if (!report) return "";
    const level = confidence(report.alpha);
    return t(
      `Share not churned d days after joining, with its ${level} pointwise band; every member counts until the horizon, so late joiners add to the early days only.`,
      `入会 d 天后仍未流失的比例，带 ${level} 逐点置信带；每位会员都计入到观察期末，所以晚入会的会员只计入前面的天数。`,
    );
  }

  /** The bands of the report last drawn: recomputed for a new report, not for a new width. */
  private bands: { report: Report; rows: (KmDay & { arm: string })[] } | null = null;

  private rowsOf(report: Report) {
    if (this.bands?.report !== report) {
      const rows = report.survival.curves.flatMap((curve) =>
        kmBand(curve).map((d) => ({ ...d, arm: curve.strategy })),
      );
      this.bands = { report, rows };
    }
    return this.bands.rows;
  }

  /** The day the reading quotes: the last retention day the A/B tests use, else mid-horizon. */
  private readingDay(report: Report): number {
    const tested = report.metrics
      .map((m) => /^retention-d(\d+)$/.exec(m.id))
      .filter((m) => m !== null)
      .map((m) => Number(m[1]));
    return tested.at(-1) ?? Math.floor(report.days / 2);
  }

  protected override get reading(): string {
    const report = this.report;
    if (!report || report.survival.curves.length === 0) return "";
    const day = this.readingDay(report);
    const at = report.survival.curves.map((c) => ({ arm: c.strategy, s: c.survival[day] }));
    const best = at.reduce((a, b) => (b.s > a.s ? b : a));
    return t(
      `Day ${day}: ${at.map((a) => `${a.arm} keeps ${pct(a.s)}`).join(", ")}${
        at.length > 1 ? `; ${best.arm} keeps the most.` : "."
      }`,
      `第 ${day} 天：${at.map((a) => `${a.arm} 留存 ${pct(a.s)}`).join("，")}${
        at.length > 1 ? `；${best.arm} 留存最多。` : "。"
      }`,
    );
  }

  /** The log-rank results, under the caption. */
  protected override controls() {
    const report = this.report;
    if (!report || report.survival.logRank.length === 0) return null;
    const control = report.arms[0].strategy;
    return html`<p class="log-rank">
      ${t(
        "Log-rank test of time to churn (not in the table's adjustment):",
        "流失时间的 Log-rank 检验（不在表格的 p 值校正之内）：",
      )}
      ${report.survival.logRank.map(
        (r, i) =>
          html`${i > 0 ? t("; ", "；") : ""}<span data-log-rank=${r.strategy}
              >${r.strategy} vs ${control}: χ² ${fmt(r.chi2, 2)}, p ${pValue(r.p)}</span
            >`,
      )}${t(".", "。")}
    </p>`;
  }

  protected plot(report: Report, width: number): Element {
    const rows = this.rowsOf(report);
    const strategies = report.arms.map((a) => a.strategy);
    const thin = report.survival.curves
      .map((c) => c.atRisk.findIndex((n) => n < FEW_AT_RISK))
      .filter((day) => day > 0);
    const thinFrom = thin.length > 0 ? Math.min(...thin) : -1;
    // The y-axis fits the curves and their bands, from a round 5 % below the lowest to 100 %.
    let lowest = 1;
    for (const r of rows) if (Number.isFinite(r.low)) lowest = Math.min(lowest, r.low);
    const floor = Math.max(0, Math.floor((lowest - 0.02) * 20) / 20);
    return Plot.plot({
      width,
      height: 340,
      marginLeft: 52,
      marginBottom: 40,
      style: { fontSize: `${CHART_FONT}px` },
      x: { label: t("days since join", "入会天数"), domain: [0, report.days] },
      y: { label: t("retained", "留存"), domain: [floor, 1], tickFormat: "%", grid: true },
      color: { legend: true, ...armScale(strategies) },
      marks: [
        thinFrom > 0
          ? [
              Plot.rectX([thinFrom], {
                x1: (d: number) => d,
                x2: report.days,
                fill: "#eef0f3",
              }),
              Plot.text([thinFrom], {
                x: (d: number) => d,
                frameAnchor: "top",
                textAnchor: "end",
                dx: -4,
                dy: 4,
                text: () =>
                  t(`fewer than ${FEW_AT_RISK} at risk →`, `风险集不足 ${FEW_AT_RISK} 人 →`),
                fill: "#5f6670",
              }),
            ]
          : null,
        Plot.areaY(rows, {
          x: "day",
          y1: "low",
          y2: "high",
          fill: "arm",
          fillOpacity: 0.28,
          curve: "step-after",
        }),
        Plot.lineY(rows, {
          x: "day",
          y: "survival",
          stroke: "arm",
          strokeWidth: 2,
          curve: "step-after",
        }),
        Plot.tip(
          rows,
          Plot.pointerX({
            x: "day",
            y: "survival",
            stroke: "arm",
            channels: {
              [t("CI low", "置信下限")]: "low",
              [t("CI high", "置信上限")]: "high",
              [t("at risk", "风险集")]: "atRisk",
            },
            format: {
              y: ".1%",
              [t("CI low", "置信下限")]: ".1%",
              [t("CI high", "置信上限")]: ".1%",
              [t("at risk", "风险集")]: ",d",
            },
          }),
        ),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-km-chart": RlKmChart;
  }
}
