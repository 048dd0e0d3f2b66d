import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Report } from "../../sim/index.ts";
import { LangController, t } from "../i18n.ts";
import { warningsFor } from "../warnings.ts";

/** The ways the run shown may mislead (web/warnings.ts), as a list above the results; none: nothing. */
@customElement("rl-warnings")
export class RlWarnings extends LitElement {
  static override styles = css`
    :host { display: block; }
    div { padding: 0.5rem 0.8rem; border-radius: 4px; border-left: 4px solid #e69f00; background: #fff8e8;
      color: #5c3d00; font-size: 0.9rem; }
    strong { font-weight: 600; }
    ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
  `;

  protected readonly i18n = new LangController(this);

  @property({ attribute: false }) report: Report | null = null;

  override render() {
    const warnings = this.report ? warningsFor(this.report) : [];
    if (warnings.length === 0) return null;
    return html`<div role="note">
      <strong>${t("Read with care:", "请谨慎解读：")}</strong>
      <ul>
        ${warnings.map((w) => html`<li data-warning=${w.id}>${w.text}</li>`)}
      </ul>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-warnings": RlWarnings;
  }
}
