import { css, html, LitElement, unsafeCSS } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Report } from "../../sim/index.ts";
import { SCORE_METRICS, type ScoreCell, scorecard } from "../ab-format.ts";
import { LangController, t } from "../i18n.ts";
import { armColors, TONE_COLORS } from "../palette.ts";
import { strategyName } from "../terms.ts";

/**
 * The scorecard, first among the results: per arm the few numbers a strategist decides on
 * (incremental revenue and net CLV, conversion, members lost to over-messaging, opt-outs,
 * incremental ROI), each against the baseline with its interval where the report has one, and a
 * verdict for the arm coloured by direction (see `scorecard` in web/ab-format.ts).
 */
@customElement("rl-scorecard")
export class RlScorecard extends LitElement {
  static override styles = css`
    :host { display: block; }
    h3 { margin: 0 0 0.2rem; font-size: 1.05rem; }
    p { margin: 0 0 0.5rem; color: #5f6670; font-size: 0.85rem; max-width: 62rem; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.4rem 0.7rem; border-bottom: 1px solid #e4e6ea; vertical-align: top; }
    thead th { text-align: left; border-bottom: 2px solid #c5c9d0; white-space: nowrap; font-size: 0.95rem; }
    thead th small { display: block; font-weight: normal; color: #5f6670; }
    tbody th { text-align: left; font-weight: normal; color: #3b4048; font-size: 0.9rem; max-width: 12rem; }
    td { min-width: 12rem; max-width: 18rem; }
    .value { font-size: 1.1rem; font-weight: 600; }
    .detail { display: block; color: #5f6670; font-size: 0.8rem; }
    .interval { white-space: nowrap; }
    .verdict { display: inline-block; margin-top: 0.2rem; font-size: 0.85rem; font-weight: 600; }
    .verdict::before { margin-right: 0.25rem; }
    .better { color: ${unsafeCSS(TONE_COLORS.better)}; }
    .better::before { content: "▲"; }
    .worse { color: ${unsafeCSS(TONE_COLORS.worse)}; }
    .worse::before { content: "▼"; }
    .leans-better { color: ${unsafeCSS(TONE_COLORS.better)}; font-weight: normal; }
    .leans-better::before { content: "△"; }
    .leans-worse { color: ${unsafeCSS(TONE_COLORS.worse)}; font-weight: normal; }
    .leans-worse::before { content: "▽"; }
    .unclear { color: ${unsafeCSS(TONE_COLORS.unclear)}; font-weight: normal; }
    .unclear::before { content: "○"; }
    .none { color: ${unsafeCSS(TONE_COLORS.unclear)}; font-weight: normal; }
    .swatch { display: inline-block; width: 0.75rem; height: 0.75rem; border-radius: 2px; margin-right: 0.35rem; }
    .tag { font-size: 0.75rem; font-weight: normal; border: 1px solid #c5c9d0; border-radius: 3px; padding: 0 0.3rem; margin-left: 0.3rem; color: #5f6670; }
  `;

  @property({ attribute: false }) report: Report | null = null;

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  private cell(metric: string, cell: ScoreCell) {
    return html`<td data-metric=${metric} data-tone=${cell.verdict.tone}>
      <span class="value">${cell.value}</span>
      <span class="detail">${cell.detail}</span>
      ${cell.interval ? html`<span class="detail interval">${cell.interval}</span>` : null}
      <span class="verdict ${cell.verdict.tone}">${cell.verdict.text}</span>
    </td>`;
  }

  override render() {
    const report = this.report;
    const card = report ? scorecard(report) : null;
    if (!report || !card) return null;
    const colors = armColors(report.arms.map((a) => a.strategy));
    const heading = card.baselineIsControl
      ? t("Scorecard: each arm against the control arm", "评分卡：各组对比对照组（control）")
      : t(
          `Scorecard: each arm against the first arm, ${card.baseline} (no control arm in this run)`,
          `评分卡：各组对比第一组 ${card.baseline}（本次运行没有对照组）`,
        );
    return html`<h3>${heading}</h3>
      <p>
        ${t(
          `Per randomised member, the arm minus the baseline. Verdicts are for the arm: more revenue, CLV, conversion and ROI are better; more members lost to over-messaging or opted out are worse. "Significant" comes from the A/B test at α = ${report.alpha}; a number without a test says "no interval" and gives the direction only.`,
          `按每个随机分组会员计，本组减去基线。结论针对本组：收入、CLV、转化和 ROI 越高越好；因过度营销流失或退订的会员越多越差。“显著”来自 α = ${report.alpha} 的 A/B 检验；没有检验的数字标为“无区间”，只给出方向。`,
        )}
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th></th>
              ${card.arms.map(
                (arm) => html`<th scope="col" data-arm=${arm.strategy}>
                  <span class="swatch" style="background:${colors.get(arm.strategy)}"></span
                  >${arm.strategy}${arm.baseline ? html`<span class="tag">${t("baseline", "基线")}</span>` : null}
                  <small>${strategyName(arm.strategy, arm.strategyName)}</small>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${SCORE_METRICS.map(
              (m) => html`<tr data-metric=${m.id}>
                <th scope="row">${m.label}</th>
                ${card.arms.map((arm) => this.cell(m.id, arm.cells[m.id]))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-scorecard": RlScorecard;
  }
}
