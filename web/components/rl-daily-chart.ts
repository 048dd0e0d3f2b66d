import * as Plot from "@observablehq/plot";
import { html } from "lit";
import { customElement, state } from "lit/decorators.js";
import { fmt, pct, type Report } from "../../sim/index.ts";
import { labelled, t } from "../i18n.ts";
import { armScale } from "../palette.ts";
import { CHART_FONT, PlotElement } from "./plot-element.ts";

/** The daily series the chart offers, as `ArmReport.daily` names them. */
const SERIES = [
  labelled({ id: "messages" }, "messages", "消息"),
  labelled({ id: "optOuts" }, "opt-outs", "退订"),
  labelled({ id: "overMessagingChurn" }, "over-messaging churn", "过度营销流失"),
] as const;
type SeriesId = (typeof SERIES)[number]["id"];

/** Days of the moving average that smooths the daily counts. */
const SMOOTH = 7;

/**
 * Messages, opt-outs and over-messaging churn over calendar days, per 1,000 randomised members of
 * each arm, as a 7-day moving average: where the messaging is, and what it costs in members.
 */
@customElement("rl-daily-chart")
export class RlDailyChart extends PlotElement {
  protected get heading(): string {
    return t(
      "Messages, opt-outs and over-messaging churn over time",
      "消息、退订与过度营销流失随时间变化",
    );
  }
  protected get caption(): string {
    return t(
      `Per 1,000 randomised members of each arm and calendar day, ${SMOOTH}-day moving average; pick the series.`,
      `每组每 1,000 名随机分组会员、每个日历日的数量，${SMOOTH} 日移动平均；可选择序列。`,
    );
  }

  @state() private series: SeriesId = "optOuts";

  protected override get reading(): string {
    const report = this.report;
    if (!report) return "";
    return report.arms
      .map((a) => {
        const per = (v: number) => (a.members > 0 ? v / a.members : null);
        return t(
          `${a.strategy}: ${fmt(per(a.messages), 1)} messages per member, ${pct(per(a.optOuts))} opted out, ${pct(per(a.churn.overMessaging))} lost to over-messaging`,
          `${a.strategy}：人均 ${fmt(per(a.messages), 1)} 条消息，${pct(per(a.optOuts))} 退订，${pct(per(a.churn.overMessaging))} 因过度营销流失`,
        );
      })
      .join(t("; ", "；"));
  }

  protected override controls() {
    return html`<div role="radiogroup" aria-label=${t("Series", "序列")} class="series">
      ${SERIES.map(
        (s) => html`<label style="margin-right:1rem;font-size:0.9rem"
          ><input
            type="radio"
            name="daily-series"
            value=${s.id}
            .checked=${this.series === s.id}
            @change=${() => {
              this.series = s.id;
            }}
          />
          ${s.label}</label
        >`,
      )}
    </div>`;
  }

  protected plot(report: Report, width: number): Element {
    const rows: { arm: string; day: number; value: number }[] = [];
    for (const arm of report.arms) {
      const values = arm.daily[this.series];
      const scale = arm.members > 0 ? 1000 / arm.members : 0;
      let sum = 0;
      for (let day = 0; day < values.length; day++) {
        sum += values[day];
        if (day >= SMOOTH) sum -= values[day - SMOOTH];
        rows.push({ arm: arm.strategy, day, value: (sum / Math.min(day + 1, SMOOTH)) * scale });
      }
    }
    const label = SERIES.find((s) => s.id === this.series)?.label ?? this.series;
    return Plot.plot({
      width,
      height: 300,
      marginLeft: 56,
      marginBottom: 40,
      style: { fontSize: `${CHART_FONT}px` },
      x: { label: t("calendar day", "日历日") },
      y: {
        label: t(`${label} per 1,000 members per day`, `每 1,000 名会员每日${label}`),
        grid: true,
        zero: true,
      },
      color: { legend: true, ...armScale(report.arms.map((a) => a.strategy)) },
      marks: [
        Plot.lineY(rows, { x: "day", y: "value", stroke: "arm", strokeWidth: 2 }),
        Plot.tip(
          rows,
          Plot.pointerX({ x: "day", y: "value", stroke: "arm", format: { y: ".2f" } }),
        ),
      ],
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-daily-chart": RlDailyChart;
  }
}
