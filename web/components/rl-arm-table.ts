import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Report } from "../../sim/index.ts";
import { LangController } from "../i18n.ts";
import { armColors } from "../palette.ts";
import { reportRows } from "../report-rows.ts";
import { reportLabel, roiNoteText, strategyName } from "../terms.ts";

/** The per-arm table: one column per arm, the rows of the CLI's `compare` table, and its ROI note. */
@customElement("rl-arm-table")
export class RlArmTable extends LitElement {
  static override styles = css`
    :host { display: block; overflow-x: auto; }
    table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.3rem 0.8rem; border-bottom: 1px solid #e4e6ea; }
    thead th { text-align: right; border-bottom: 2px solid #c5c9d0; white-space: nowrap; }
    tbody th { text-align: left; font-weight: normal; color: #3b4048; }
    td { text-align: right; }
    .swatch { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 2px; margin-right: 0.35rem; }
    small { display: block; font-weight: normal; color: #5f6670; }
    .note { margin: 0.4rem 0 0; color: #5f6670; font-size: 0.8rem; max-width: 62rem; }
  `;

  @property({ attribute: false }) report: Report | null = null;

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  override render() {
    const report = this.report;
    if (!report) return null;
    const colors = armColors(report.arms.map((a) => a.strategy));
    return html`<table>
      <thead>
        <tr>
          <th></th>
          ${report.arms.map(
            (arm) => html`<th scope="col" data-arm=${arm.strategy}>
              <span class="swatch" style="background:${colors.get(arm.strategy)}"></span>${arm.strategy}
              <small>${strategyName(arm.strategy, arm.strategyName)}</small>
            </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${reportRows(report).map(
          (row) => html`<tr>
            <th scope="row">${reportLabel(row.label)}</th>
            ${report.arms.map((arm) => html`<td>${row.cell(arm)}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table>
    <p class="note">${roiNoteText(report)}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-arm-table": RlArmTable;
  }
}
