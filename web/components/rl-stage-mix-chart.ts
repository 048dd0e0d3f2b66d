import * as Plot from "@observablehq/plot";
import { customElement } from "lit/decorators.js";
import { type ArmReport, DEPTHS, pct, type Report, STAGES } from "../../sim/index.ts";
import { t } from "../i18n.ts";
import { DEPTH_COLORS, STAGE_COLORS } from "../palette.ts";
import { depthName, stageName } from "../terms.ts";
import { CHART_FONT, PlotElement } from "./plot-element.ts";

/**
 * A mix over calendar days, one panel per arm side by side on the same axes so the arms compare at
 * a glance: stacked areas as shares of the day's members.
 */
abstract class MixChart extends PlotElement {
  protected abstract readonly names: readonly string[];
  protected abstract readonly colors: Readonly<Record<string, string>>;
  protected abstract mixOf(arm: ArmReport): Record<string, number[]>;
  /** The category the reading quotes at the horizon. */
  protected abstract readonly quoted: string;
  /** A category's name as shown. */
  protected abstract nameOf(name: string): string;

  protected override get reading(): string {
    const report = this.report;
    if (!report) return "";
    const last = report.days - 1;
    const shares = report.arms
      .map((arm) => {
        const mix = this.mixOf(arm);
        const total = this.names.reduce((s, n) => s + (mix[n]?.[last] ?? 0), 0);
        return `${arm.strategy} ${pct(total > 0 ? (mix[this.quoted]?.[last] ?? 0) / total : null)}`;
      })
      .join(t(", ", "，"));
    const quoted = this.nameOf(this.quoted);
    return t(`On the last day, ${quoted}: ${shares}.`, `最后一天，${quoted}占比：${shares}。`);
  }

  protected plot(report: Report, width: number): Element {
    const rows: { arm: string; day: number; name: string; members: number }[] = [];
    for (const arm of report.arms) {
      const mix = this.mixOf(arm);
      for (let day = 0; day < report.days; day++) {
        // Before anyone has joined there is no mix to show.
        if (this.names.every((name) => (mix[name]?.[day] ?? 0) === 0)) continue;
        for (const name of this.names) {
          rows.push({
            arm: arm.strategy,
            day,
            name: this.nameOf(name),
            members: mix[name]?.[day] ?? 0,
          });
        }
      }
    }
    const arms = report.arms.map((a) => a.strategy);
    return Plot.plot({
      width,
      height: 280,
      marginLeft: 48,
      marginTop: 28,
      marginBottom: 40,
      style: { fontSize: `${CHART_FONT}px` },
      x: { label: t("calendar day", "日历日"), ticks: 4 },
      y: { label: t("share", "占比"), tickFormat: "%", ticks: 5 },
      fx: { label: null, domain: arms, padding: 0.08 },
      color: {
        legend: true,
        domain: this.names.map((n) => this.nameOf(n)),
        range: this.names.map((n) => this.colors[n]),
      },
      marks: [
        Plot.areaY(rows, {
          x: "day",
          y: "members",
          fill: "name",
          fx: "arm",
          offset: "normalize",
          order: this.names.map((n) => this.nameOf(n)),
          curve: "step",
        }),
        Plot.frame({ stroke: "#c5c9d0" }),
      ],
    });
  }
}

/** Lifecycle-stage mix over calendar days, arms side by side, as shares of joined members. */
@customElement("rl-stage-mix-chart")
export class RlStageMixChart extends MixChart {
  protected get heading(): string {
    return t("Lifecycle-stage mix", "生命周期阶段构成");
  }
  protected get caption(): string {
    return t(
      "Members who have joined, by lifecycle stage on each calendar day, one panel per arm; churned is the simulator's truth, which a real team never sees.",
      "已入会会员在每个日历日所处的生命周期阶段，每组一个面板；“已流失”是模拟器才知道的真实情况，真实团队看不到。",
    );
  }
  protected readonly names = STAGES;
  protected readonly colors = STAGE_COLORS;
  protected readonly quoted = "stable";
  protected mixOf(arm: ArmReport) {
    return arm.stageMix;
  }
  protected nameOf(name: string) {
    return stageName(name);
  }
}

/** Relationship-depth mix of live members over calendar days, arms side by side. */
@customElement("rl-depth-mix-chart")
export class RlDepthMixChart extends MixChart {
  protected get heading(): string {
    return t("Relationship-depth mix", "关系深度构成");
  }
  protected get caption(): string {
    return t(
      "Live members by relationship depth (basic → member → purchased → repeat → KOC) on each calendar day, one panel per arm.",
      "未流失会员在每个日历日的关系深度（基础用户 → 未购会员 → 已购会员 → 复购会员 → 品牌 KOC），每组一个面板。",
    );
  }
  protected readonly names = DEPTHS;
  protected readonly colors = DEPTH_COLORS;
  protected readonly quoted = "repeat";
  protected mixOf(arm: ArmReport) {
    return arm.depthMix;
  }
  protected nameOf(name: string) {
    return depthName(name);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-stage-mix-chart": RlStageMixChart;
    "rl-depth-mix-chart": RlDepthMixChart;
  }
}
