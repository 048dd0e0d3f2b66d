import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { fmt, type Report, SRM_THRESHOLD } from "../../sim/index.ts";
import { pValue } from "../ab-format.ts";
import { LangController, t } from "../i18n.ts";

/**
 * The sample-ratio-mismatch check of a run (report.srm) as a banner: green when the arms' member
 * counts fit the configured split, red when they do not (p < 0.001), since then the randomisation
 * is broken and no A/B result can be trusted.
 */
@customElement("rl-srm-banner")
export class RlSrmBanner extends LitElement {
  static override styles = css`
    :host { display: block; }
    div { padding: 0.5rem 0.8rem; border-radius: 4px; font-size: 0.9rem; border-left: 4px solid; }
    .ok { background: #eef8f0; border-color: #3ca951; color: #1e5b2a; }
    .flagged { background: #fff1ef; border-color: #c0392b; color: #8e2418; }
    strong { font-weight: 600; }
    small { color: inherit; opacity: 0.85; }
  `;

  @property({ attribute: false }) report: Report | null = null;

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  override render() {
    const srm = this.report?.srm;
    if (!srm) return null;
    const counts = srm.counts.map((n) => fmt(n)).join(" / ");
    const expected = srm.expected.map((n) => fmt(n)).join(" / ");
    const test = `χ² ${fmt(srm.chi2, 2)}, p ${pValue(srm.p)}`;
    if (srm.flagged) {
      return html`<div class="flagged" role="alert" data-srm="flagged">
        <strong>${t(`⚠ Sample ratio mismatch (${test}):`, `⚠ 样本比例失衡（${test}）：`)}</strong>
        ${t(
          `the arms got ${counts} members where the split expects ${expected}. The assignment looks broken, so do not trust the A/B tests below.`,
          `各组实际分到 ${counts} 名会员，而预定比例应为 ${expected}。分组看起来有问题，下面的 A/B 检验不可信。`,
        )}
      </div>`;
    }
    return html`<div class="ok" role="status" data-srm="ok">
      <strong>${t(`✓ Sample ratio ok (${test})`, `✓ 样本比例正常（${test}）`)}</strong>
      <small>
        ${t(
          `— ${counts} members against ${expected} expected; flagged below p ${SRM_THRESHOLD}.`,
          `— 实际 ${counts} 名会员，预期 ${expected}；p 低于 ${SRM_THRESHOLD} 时报警。`,
        )}
      </small>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-srm-banner": RlSrmBanner;
  }
}
