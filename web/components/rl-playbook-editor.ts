import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { LangController, t } from "../i18n.ts";

export type PlaybookInput = { index: number; text: string };

/**
 * One edited playbook as JSON: a labelled textarea, the validator's message under it as you type
 * (the CLI's words, naming the field path), the arm id it runs under, and Remove. The run form
 * holds the text and validates it; this element shows it and reports edits.
 */
@customElement("rl-playbook-editor")
export class RlPlaybookEditor extends LitElement {
  static override styles = css`
    :host { display: block; }
    .head { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5rem; }
    label { font-weight: 600; font-size: 0.85rem; }
    textarea {
      display: block; width: 100%; box-sizing: border-box; margin-top: 0.3rem; min-height: 12rem;
      font: 0.8rem/1.35 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; resize: vertical;
      padding: 0.4rem 0.5rem; border: 1px solid #c5c9d0; border-radius: 4px; background: white;
      tab-size: 2;
    }
    textarea:focus-visible, button:focus-visible { outline: 2px solid #2f55b5; outline-offset: 1px; }
    textarea[aria-invalid="true"] { border-color: #c0392b; background: #fff5f4; }
    .message { margin: 0.3rem 0 0; font-size: 0.82rem; overflow-wrap: anywhere; }
    .error { color: #8e2418; border-left: 3px solid #c0392b; padding-left: 0.5rem; }
    .ok { color: #1d6b3a; }
    code { font-size: 0.8rem; }
    button {
      font: inherit; font-size: 0.8rem; padding: 0.15rem 0.6rem; border-radius: 4px; cursor: pointer;
      border: 1px solid #c5c9d0; background: white;
    }
  `;

  @property({ type: Number }) index = 0;
  @property() text = "";
  /** The validator's message, or null when the playbook is valid. */
  @property() error: string | null = null;
  /** The id the playbook runs under (its own, or a distinct one when it clashes). */
  @property() armId = "";
  /** How many rules the valid playbook has. */
  @property({ type: Number }) rules = 0;
  @property({ type: Boolean }) disabled = false;

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  private emit(name: string, detail: PlaybookInput) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const id = `playbook-${this.index}`;
    const invalid = this.error !== null;
    return html`
      <div class="head">
        <label for=${id}>${t(`Edited playbook ${this.index + 1}`, `自定义打法 ${this.index + 1}`)}</label>
        <button
          type="button"
          aria-label=${t(`Remove edited playbook ${this.index + 1}`, `删除自定义打法 ${this.index + 1}`)}
          ?disabled=${this.disabled}
          @click=${() => this.emit("playbook-remove", { index: this.index, text: this.text })}
        >
          ${t("Remove", "删除")}
        </button>
      </div>
      <textarea
        id=${id}
        name="playbook"
        spellcheck="false"
        autocomplete="off"
        aria-invalid=${invalid ? "true" : "false"}
        aria-describedby=${`${id}-message`}
        .value=${this.text}
        ?disabled=${this.disabled}
        @input=${(e: Event) =>
          this.emit("playbook-input", {
            index: this.index,
            text: (e.target as HTMLTextAreaElement).value,
          })}
      ></textarea>
      ${
        invalid
          ? html`<p id=${`${id}-message`} class="message error" role="alert">${this.error}</p>`
          : html`<p id=${`${id}-message`} class="message ok">
              ${t(
                `✓ valid, ${this.rules} rule${this.rules === 1 ? "" : "s"}; runs as arm`,
                `✓ 有效，${this.rules} 条规则；作为实验组运行：`,
              )}
              <code>${this.armId}</code>
            </p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-playbook-editor": RlPlaybookEditor;
  }
}
