import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { LangController, t } from "../i18n.ts";

export type RunState = "idle" | "running" | "done" | "cancelled" | "failed";

/** Progress of a run (share of members simulated), its Cancel button, and how it ended. */
@customElement("rl-run-status")
export class RlRunStatus extends LitElement {
  static override styles = css`
    :host { display: block; min-height: 2.4rem; }
    .row { display: flex; align-items: center; gap: 0.8rem; }
    progress { flex: 1; height: 0.9rem; accent-color: #4269d0; }
    .text { font-size: 0.9rem; color: #3b4048; font-variant-numeric: tabular-nums; }
    .cancelled { color: #8a5a00; }
    .failed { color: #8e2418; }
    button {
      font: inherit; padding: 0.3rem 1rem; border-radius: 4px; cursor: pointer;
      border: 1px solid #8e2418; background: white; color: #8e2418;
    }
  `;

  @property() state: RunState = "idle";

  /** Share of members done, 0…1. */
  @property({ type: Number }) progress = 0;

  /** What is being run (while running) or why it failed. */
  @property() message = "";

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  private cancel() {
    this.dispatchEvent(new CustomEvent("cancel-run", { bubbles: true, composed: true }));
  }

  override render() {
    switch (this.state) {
      case "running": {
        const percent = Math.floor(this.progress * 100);
        const phase =
          this.progress >= 1 ? t("building the report…", "正在生成报告…") : `${percent} %`;
        return html`<div class="row">
          <progress
            max="1"
            .value=${this.progress}
            aria-label=${t("share of members done", "已模拟会员比例")}
          ></progress>
          <span class="text" role="status">${this.message} — ${phase}</span>
          <button type="button" @click=${this.cancel}>${t("Cancel", "取消")}</button>
        </div>`;
      }
      case "cancelled":
        return html`<p class="text cancelled" role="status">
          ${t("Run cancelled; every worker was stopped.", "运行已取消；所有线程均已停止。")}
        </p>`;
      case "failed":
        return html`<p class="text failed" role="alert">
          ${t(`The run failed: ${this.message}`, `运行失败：${this.message}`)}
        </p>`;
      case "done":
        return html`<p class="text" role="status">${this.message}</p>`;
      default:
        return html`<p class="text">
          ${t("Choose a scenario and strategies, then Run.", "选择场景和策略，然后点击“运行”。")}
        </p>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-run-status": RlRunStatus;
  }
}
