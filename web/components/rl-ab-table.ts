import { css, html, LitElement, unsafeCSS } from "lit";
import { customElement, property } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import {
  type AbTest,
  ADJUST_METHODS,
  type AdjustMethod,
  type AnalysisOptions,
  type Report,
} from "../../sim/index.ts";
import {
  ADJUST_LABELS,
  ALPHAS,
  adjustSentence,
  armValue,
  betterWay,
  confidence,
  interval,
  lift,
  type MetricKind,
  pValue,
  signed,
  verdict,
} from "../ab-format.ts";
import { LangController, t } from "../i18n.ts";
import { armColors, TONE_COLORS } from "../palette.ts";
import { reportLabel } from "../terms.ts";

/**
 * The A/B table: one row per test of the report (each metric, each arm against the first arm, called
 * the baseline so it is not mistaken for the strategy named control), with the difference and its
 * interval, the relative lift, the adjusted p and a verdict that says better or worse for the arm
 * (fewer opt-outs are better), coloured by that direction. Its α and
 * adjustment pickers fire `analysis-change` with the new `AnalysisOptions`; the page re-runs the
 * analysis, which is part of the run, and hands back a new report.
 */
@customElement("rl-ab-table")
export class RlAbTable extends LitElement {
  static override styles = css`
    :host { display: block; }
    .head { display: flex; justify-content: space-between; align-items: baseline; gap: 0.6rem 1.5rem; flex-wrap: wrap; }
    h3 { margin: 0; font-size: 1rem; }
    .pickers { display: flex; gap: 1rem; font-size: 0.85rem; }
    select { font: inherit; padding: 0.15rem 0.3rem; border: 1px solid #c5c9d0; border-radius: 4px; background: white; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; font-size: 0.86rem; font-variant-numeric: tabular-nums; margin-top: 0.5rem; }
    th, td { padding: 0.3rem 0.5rem; border-bottom: 1px solid #e4e6ea; white-space: nowrap; }
    thead th { text-align: right; border-bottom: 2px solid #c5c9d0; font-weight: 600; white-space: normal; vertical-align: bottom; }
    thead th:first-child, thead th:nth-child(2), thead th:last-child { text-align: left; }
    tbody th { text-align: left; font-weight: normal; color: #3b4048; white-space: normal; min-width: 8rem; max-width: 11rem; }
    td { text-align: right; }
    td.arm { text-align: left; }
    td small, th small, .ci { display: block; color: #5f6670; font-size: 0.78rem; font-weight: normal; }
    td.p { cursor: help; text-decoration: underline dotted #9498a0; }
    .swatch { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 2px; margin-right: 0.35rem; }
    td.verdict { text-align: left; font-weight: 600; white-space: normal; min-width: 6.5rem; }
    /* Coloured by direction for the arm; the words say it too, for readers who cannot see colour. */
    .better { color: ${unsafeCSS(TONE_COLORS.better)}; }
    .worse { color: ${unsafeCSS(TONE_COLORS.worse)}; }
    .unclear, .none { color: ${unsafeCSS(TONE_COLORS.unclear)}; font-weight: normal; }
    .caption { margin: 0.5rem 0 0; color: #5f6670; font-size: 0.8rem; max-width: 62rem; }
    .busy { opacity: 0.55; }
  `;

  @property({ attribute: false }) report: Report | null = null;

  /** True while a re-run is going: the pickers are locked and the table dimmed. */
  @property({ type: Boolean }) busy = false;

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  private change(patch: AnalysisOptions) {
    const report = this.report;
    if (!report) return;
    const detail: AnalysisOptions = { alpha: report.alpha, adjust: report.adjust, ...patch };
    this.dispatchEvent(
      new CustomEvent<AnalysisOptions>("analysis-change", {
        detail,
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** The pickers show the report's α and adjustment (`live`: also after a cancelled re-run). */
  private pickers(report: Report) {
    const alphas = ALPHAS.includes(report.alpha) ? ALPHAS : [...ALPHAS, report.alpha];
    return html`<div class="pickers">
      <label
        >α
        <select
          name="alpha"
          ?disabled=${this.busy}
          @change=${(e: Event) => this.change({ alpha: Number((e.target as HTMLSelectElement).value) })}
        >
          ${alphas.map(
            (a) =>
              html`<option value=${a} .selected=${live(a === report.alpha)}>${a.toFixed(2)}</option>`,
          )}
        </select></label
      >
      <label
        >${t("p adjustment", "p 值校正")}
        <select
          name="adjust"
          ?disabled=${this.busy}
          @change=${(e: Event) =>
            this.change({ adjust: (e.target as HTMLSelectElement).value as AdjustMethod })}
        >
          ${ADJUST_METHODS.map(
            (m) =>
              html`<option value=${m} .selected=${live(m === report.adjust)}>${ADJUST_LABELS[m]}</option>`,
          )}
        </select></label
      >
    </div>`;
  }

  private row(test: AbTest, kind: MetricKind, label: string, color: string) {
    const rawP = `${t("raw p", "原始 p")} ${pValue(test.p)}${
      test.mannWhitneyP === undefined
        ? ""
        : `${t("; ", "；")}Mann–Whitney p ${pValue(test.mannWhitneyP)}`
    } (${test.test})`;
    const said = verdict(test.diff, betterWay(test.metric), test.significant);
    return html`<tr data-metric=${test.metric} data-arm=${test.strategy}>
      <th scope="row">${label}</th>
      <td class="arm">
        <span class="swatch" style="background:${color}"></span>${test.strategy}
        <small>${t(`vs baseline ${test.controlStrategy}`, `对比基线 ${test.controlStrategy}`)}</small>
      </td>
      <td>${armValue(test.control, kind)}</td>
      <td>${armValue(test.treatment, kind)}</td>
      <td class="diff">
        ${signed(test.diff, kind)}<span class="ci">${interval(test.ciLow, test.ciHigh, kind)}</span>
      </td>
      <td>${lift(test.relLift)}</td>
      <td class="p" title=${rawP}>${pValue(test.pAdjusted)}</td>
      <td class="verdict ${said.tone}" data-tone=${said.tone}>${said.text}</td>
    </tr>`;
  }

  override render() {
    const report = this.report;
    if (!report || report.tests.length === 0) return null;
    const metrics = new Map(report.metrics.map((m) => [m.id, m]));
    const baseline = report.arms[0].strategy;
    const colors = armColors(report.arms.map((a) => a.strategy));
    const level = confidence(report.alpha);
    const pHead = report.adjust === "none" ? "p" : t("p (adj.)", "p（校正后）");
    return html`<div class="head">
        <h3>${t(`A/B tests against the baseline, ${baseline}`, `A/B 检验：各组对比基线 ${baseline}`)}</h3>
        ${this.pickers(report)}
      </div>
      <div class="scroll ${this.busy ? "busy" : ""}">
        <table>
          <thead>
            <tr>
              <th scope="col">${t("metric", "指标")}</th>
              <th scope="col">${t("arm", "实验组")}</th>
              <th scope="col">${t("baseline", "基线")}</th>
              <th scope="col">${t("this arm", "本组")}</th>
              <th scope="col">
                ${t("difference", "差异")} <small>[${level} ${t("CI", "置信区间")}]</small>
              </th>
              <th scope="col">${t("relative lift", "相对提升")}</th>
              <th scope="col">${pHead}</th>
              <th scope="col">${t("verdict", "结论")}</th>
            </tr>
          </thead>
          <tbody>
            ${report.tests.map((test) => {
              const metric = metrics.get(test.metric);
              return this.row(
                test,
                metric?.kind ?? "mean",
                reportLabel(metric?.label ?? test.metric),
                colors.get(test.strategy) ?? "",
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="caption">
        ${t(
          `Each arm against the baseline, the first arm (${baseline}). Shares: two-proportion z-test, differences in percentage points (pp); means: Welch t-test, differences in ¥. Intervals are ${level} confidence intervals for the difference.`,
          `各组对比基线，即第一组（${baseline}）。比例：双比例 z 检验，差异以百分点（pp）计；均值：Welch t 检验，差异以 ¥ 计。区间为差异的 ${level} 置信区间。`,
        )}
        ${adjustSentence(report.adjust, report.tests.length)}
        ${t(
          `The verdict is for the arm: "better" or "worse" (fewer opt-outs are better), "significant" when ${pHead} < α = ${report.alpha}, else "no clear difference". Hover a p for the raw p (and, for means, the Mann–Whitney rank test's p, which heavy tails do not sway).`,
          `结论针对本组：“更好”或“更差”（退订越少越好），${pHead} < α = ${report.alpha} 时为“显著”，否则为“无明显差异”。鼠标悬停在 p 值上可看原始 p（均值指标还有不受长尾影响的 Mann–Whitney 秩检验 p）。`,
        )}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-ab-table": RlAbTable;
  }
}
